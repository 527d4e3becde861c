import asyncio

loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
print(f"get_event_loop() is the loop set: {asyncio.get_event_loop() is loop}")


async def main():
    running = asyncio.get_running_loop()
    print(f"while another loop runs, get_event_loop() is the running loop: "
          f"{asyncio.get_event_loop() is running and running is not loop}")


other = asyncio.new_event_loop()
other.run_until_complete(main())
print(f"after it stops, get_event_loop() is the loop set again: {asyncio.get_event_loop() is loop}")
print(f"the loop set runs as any loop: {loop.run_until_complete(asyncio.sleep(0, 'ran'))}")
asyncio.set_event_loop(None)
try:
    asyncio.get_event_loop()
    print("after set_event_loop(None): a loop")
except RuntimeError:
    print("after set_event_loop(None): RuntimeError, no current loop")
other.close()
loop.close()
