import asyncio

loop = asyncio.new_event_loop()


def cb(tag):
    print(f"callback {tag}")


loop.call_later(0, cb, "delay 0")
loop.call_later(-1, cb, "delay -1")
loop.call_later(-0.5, cb, "delay -0.5")
loop.call_at(loop.time() - 2, cb, "at now-2")
loop.call_later(0.05, loop.stop)
loop.run_forever()
loop.close()
