import asyncio

def callback(future):
    print("🔗 Callback invoked.")
    future.set_result("Result from callback")

async def main():
    loop = asyncio.get_running_loop()
    
    # Create a Future
    future = loop.create_future()
    
    # Simulate an asynchronous event that triggers the callback;
    # the callback is scheduled once, as a timer, and is not also
    # registered as a done callback of the Future it completes
    loop.call_later(1, callback, future)
    
    # Await the Future's result
    result = await future
    print(f"✅ Future completed with result: {result}")

# Run the coroutine
asyncio.run(main())
