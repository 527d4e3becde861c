import asyncio


async def precious():
    await asyncio.sleep(0.05)
    print("precious: finished despite the cancellation")
    return "kept"


async def guarded(inner):
    try:
        await asyncio.shield(inner)
    except asyncio.CancelledError:
        print("guarded: CancelledError")
        raise


async def main():
    inner = asyncio.create_task(precious())
    outer = asyncio.create_task(guarded(inner))
    await asyncio.sleep(0)
    outer.cancel()
    try:
        await outer
    except asyncio.CancelledError:
        print(f"outer cancelled={outer.cancelled()}; inner cancelled={inner.cancelled()} done={inner.done()}")
    print(f"inner result: {await inner}")


asyncio.run(main())
