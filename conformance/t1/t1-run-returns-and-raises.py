import asyncio


async def ok():
    await asyncio.sleep(0)
    return 42


async def bad():
    await asyncio.sleep(0)
    raise KeyError("missing")


print(f"asyncio.run(ok()) -> {asyncio.run(ok())}")
try:
    asyncio.run(bad())
except KeyError as exc:
    print(f"asyncio.run(bad()) raised {type(exc).__name__}: {exc.args[0]}")
try:
    asyncio.get_running_loop()
    print("a loop is still running")
except RuntimeError:
    print("no running loop after asyncio.run: RuntimeError")
