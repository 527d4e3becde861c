import asyncio

loop = asyncio.new_event_loop()


def cb(tag):
    print(f"callback {tag}")
    if tag == "A":
        loop.stop()
        loop.call_soon(cb, "scheduled by A")
        print("  A called stop() and scheduled a new callback")


loop.call_soon(cb, "A")
loop.call_soon(cb, "B")
loop.run_forever()
print("run_forever returned")
loop.call_soon(loop.stop)
loop.run_forever()
print("second run_forever returned")
loop.close()
