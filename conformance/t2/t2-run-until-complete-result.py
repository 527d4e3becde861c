import asyncio


async def ok():
    await asyncio.sleep(0)
    return "coroutine result"


async def bad():
    await asyncio.sleep(0)
    raise LookupError("coroutine error")


loop = asyncio.new_event_loop()
print(f"run_until_complete(coroutine) -> {loop.run_until_complete(ok())}")
try:
    loop.run_until_complete(bad())
except LookupError as exc:
    print(f"run_until_complete(failing coroutine) raised {type(exc).__name__}: {exc}")
fut = loop.create_future()
loop.call_soon(fut.set_result, "future result")
print(f"run_until_complete(future) -> {loop.run_until_complete(fut)}")
done = loop.create_future()
done.set_result("already done")
print(f"run_until_complete(done future) -> {loop.run_until_complete(done)}")
loop.close()
