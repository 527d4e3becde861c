import asyncio
import threading


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()

    def deliver(value):
        on_loop_thread = threading.current_thread() is threading.main_thread()
        print(f"callback ran on the loop thread: {on_loop_thread}")
        fut.set_result(value)

    def worker():
        loop.call_soon_threadsafe(deliver, "from thread")

    t = threading.Thread(target=worker)
    t.start()
    value = await fut
    t.join()
    print(f"future set through call_soon_threadsafe: {value}")


asyncio.run(main())
