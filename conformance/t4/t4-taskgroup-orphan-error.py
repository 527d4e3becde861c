import asyncio


async def fail():
    await asyncio.sleep(0)
    raise ValueError("too late")


async def parent(children):
    tg = asyncio.TaskGroup()
    await tg.__aenter__()
    children.append(tg.create_task(fail()))
    return "the parent returned inside its group"


async def main():
    loop = asyncio.get_running_loop()
    reported = loop.create_future()

    def handler(loop, context):
        message, exc = context["message"], context["exception"]
        print(f"handler: errored out, parent already completed: "
              f"{'has errored out' in message and message.endswith('is already completed')}; "
              f"{type(exc).__name__}({exc})")
        reported.set_result(None)

    loop.set_exception_handler(handler)
    children = []
    print(await asyncio.create_task(parent(children)))
    await reported
    print(f"the child's exception: {type(children[0].exception()).__name__}")


asyncio.run(main())
