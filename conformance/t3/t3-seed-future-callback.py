import asyncio

def callback(future):
    print("🔗 Callback invoked.")
    future.set_result("Result from callback")

async def main():
    loop = asyncio.get_running_loop()
    
    # Create a Future
    future = loop.create_future()
    
    # Add a callback to set the result of the Future
    future.add_done_callback(callback)
    
    # Simulate an asynchronous event that triggers the callback
    loop.call_later(1, callback, future)
    
    # Await the Future's result
    result = await future
    print(f"✅ Future completed with result: {result}")

# Run the coroutine
asyncio.run(main())
