import asyncio
import threading


def blocking(gate):
    # Blocks its worker thread until the event loop opens the gate.
    opened = gate.wait(10)
    return "released by the loop" if opened else "never released"


async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    gate = threading.Event()
    fut = loop.run_in_executor(None, blocking, gate)
    await asyncio.create_task(ticker())
    print("executor future done while blocked:", fut.done())
    gate.set()
    print("result:", await fut)


asyncio.run(main())
