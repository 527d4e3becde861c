import asyncio

ran = []


async def body():
    ran.append(True)
    print("body: running (not expected)")


async def main():
    task = asyncio.create_task(body())
    print(f"cancel() before the first step -> {task.cancel()}")
    try:
        await task
    except asyncio.CancelledError:
        print("awaiting it raised CancelledError")
    print(f"body ran: {bool(ran)}; cancelled()={task.cancelled()}")


asyncio.run(main())
