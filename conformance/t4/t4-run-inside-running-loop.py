import asyncio


async def inner():
    return "never"


async def main():
    coro = inner()
    try:
        asyncio.run(coro)
        print("asyncio.run inside a running loop: accepted")
    except RuntimeError as exc:
        print(f"asyncio.run inside a running loop: RuntimeError: {exc}")
    finally:
        coro.close()
    runner = asyncio.Runner()
    coro = inner()
    try:
        runner.run(coro)
        print("Runner.run inside a running loop: accepted")
    except RuntimeError as exc:
        print(f"Runner.run inside a running loop: RuntimeError: {exc}")
    finally:
        coro.close()
    runner.close()
    print("a Runner that never ran closes: done")
    print(f"the running loop goes on: {await asyncio.sleep(0, 'yes')}")


print(f"result: {asyncio.run(main())}")
