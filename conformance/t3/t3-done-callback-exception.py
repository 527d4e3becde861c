import asyncio

loop = asyncio.new_event_loop()


def handler(lp, context):
    exc = context.get("exception")
    print(f"handler: {type(exc).__name__}: {exc}")


def bad(fut):
    print("bad callback: raising")
    raise RuntimeError("callback failure")


def good(fut):
    print(f"good callback: result={fut.result()}")


loop.set_exception_handler(handler)
fut = loop.create_future()
fut.add_done_callback(bad)
fut.add_done_callback(good)
fut.set_result("ok")
loop.call_soon(loop.stop)
loop.run_forever()
print(f"future unaffected: result={fut.result()}")
loop.close()
