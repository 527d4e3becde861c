import asyncio


async def worker(tag):
    print(f"{tag} started")
    await asyncio.sleep(0)
    print(f"{tag} resumed")
    return tag


async def main():
    tasks = [asyncio.create_task(worker(tag), name=f"worker-{tag}") for tag in "ABC"]
    print("three tasks created; none has started")
    print(f"done: {' '.join(str(t.done()) for t in tasks)}")
    await asyncio.sleep(0)
    print("main resumed after one sleep(0)")
    results = [await t for t in tasks]
    print(f"results: {', '.join(results)}")


asyncio.run(main())
