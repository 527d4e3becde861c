import asyncio
import concurrent.futures
import threading


async def sleeper(started, finished):
    started.set()
    try:
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("coroutine: CancelledError at its await")
        finished.set_result(None)
        raise


def cancel_from_a_thread(loop, started, finished):
    cf = asyncio.run_coroutine_threadsafe(sleeper(started, finished), loop)
    started.wait()
    return cf.cancel(), cf.cancelled()


async def main():
    loop = asyncio.get_running_loop()
    started = threading.Event()
    finished = loop.create_future()
    worker = asyncio.create_task(asyncio.to_thread(cancel_from_a_thread, loop, started, finished))
    await finished
    cancel, cancelled = await worker
    print(f"cancel() from the thread: {cancel}, cancelled(): {cancelled}")

    cf = concurrent.futures.Future()
    wrapped = asyncio.wrap_future(cf)
    thread = threading.Thread(target=cf.set_exception, args=(ValueError("set by a thread"),))
    thread.start()
    try:
        await wrapped
    except ValueError as exc:
        print(f"await wrap_future(a concurrent future a thread fails): ValueError({exc})")
    thread.join()

    cf = concurrent.futures.Future()
    wrapped = asyncio.wrap_future(cf)
    thread = threading.Thread(target=cf.cancel)
    thread.start()
    try:
        await wrapped
    except asyncio.CancelledError:
        print("await wrap_future(a concurrent future a thread cancels): CancelledError")
    thread.join()
    print(f"the wrapper is cancelled: {wrapped.cancelled()}")


asyncio.run(main())
