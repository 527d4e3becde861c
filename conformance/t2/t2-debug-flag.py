import asyncio

loop = asyncio.new_event_loop()
other = asyncio.new_event_loop()
print(f"get_debug() of a new loop: {loop.get_debug()}")
loop.set_debug(True)
print(f"after set_debug(True): {loop.get_debug()}")
print(f"another loop is unaffected: {other.get_debug()}")
loop.set_debug(False)
print(f"after set_debug(False): {loop.get_debug()}")
other.close()
loop.close()
