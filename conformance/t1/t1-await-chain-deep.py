import asyncio

DEPTH = 200


async def down(n):
    if n == 0:
        await asyncio.sleep(0)
        return 0
    below = await down(n - 1)
    return below + n


async def main():
    total = await down(DEPTH)
    print(f"sum over {DEPTH} nested awaits = {total}")


asyncio.run(main())
