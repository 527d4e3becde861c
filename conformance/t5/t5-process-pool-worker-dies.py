import asyncio
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool


def die():
    os._exit(3)  # the worker process vanishes without answering


def double(n):
    return 2 * n


async def main():
    loop = asyncio.get_running_loop()
    pool = ProcessPoolExecutor(max_workers=1)
    print("before:", await loop.run_in_executor(pool, double, 21))
    try:
        await asyncio.wait_for(loop.run_in_executor(pool, die), timeout=10)
    except BrokenProcessPool:
        print("worker died: BrokenProcessPool")
    try:
        await loop.run_in_executor(pool, double, 1)
    except BrokenProcessPool:
        print("pool refuses new work: BrokenProcessPool")
    pool.shutdown()


asyncio.run(main())
