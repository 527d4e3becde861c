import asyncio


def attempt(name, call):
    try:
        call()
        print(f"{name}: accepted")
    except asyncio.InvalidStateError:
        print(f"{name}: InvalidStateError")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    attempt("first set_result", lambda: fut.set_result("first"))
    attempt("second set_result", lambda: fut.set_result("second"))
    attempt("set_exception after result", lambda: fut.set_exception(ValueError("x")))
    print(f"cancel() after result -> {fut.cancel()}")
    print(f"result() is still {fut.result()}")
    cancelled = loop.create_future()
    print(f"cancel() on pending -> {cancelled.cancel()}")
    attempt("set_result after cancel", lambda: cancelled.set_result(1))
    print(f"cancel() again -> {cancelled.cancel()}")


asyncio.run(main())
