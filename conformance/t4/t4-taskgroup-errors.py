import asyncio


async def fail(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def sibling():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("sibling: cancelled by the group")
        raise


async def main():
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("one"))
            tg.create_task(fail("two"))
            s = tg.create_task(sibling())
            print("body: tasks created")
    except* ValueError as eg:
        msgs = sorted(str(e) for e in eg.exceptions)
        print(f"{type(eg).__name__} of {len(eg.exceptions)} ValueError: {', '.join(msgs)}")
    print(f"sibling cancelled: {s.cancelled()}")
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(asyncio.sleep(0.01, result="a"))
        b = tg.create_task(asyncio.sleep(0.02, result="b"))
    print(f"clean group waited for all: {a.result()} {b.result()}")


asyncio.run(main())
