import asyncio

saw_cancel = []


async def child(tag):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        saw_cancel.append(tag)
        raise


async def main():
    kids = [asyncio.create_task(child(t)) for t in "AB"]
    group = asyncio.gather(*kids)
    await asyncio.sleep(0)
    print(f"group.cancel() -> {group.cancel()}")
    try:
        await group
    except asyncio.CancelledError:
        print("awaiting the gather raised CancelledError")
    print(f"children that saw CancelledError: {', '.join(sorted(saw_cancel))}")
    print(f"children cancelled: {' '.join(str(k.cancelled()) for k in kids)}")


asyncio.run(main())
