import asyncio
import time


def job(n):
    time.sleep(0.05)
    return n + 1


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.run_in_executor(None, job, 1)
    await loop.shutdown_default_executor()
    print("pending job finished before shutdown returned:", fut.done())
    print("its result:", await fut)
    try:
        loop.run_in_executor(None, job, 2)
    except RuntimeError:
        print("run_in_executor after shutdown: RuntimeError")


asyncio.run(main())
