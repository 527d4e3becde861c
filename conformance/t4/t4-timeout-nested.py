import asyncio


async def main():
    try:
        async with asyncio.timeout(10) as outer:
            try:
                async with asyncio.timeout(0.05) as inner:
                    await asyncio.sleep(10)
            except TimeoutError:
                print(f"inner expired={inner.expired()} outer expired={outer.expired()}")
            me = asyncio.current_task()
            print(f"cancelling() after the inner timeout: {me.cancelling()}")
            await asyncio.sleep(0)
            print("outer body continues normally")
    except TimeoutError:
        print("outer: TimeoutError (not expected)")
    print(f"outer expired={outer.expired()}")


asyncio.run(main())
