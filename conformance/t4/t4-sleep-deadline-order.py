import asyncio


async def sleeper(tag, delay):
    await asyncio.sleep(delay)
    print(f"{tag} woke")
    return tag


async def main():
    tasks = [
        asyncio.create_task(sleeper("slow 0.3 s", 0.3)),
        asyncio.create_task(sleeper("fast 0.1 s", 0.1)),
        asyncio.create_task(sleeper("mid 0.2 s", 0.2)),
    ]
    print(f"results in creation order: {', '.join(await asyncio.gather(*tasks))}")


asyncio.run(main())
