import asyncio
import threading


async def main():
    loop = asyncio.get_running_loop()
    loop.set_debug(True)
    done = loop.create_future()
    results = []

    def from_another_thread():
        calls = (
            ("call_soon", lambda: loop.call_soon(print, "never")),
            ("call_later", lambda: loop.call_later(0, print, "never")),
            ("call_at", lambda: loop.call_at(loop.time(), print, "never")),
        )
        for name, call in calls:
            try:
                call()
                results.append(f"{name} from another thread: accepted")
            except RuntimeError as exc:
                results.append(f"{name} from another thread: RuntimeError: {exc}")
        loop.call_soon_threadsafe(done.set_result, None)

    thread = threading.Thread(target=from_another_thread)
    thread.start()
    await done
    thread.join()
    for line in results:
        print(line)
    loop.call_soon(print, "call_soon from the loop's own thread: runs")
    await asyncio.sleep(0)


asyncio.run(main())
