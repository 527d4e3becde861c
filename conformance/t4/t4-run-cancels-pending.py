import asyncio


async def background():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("background: cancelled at exit, cleaning up")
        await asyncio.sleep(0)
        print("background: cleanup finished")
        raise


async def main():
    asyncio.create_task(background())
    await asyncio.sleep(0)
    print("main: returning with a task still pending")
    return "main result"


print(f"asyncio.run -> {asyncio.run(main())}")
