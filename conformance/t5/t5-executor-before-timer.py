import asyncio
import time


def job():
    time.sleep(0.05)
    return "job result"


async def main():
    loop = asyncio.get_running_loop()
    fired = []
    loop.call_later(5, fired.append, "timer")
    # The loop has nothing to do but wait for the worker thread.  The 5 s
    # timer and the 5 s timeout must not run first: a runtime with a virtual
    # clock may not jump past work still running in another thread.
    result = await asyncio.wait_for(loop.run_in_executor(None, job), timeout=5)
    print("result:", result)
    print("timer fired first:", bool(fired))


asyncio.run(main())
