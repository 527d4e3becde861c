import asyncio


def cb(tag, *extra):
    print(f"callback {tag} extra args: {len(extra)} {extra[0] if extra else '-'}")


loop = asyncio.new_event_loop()
for i in range(1, 6):
    loop.call_soon(cb, i, i * 10)
loop.call_soon(cb, "last")
print("scheduled six callbacks; none has run yet")
loop.call_soon(loop.stop)
loop.run_forever()
print("run_forever returned")
loop.call_soon(loop.stop)
loop.run_forever()
print("second run_forever returned; nothing ran twice")
loop.close()
