import asyncio
import concurrent.futures
import threading


def blocker(loop, started, release):
    loop.call_soon_threadsafe(started.set_result, None)
    release.wait()
    return "done"


def never():
    print("a cancelled call ran (not expected)")


async def main():
    loop = asyncio.get_running_loop()
    release = threading.Event()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    started = loop.create_future()
    first = loop.run_in_executor(pool, blocker, loop, started, release)
    second = loop.run_in_executor(pool, never)
    third = loop.run_in_executor(pool, never)
    await started
    second.cancel()
    await asyncio.sleep(0)
    pool.shutdown(wait=False, cancel_futures=True)
    release.set()
    print(f"the running call: {await first}")
    for name, fut in (("cancelled", second), ("queued at shutdown", third)):
        try:
            await fut
        except asyncio.CancelledError:
            print(f"the {name} call: cancelled={fut.cancelled()}")
    try:
        loop.run_in_executor(pool, never)
    except RuntimeError as e:
        print(f"after shutdown: RuntimeError: {e}")
    pool.shutdown(wait=True)


asyncio.run(main())
