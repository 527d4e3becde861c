import asyncio

async def greet():
    print("🌟 Coroutine started")
    await asyncio.sleep(1)
    print("🌟 Coroutine ended")

async def main():
    await greet()

# Run the event loop
asyncio.run(main())
