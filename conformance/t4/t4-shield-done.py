import asyncio


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    done.set_result("ready")
    print(f"shield(done future) is the future itself: {asyncio.shield(done) is done}")
    print(f"await shield(done future): {await asyncio.shield(done)}")
    failed = loop.create_future()
    failed.set_exception(ValueError("failed before"))
    try:
        await asyncio.shield(failed)
        print("await shield(failed future): returned (not expected)")
    except ValueError as exc:
        print(f"await shield(failed future): ValueError({exc})")


asyncio.run(main())
