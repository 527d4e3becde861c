import asyncio
import time
from concurrent.futures import ProcessPoolExecutor

def cpu_bound_task():
    # Simulate a CPU-bound operation
    total = 0
    for i in range(10**7):
        total += i * i
    print(f"{time.ctime()} CPU-bound task completed with total: {total}")
    return total

async def main():
    print(f"{time.ctime()} Main coroutine started")
    loop = asyncio.get_running_loop()
    
    # Create a ProcessPoolExecutor
    with ProcessPoolExecutor() as executor:
        # Run the CPU-bound task in the executor
        result = await loop.run_in_executor(executor, cpu_bound_task)
    
    print(f"{time.ctime()} Main coroutine completed with result: {result}")

# Run the event loop
asyncio.run(main())
