import asyncio


async def coroutine_function():
    pass


def report(loop, context):
    pass


async def main():
    loop = asyncio.get_running_loop()
    # The callback checks are debug mode's; the argument checks are always made.
    loop.set_debug(True)
    attempts = [
        ("call_soon(a coroutine function)", lambda: loop.call_soon(coroutine_function)),
        ("call_soon(42)", lambda: loop.call_soon(42)),
        ("call_soon_threadsafe(a coroutine function)",
         lambda: loop.call_soon_threadsafe(coroutine_function)),
        ("call_later(None, print)", lambda: loop.call_later(None, print)),
        ("call_later(0, a coroutine function)", lambda: loop.call_later(0, coroutine_function)),
        ("call_at(None, print)", lambda: loop.call_at(None, print)),
        ("run_in_executor(None, a coroutine function)",
         lambda: loop.run_in_executor(None, coroutine_function)),
        ("set_task_factory(42)", lambda: loop.set_task_factory(42)),
        ("set_exception_handler(42)", lambda: loop.set_exception_handler(42)),
    ]
    for what, attempt in attempts:
        try:
            attempt()
            print(f"{what}: accepted")
        except TypeError as exc:
            print(f"{what}: TypeError: {exc}")
    print(f"the task factory is unchanged: {loop.get_task_factory()}")
    loop.set_exception_handler(report)
    print(f"a callable exception handler is taken: {loop.get_exception_handler() is report}")
    loop.set_exception_handler(None)
    print(f"None restores the default: {loop.get_exception_handler()}")
    await asyncio.sleep(0)
    print("nothing was scheduled")
    loop.set_debug(False)


asyncio.run(main())
