import asyncio

loop = asyncio.new_event_loop()


def cb(tag):
    print(f"callback {tag}")


loop.call_soon(cb, "soon A")
loop.call_later(0, cb, "later(0) B")
loop.call_soon(cb, "soon C")
loop.call_later(0.05, loop.stop)
loop.run_forever()
loop.close()
