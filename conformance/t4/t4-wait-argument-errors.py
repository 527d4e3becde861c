import asyncio


async def work():
    await asyncio.sleep(0)
    return "done"


async def attempt(what, make):
    try:
        await make()
        print(f"{what}: accepted")
    except (TypeError, ValueError) as exc:
        print(f"{what}: {type(exc).__name__}: {exc}")


async def main():
    task = asyncio.create_task(work())
    await attempt("wait on an empty set", lambda: asyncio.wait(set()))
    coro = work()
    await attempt("wait on a coroutine", lambda: asyncio.wait([coro]))
    coro.close()
    try:
        await asyncio.wait([task], return_when="SOMETIMES")
        print("an unknown return_when: accepted")
    except ValueError:
        print("an unknown return_when: ValueError")
    print(f"the task was left alone: {await task}")


asyncio.run(main())
