import asyncio

loop = asyncio.new_event_loop()
handles = {}


def cb(tag):
    print(f"callback {tag}")
    if tag == "A":
        handles["B"].cancel()
        print("  A cancelled B, which is already queued in this batch")
        # U is armed here, not before the loop starts, so that it cannot be
        # due before this batch has run, however late the loop starts.
        handles["U"] = loop.call_later(0.02, cb, "timer U")


handles["A"] = loop.call_soon(cb, "A")
handles["B"] = loop.call_soon(cb, "B")
handles["C"] = loop.call_soon(cb, "C")
handles["D"] = loop.call_soon(cb, "D")
handles["D"].cancel()
handles["T"] = loop.call_later(0.01, cb, "timer T")
handles["T"].cancel()
handles["T"].cancel()
print("D and T cancelled before the loop ran (T twice)")
loop.call_later(0.1, loop.stop)
loop.run_forever()
for tag in "ABDTU":
    print(f"{tag}.cancelled() = {handles[tag].cancelled()}")
loop.close()
