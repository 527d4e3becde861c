import asyncio


async def main():
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(0.05) as cm:
            try:
                await asyncio.sleep(10)
            except asyncio.CancelledError:
                print("body: cancelled when the deadline passed")
                raise
    except TimeoutError:
        print(f"timeout(0.05): TimeoutError, expired()={cm.expired()}")
    try:
        async with asyncio.timeout_at(loop.time() + 0.05) as cm:
            await asyncio.sleep(10)
    except TimeoutError:
        print(f"timeout_at(now+0.05): TimeoutError, expired()={cm.expired()}")
    async with asyncio.timeout(5) as cm:
        await asyncio.sleep(0)
    print(f"body finished in time: expired()={cm.expired()}")
    async with asyncio.timeout(None) as cm:
        print(f"timeout(None).when() = {cm.when()}")
        cm.reschedule(loop.time() + 0.05)
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("rescheduled deadline reached")
            raise
    print("not reached")


try:
    asyncio.run(main())
except TimeoutError:
    print("the rescheduled timeout raised TimeoutError out of main")
