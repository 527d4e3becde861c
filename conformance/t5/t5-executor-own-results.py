import asyncio
import time
from concurrent.futures import ThreadPoolExecutor


def job(n):
    # Later submissions finish first: each future must still get its own result.
    time.sleep(0.02 * (4 - n))
    return n * n


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=4) as pool:
        futs = [loop.run_in_executor(pool, job, n) for n in range(4)]
        for n, fut in enumerate(futs):
            print(f"job {n} -> {await fut}")
        results = await asyncio.gather(*(loop.run_in_executor(pool, job, n) for n in range(4)))
        print("gathered:", " ".join(str(r) for r in results))


asyncio.run(main())
