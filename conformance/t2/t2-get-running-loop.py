import asyncio

loop = asyncio.new_event_loop()
try:
    asyncio.get_running_loop()
    print("outside: a loop is running")
except RuntimeError:
    print("outside: get_running_loop raises RuntimeError")


def cb():
    print(f"inside callback: get_running_loop() is loop: {asyncio.get_running_loop() is loop}")
    print(f"inside callback: is_running() = {loop.is_running()}")
    loop.stop()


loop.call_soon(cb)
print(f"before: is_running() = {loop.is_running()}")
loop.run_forever()
print(f"after: is_running() = {loop.is_running()}")
loop.close()
