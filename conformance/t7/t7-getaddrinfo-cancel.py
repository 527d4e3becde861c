import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    task = asyncio.create_task(loop.getaddrinfo(
        "localhost", 80, family=socket.AF_INET, type=socket.SOCK_STREAM))
    await asyncio.sleep(0)  # the task has handed the lookup to the executor
    print(f"cancel requested: {task.cancel()}")
    try:
        await task
    except asyncio.CancelledError:
        print(f"the lookup's task is cancelled: {task.cancelled()}")
    infos = await loop.getaddrinfo("localhost", 80, family=socket.AF_INET, type=socket.SOCK_STREAM)
    print(f"the next lookup works: {infos[0][4]}")


asyncio.run(main())
