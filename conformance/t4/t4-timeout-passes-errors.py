import asyncio


def reschedule_after_exit(cm):
    try:
        cm.reschedule(None)
        print("reschedule() after the block: accepted")
    except RuntimeError as exc:
        print(f"reschedule() after the block: RuntimeError({exc})")


async def main():
    try:
        async with asyncio.timeout(5) as cm:
            await asyncio.sleep(0)
            raise ValueError("raised in the block")
    except ValueError as exc:
        print(f"before the deadline: ValueError({exc}) passes, expired()={cm.expired()}")
    reschedule_after_exit(cm)
    try:
        async with asyncio.timeout(0.05) as cm:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                raise RuntimeError("raised instead of the cancellation")
    except TimeoutError:
        print("at the deadline: TimeoutError (not expected)")
    except RuntimeError as exc:
        print(f"at the deadline: RuntimeError({exc}) passes, expired()={cm.expired()}")
    reschedule_after_exit(cm)
    print(f"cancelling() afterwards: {asyncio.current_task().cancelling()}")


asyncio.run(main())
