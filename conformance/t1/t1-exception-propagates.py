import asyncio


async def inner():
    try:
        print("inner: raising ValueError")
        await asyncio.sleep(0)
        raise ValueError("deep failure")
    finally:
        print("inner: finally runs")


async def middle():
    try:
        await inner()
        print("middle: not reached")
    finally:
        print("middle: finally runs")


async def outer():
    try:
        await middle()
    except ValueError as exc:
        print(f"outer: caught {type(exc).__name__}: {exc}")
        return "recovered"


async def main():
    result = await outer()
    print(f"main: outer returned {result}")
    try:
        await middle()
    except ValueError as exc:
        print(f"main: caught {type(exc).__name__}: {exc}")


asyncio.run(main())
