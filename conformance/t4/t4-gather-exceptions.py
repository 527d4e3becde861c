import asyncio


async def fail(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def slow(tag):
    await asyncio.sleep(0.05)
    print(f"{tag} finished after the gather had already failed")
    return tag


async def ok(tag):
    await asyncio.sleep(0)
    return tag


def show(results):
    return ", ".join(f"{type(r).__name__}: {r}" if isinstance(r, BaseException) else r for r in results)


async def main():
    results = await asyncio.gather(ok("a"), fail("b failed"), ok("c"), return_exceptions=True)
    print(f"return_exceptions=True -> {show(results)}")
    survivor = asyncio.create_task(slow("survivor"))
    try:
        await asyncio.gather(fail("first error"), survivor)
    except ValueError as exc:
        print(f"gather raised the first error: {exc}")
        print(f"sibling cancelled? {survivor.cancelled()} done? {survivor.done()}")
    print(f"sibling result: {await survivor}")


asyncio.run(main())
