import asyncio
import concurrent.futures
import threading


def where():
    return threading.current_thread().name.split("_")[0]


async def main():
    loop = asyncio.get_running_loop()
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="mine")
    loop.set_default_executor(pool)
    print(f"run_in_executor(None) runs on: {await loop.run_in_executor(None, where)}")
    print(f"to_thread runs on: {await asyncio.to_thread(where)}")
    with concurrent.futures.ProcessPoolExecutor(max_workers=1) as processes:
        try:
            loop.set_default_executor(processes)
            print("set_default_executor(a process pool): accepted")
        except TypeError as exc:
            print(f"set_default_executor(a process pool): TypeError: {exc}")
    print(f"the default is still the thread pool: {await loop.run_in_executor(None, where)}")
    return pool


pool = asyncio.run(main())
try:
    pool.submit(where)
    print("after asyncio.run the pool still accepts work")
except RuntimeError as exc:
    print(f"after asyncio.run the pool is shut down: RuntimeError: {exc}")
