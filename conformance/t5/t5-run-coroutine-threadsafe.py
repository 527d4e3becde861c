import asyncio
import concurrent.futures
import threading


async def add(a, b):
    await asyncio.sleep(0.01)
    return a + b


async def fails():
    raise ValueError("raised in the loop")


async def forever():
    await asyncio.sleep(3600)


def from_another_thread(loop):
    lines = []
    fut = asyncio.run_coroutine_threadsafe(add(2, 3), loop)
    lines.append(f"run_coroutine_threadsafe(add(2, 3)).result(): {fut.result(timeout=10)}")
    fut = asyncio.run_coroutine_threadsafe(fails(), loop)
    try:
        fut.result(timeout=10)
    except ValueError as exc:
        lines.append(f"a coroutine that raises: result() raises ValueError: {exc}")
    fut = asyncio.run_coroutine_threadsafe(forever(), loop)
    try:
        fut.result(timeout=0.05)
    except TimeoutError:
        lines.append("result(timeout=0.05) of a coroutine still running: TimeoutError")
    lines.append(f"cancel() from the thread: {fut.cancel()}")
    try:
        fut.result(timeout=10)
    except concurrent.futures.CancelledError:
        lines.append("result() after cancel(): CancelledError")
    return lines


async def main():
    loop = asyncio.get_running_loop()
    for line in await asyncio.to_thread(from_another_thread, loop):
        print(line)

    cf = concurrent.futures.Future()
    thread = threading.Thread(target=cf.set_result, args=("set by a thread",))
    wrapped = asyncio.wrap_future(cf)
    thread.start()
    print(f"await wrap_future(a concurrent future): {await wrapped}")
    thread.join()
    cf = concurrent.futures.Future()
    wrapped = asyncio.wrap_future(cf)
    wrapped.cancel()
    await asyncio.sleep(0)
    print(f"cancelling the wrapper cancels the concurrent future: {cf.cancelled()}")
    own = loop.create_future()
    print(f"wrap_future(an asyncio future) is that future: {asyncio.wrap_future(own) is own}")


asyncio.run(main())
