import asyncio
import time
from concurrent.futures import ThreadPoolExecutor

def blocking_task():
    # Simulate a blocking I/O operation
    time.sleep(2)
    print(f"{time.ctime()} Blocking task completed")
    return "Blocking Task Result"

async def main():
    print(f"{time.ctime()} Main coroutine started")
    loop = asyncio.get_running_loop()
    
    # Create a ThreadPoolExecutor
    with ThreadPoolExecutor() as executor:
        # Run the blocking task in the executor
        result = await loop.run_in_executor(executor, blocking_task)
    
    print(f"{time.ctime()} Main coroutine completed with result: {result}")

# Run the event loop
asyncio.run(main())
