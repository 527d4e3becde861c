import asyncio

loop = asyncio.new_event_loop()


def handler(lp, context):
    exc = context.get("exception")
    print(f"handler: same loop {lp is loop}")
    print(f"handler: has message {isinstance(context.get('message'), str)}")
    print(f"handler: exception {type(exc).__name__}: {exc}")
    print(f"handler: has handle {'handle' in context}")


def boom():
    raise ValueError("callback failed")


def after():
    print("after: the loop kept running")


loop.set_exception_handler(handler)
print(f"get_exception_handler() is handler: {loop.get_exception_handler() is handler}")
loop.call_soon(boom)
loop.call_soon(after)
loop.call_soon(loop.stop)
loop.run_forever()


def direct(lp, context):
    print(f"direct: message={context['message']} custom={context.get('custom')}")


loop.set_exception_handler(direct)
loop.call_exception_handler({"message": "hand-made report", "custom": 1})
loop.set_exception_handler(None)
print(f"handler reset: {loop.get_exception_handler()}")
loop.close()
