import asyncio


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("stubborn: cancelled at the timeout, finishes anyway")
        await asyncio.sleep(0)
        return "kept"


async def fails_when_cancelled():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("fails_when_cancelled: cancelled at the timeout")
        raise ValueError("failed while cancelled")


async def main():
    result = await asyncio.wait_for(stubborn(), timeout=1)
    print(f"wait_for returned the value: {result!r}")
    try:
        await asyncio.wait_for(fails_when_cancelled(), timeout=1)
    except asyncio.TimeoutError:
        print("TimeoutError (not expected)")
    except ValueError as e:
        print(f"wait_for raised the inner error: ValueError({e})")


asyncio.run(main())
