import asyncio


async def inner():
    return "never"


async def main():
    coro = inner()
    try:
        asyncio.run(coro)
    except RuntimeError as exc:
        print(f"asyncio.run in a running loop: RuntimeError({exc})")
    coro.close()
    coro = inner()
    runner = asyncio.Runner()
    try:
        runner.run(coro)
    except RuntimeError as exc:
        print(f"Runner.run in a running loop: RuntimeError({exc})")
    runner.close()
    coro.close()


asyncio.run(main())

loop = asyncio.new_event_loop()
fut = loop.create_future()
loop.call_soon(loop.stop)
try:
    loop.run_until_complete(fut)
except RuntimeError as exc:
    print(f"run_until_complete, loop stopped first: RuntimeError({exc})")
print(f"the future is still pending: {not fut.done()}")
fut.set_result("late")
print(f"run_until_complete, afterwards: {loop.run_until_complete(fut)}")
other = asyncio.new_event_loop()
foreign = other.create_future()
try:
    loop.run_until_complete(foreign)
except ValueError as exc:
    print(f"run_until_complete of another loop's future: ValueError({exc})")
other.close()
loop.close()
