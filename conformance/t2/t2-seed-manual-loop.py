import asyncio

async def say_hello():
    print("👋 Hello, World!")
    await asyncio.sleep(1)
    print("👋 Goodbye, World!")

async def main():
    # Obtain the current event loop
    loop = asyncio.get_event_loop()
    
    # Run the coroutine until it completes
    loop.run_until_complete(say_hello())
    
    # Close the loop
    loop.close()

# Run the main coroutine
main()
