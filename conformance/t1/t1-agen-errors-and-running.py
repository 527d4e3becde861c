import asyncio


async def failing():
    yield "first"
    raise ValueError("generator failed")


async def slow():
    await asyncio.sleep(0)      # suspended inside the body, not at a yield
    yield "slow"


async def stubborn():
    try:
        yield 1
    finally:
        yield 2                 # ignores GeneratorExit


async def never_started():
    try:
        yield 1
    finally:
        print("never_started: finally (not expected)")


async def main():
    gen = failing()
    print(f"anext: {await anext(gen)}")
    try:
        await anext(gen)
    except ValueError as exc:
        print(f"anext: ValueError({exc})")
    try:
        await anext(gen)
    except StopAsyncIteration:
        print("anext after the error: StopAsyncIteration")

    gen = slow()
    first = asyncio.ensure_future(anext(gen))
    await asyncio.sleep(0)
    try:
        await anext(gen)
    except RuntimeError as exc:
        print(f"anext while running: RuntimeError({exc})")
    try:
        await gen.aclose()
    except RuntimeError as exc:
        print(f"aclose while running: RuntimeError({exc})")
    print(f"first anext: {await first}")
    await gen.aclose()

    gen = stubborn()
    print(f"anext: {await anext(gen)}")
    try:
        await gen.aclose()
    except RuntimeError as exc:
        print(f"aclose: RuntimeError({exc})")

    gen = never_started()
    await gen.aclose()
    print("aclose of a generator never started: its body did not run")


asyncio.run(main())
