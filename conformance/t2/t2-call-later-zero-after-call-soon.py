import asyncio

loop = asyncio.new_event_loop()
ran = []


def cb(tag):
    print(f"callback {tag}")
    ran.append(tag)
    # Stop once all three have run, not at a time: a timer could fall due
    # before them on a loaded machine and change what the scenario tests.
    if len(ran) == 3:
        loop.stop()


loop.call_soon(cb, "soon A")
loop.call_later(0, cb, "later(0) B")
loop.call_soon(cb, "soon C")
loop.run_forever()
loop.close()
