import asyncio

async def fetch_data():
    print("📥 Fetching data...")
    await asyncio.sleep(2)  # Simulate I/O-bound operation
    print("✅ Data fetched")
    return "Data"

async def process_data(data):
    print(f"🔄 Processing {data}...")
    await asyncio.sleep(1)  # Simulate processing time
    print("✅ Data processed")

async def main():
    # Tier 4: Creating Tasks
    task_fetch = asyncio.create_task(fetch_data())
    
    # Await the fetch task to get the data
    data = await task_fetch
    
    # Tier 4: Creating another Task
    task_process = asyncio.create_task(process_data(data))
    
    # Await the process task
    await task_process

# Run the event loop
asyncio.run(main())
