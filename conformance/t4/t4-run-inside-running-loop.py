import asyncio


async def inner():
    return "never"


def attempt(what, run):
    coro = inner()
    try:
        run(coro)
        print(f"{what} inside a running loop: accepted")
    except RuntimeError as exc:
        print(f"{what} inside a running loop: RuntimeError: {exc}")
    finally:
        coro.close()


async def main():
    attempt("asyncio.run", asyncio.run)
    runner = asyncio.Runner()
    attempt("Runner.run", runner.run)
    runner.close()
    print("a Runner that never ran closes: done")
    print(f"the running loop goes on: {await asyncio.sleep(0, 'yes')}")


print(f"result: {asyncio.run(main())}")
