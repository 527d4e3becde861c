import asyncio


async def other():
    return "never"


async def main():
    loop = asyncio.get_running_loop()
    print(f"is_running() inside = {loop.is_running()}")
    coro = other()
    try:
        loop.run_until_complete(coro)
        print("run_until_complete: no error")
    except RuntimeError:
        print("run_until_complete on the running loop: RuntimeError")
    finally:
        coro.close()
    try:
        loop.run_forever()
        print("run_forever: no error")
    except RuntimeError:
        print("run_forever on the running loop: RuntimeError")
    try:
        loop.close()
        print("close: no error")
    except RuntimeError:
        print("close on the running loop: RuntimeError")
    await asyncio.sleep(0)
    print("the loop still works")
    return "done"


loop = asyncio.new_event_loop()
print(f"is_running() before = {loop.is_running()}")
print(f"run_until_complete -> {loop.run_until_complete(main())}")
print(f"is_running() after = {loop.is_running()}")
loop.close()
