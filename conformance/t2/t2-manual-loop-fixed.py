import asyncio

async def say_hello():
    print("👋 Hello, World!")
    await asyncio.sleep(1)
    print("👋 Goodbye, World!")

def main():
    # Create a new event loop (none is running here)
    loop = asyncio.new_event_loop()
    try:
        # Run the coroutine until it completes
        loop.run_until_complete(say_hello())
    finally:
        # Close the loop
        loop.close()

# Call the plain function main(); it drives the loop itself
main()
