import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fired = []
    loop.call_later(5, fired.append, "timer")
    proc = await asyncio.create_subprocess_exec("sleep", "0.05")
    # Only the child is running.  The 5 s timer and the 5 s timeout must not
    # run first: a runtime with a virtual clock may not jump past a live child.
    code = await asyncio.wait_for(proc.wait(), timeout=5)
    print("returncode:", code)
    print("timer fired first:", bool(fired))


asyncio.run(main())
