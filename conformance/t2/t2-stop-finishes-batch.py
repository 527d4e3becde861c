import asyncio

loop = asyncio.new_event_loop()


def cb(tag):
    print(f"callback {tag}")
    if tag == "B":
        loop.stop()
        print("  B called stop()")


for tag in "ABCD":
    loop.call_soon(cb, tag)
loop.run_forever()
print("run_forever returned after the batch A..D")
print(f"is_running() = {loop.is_running()}")
loop.call_soon(cb, "E")
loop.call_soon(loop.stop)
loop.run_forever()
print("second run_forever returned")
loop.close()
