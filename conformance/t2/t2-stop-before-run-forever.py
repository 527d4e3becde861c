import asyncio

loop = asyncio.new_event_loop()


def cb(tag):
    print(f"callback {tag}")
    if not tag.endswith("+"):
        loop.call_soon(cb, tag + "+")


def guard():
    print("guard: run_forever was still running after 1 s")
    loop.stop()


loop.call_soon(cb, "A")
loop.call_soon(cb, "B")
watchdog = loop.call_later(1, guard)
loop.stop()
print("stop() called before run_forever()")
loop.run_forever()
print("run_forever returned after one pass")
watchdog.cancel()
loop.run_until_complete(asyncio.sleep(0))
print("the next run_until_complete ran the deferred callbacks")
loop.close()
