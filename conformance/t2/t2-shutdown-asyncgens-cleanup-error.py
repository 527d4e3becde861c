import asyncio


async def fails_on_close():
    try:
        yield 1
    finally:
        await asyncio.sleep(0)
        raise ValueError("cleanup failed")


kept = None


def handler(loop, context):
    message = context["message"]
    prefix = "an error occurred during closing of asynchronous generator"
    print(f"handler: message starts {prefix!r}: {message.startswith(prefix)}")
    print(f"handler: exception={context['exception']!r}")


async def main():
    global kept
    asyncio.get_running_loop().set_exception_handler(handler)
    kept = fails_on_close()
    print(f"anext: {await anext(kept)}")
    print("main returns with a generator suspended")


asyncio.run(main())
print("asyncio.run returned")
