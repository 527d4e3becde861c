import asyncio


async def body(tag):
    print(f"body {tag} runs")
    return tag


async def main():
    first = body("A")
    print("called body(A); nothing ran yet")
    never = body("B")
    print("called body(B); nothing ran yet")
    never.close()
    print("closed body(B) without awaiting it")
    value = await first
    print(f"awaited body(A) -> {value}")


asyncio.run(main())
