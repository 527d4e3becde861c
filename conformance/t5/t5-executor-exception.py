import asyncio
from concurrent.futures import ThreadPoolExecutor


def fail(message):
    raise ValueError(message)


async def main():
    loop = asyncio.get_running_loop()
    with ThreadPoolExecutor(max_workers=1) as pool:
        fut = loop.run_in_executor(pool, fail, "bad input")
        try:
            await fut
        except ValueError as exc:
            print("await raised:", type(exc).__name__, exc)
        print("future done:", fut.done())
        exc = fut.exception()
        print("future exception:", type(exc).__name__, exc)
        # The pool is still usable after a call that raised.
        print("next call:", await loop.run_in_executor(pool, pow, 2, 10))


asyncio.run(main())
