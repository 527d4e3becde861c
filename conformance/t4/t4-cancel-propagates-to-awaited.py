import asyncio


async def inner():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("inner: cancelled")
        raise


async def outer(child):
    try:
        await child
    except asyncio.CancelledError:
        print("outer: cancelled")
        raise


async def main():
    child = asyncio.create_task(inner())
    parent = asyncio.create_task(outer(child))
    await asyncio.sleep(0)
    parent.cancel()
    await asyncio.gather(parent, child, return_exceptions=True)
    print(f"parent cancelled={parent.cancelled()} child cancelled={child.cancelled()}")


asyncio.run(main())
