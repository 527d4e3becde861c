import asyncio

loop = asyncio.new_event_loop()
other = asyncio.new_event_loop()
fut = other.create_future()
try:
    loop.run_until_complete(fut)
    print("run_until_complete with a future of another loop: accepted")
except ValueError as exc:
    print(f"run_until_complete with a future of another loop: ValueError: {exc}")
print(f"the future is untouched: done() is {fut.done()}")
print(f"the loop still runs: {loop.run_until_complete(asyncio.sleep(0, 'yes'))}")
other.close()
loop.close()
