import asyncio

async def task1():
    print("📝 Task 1 started")
    await asyncio.sleep(2)
    print("📝 Task 1 completed")
    return "Result of Task 1"

async def task2():
    print("📝 Task 2 started")
    await asyncio.sleep(1)
    print("📝 Task 2 completed")
    return "Result of Task 2"

async def main():
    # Creating Tasks
    task_a = asyncio.create_task(task1())
    task_b = asyncio.create_task(task2())
    
    print("🎯 Both tasks have been started.")
    
    # Awaiting Tasks
    result_a = await task_a
    result_b = await task_b
    
    print(f"✅ {result_a}")
    print(f"✅ {result_b}")

# Run the event loop
asyncio.run(main())
