import asyncio
import gc
import warnings


async def forgotten():
    print("never printed")


async def main():
    loop = asyncio.get_running_loop()
    loop.set_debug(True)
    await asyncio.sleep(0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        coro = forgotten()
        del coro
        gc.collect()
        closed = forgotten()
        closed.close()
        del closed
        gc.collect()
        awaited = forgotten()
        await awaited
        del awaited
        gc.collect()
    print(f"reports: {len(caught)}")
    for warning in caught:
        print(f"reported: {str(warning.message).splitlines()[0]}")


asyncio.run(main())
