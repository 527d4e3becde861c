import asyncio


async def party(name, barrier):
    async with barrier as pos:
        print(name, "passed with position", pos)


async def main():
    barrier = asyncio.Barrier(3)
    tasks = [asyncio.create_task(party(f"p{i}", barrier)) for i in range(3)]
    await asyncio.gather(*tasks)


asyncio.run(main())
