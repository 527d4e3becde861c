import asyncio


async def work():
    return 1


loop = asyncio.new_event_loop()
print(f"is_closed() before = {loop.is_closed()}")
loop.call_soon(print, "discarded callback ran")
loop.close()
print(f"is_closed() after = {loop.is_closed()}")
loop.close()
print("second close(): no error")
for name, call in [
    ("call_soon", lambda: loop.call_soon(print, "x")),
    ("call_later", lambda: loop.call_later(0, print, "x")),
    ("run_forever", lambda: loop.run_forever()),
]:
    try:
        call()
        print(f"{name} on a closed loop: no error")
    except RuntimeError:
        print(f"{name} on a closed loop: RuntimeError")
coro = work()
try:
    loop.run_until_complete(coro)
    print("run_until_complete on a closed loop: no error")
except RuntimeError:
    print("run_until_complete on a closed loop: RuntimeError")
finally:
    coro.close()
