import asyncio


async def waiter(fut):
    try:
        await fut
        print("waiter: not reached")
    except asyncio.CancelledError as exc:
        print(f"waiter: CancelledError msg={exc.args[0] if exc.args else None}")
        return "waiter handled it"


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    fut.add_done_callback(lambda f: print(f"done callback: cancelled()={f.cancelled()}"))
    task = asyncio.create_task(waiter(fut))
    await asyncio.sleep(0)
    print(f"cancel('stop') -> {fut.cancel('stop')}")
    print(f"cancel('again') -> {fut.cancel('again')}")
    print(f"done() = {fut.done()}, cancelled() = {fut.cancelled()}")
    print(f"task -> {await task}")
    try:
        fut.result()
    except asyncio.CancelledError as exc:
        print(f"result(): CancelledError msg={exc.args[0] if exc.args else None}")
    plain = loop.create_future()
    plain.cancel()
    try:
        plain.result()
    except asyncio.CancelledError as exc:
        print(f"cancel() without msg: CancelledError msg={exc.args[0] if exc.args else None}")


asyncio.run(main())
