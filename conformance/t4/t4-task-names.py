import asyncio


async def noop():
    await asyncio.sleep(0)


async def main():
    named = asyncio.create_task(noop(), name="alpha")
    print(f"create_task(name='alpha').get_name() = {named.get_name()}")
    named.set_name("beta")
    print(f"after set_name('beta'): {named.get_name()}")
    unnamed = asyncio.create_task(noop())
    print(f"default name is a str: {isinstance(unnamed.get_name(), str)}")
    print(f"default names differ: {unnamed.get_name() != asyncio.current_task().get_name()}")
    await asyncio.gather(named, unnamed)


asyncio.run(main())
