import asyncio
import os
from concurrent.futures import ProcessPoolExecutor


def sum_of_squares(n):
    return sum(i * i for i in range(n))


def checked_root(n):
    if n < 0:
        raise ValueError("negative input")
    return int(n ** 0.5)


def pid():
    return os.getpid()


async def main():
    loop = asyncio.get_running_loop()
    with ProcessPoolExecutor(max_workers=2) as pool:
        results = await asyncio.gather(
            *(loop.run_in_executor(pool, sum_of_squares, n) for n in (10, 100, 1000)))
        print("results:", " ".join(str(r) for r in results))
        print("root:", await loop.run_in_executor(pool, checked_root, 144))
        try:
            await loop.run_in_executor(pool, checked_root, -1)
        except ValueError as exc:
            print("raised:", type(exc).__name__, exc)
        child = await loop.run_in_executor(pool, pid)
        print("ran in another process:", child != os.getpid())
    print("pool shut down")


asyncio.run(main())
