import asyncio

calls = 0


def counting_factory(loop, coro, **options):  # options: context, from 3.11
    global calls
    calls += 1
    on_running_loop = loop is asyncio.get_running_loop()
    print(f"factory call {calls}: given the running loop: {on_running_loop}")
    return asyncio.Task(coro, loop=loop, **options)


async def double(n):
    return n * 2


async def main():
    loop = asyncio.get_running_loop()
    print(f"get_task_factory() by default: {loop.get_task_factory()}")
    loop.set_task_factory(counting_factory)
    print(f"get_task_factory() is the factory: {loop.get_task_factory() is counting_factory}")
    print(f"asyncio.create_task through the factory: {await asyncio.create_task(double(21))}")
    print(f"loop.create_task through the factory: {await loop.create_task(double(4))}")
    loop.set_task_factory(None)
    print(f"get_task_factory() after set_task_factory(None): {loop.get_task_factory()}")
    print(f"create_task without the factory: {await asyncio.create_task(double(5))}")
    print(f"factory calls in all: {calls}")


asyncio.run(main())
