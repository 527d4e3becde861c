import asyncio
import time


def fire(tag):
    print(f"timer {tag}")


async def main():
    loop = asyncio.get_running_loop()
    base = loop.time()
    loop.call_at(base + 0.030, fire, "at+30ms")
    loop.call_at(base + 0.010, fire, "at+10ms")
    loop.call_at(base + 0.020, fire, "at+20ms")
    loop.call_at(base + 0.011, fire, "at+11ms")
    loop.call_later(0.250, fire, "later 250ms")
    loop.call_later(0.150, fire, "later 150ms")
    loop.call_at(base + 0.040, fire, "at+40ms")
    # Block the loop past the first four deadlines: they are all overdue
    # together when it next looks, on every machine however loaded, and
    # must still run earliest first.
    time.sleep(0.05)
    await asyncio.sleep(0.4)
    print("all timers done")


asyncio.run(main())
