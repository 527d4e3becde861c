import asyncio


async def main():
    lock = asyncio.Lock()
    try:
        lock.release()
    except RuntimeError:
        print("release of an unlocked lock: RuntimeError")
    try:
        async with lock:
            print("inside: locked", lock.locked())
            raise KeyError("boom")
    except KeyError:
        print("after an exception in the block: locked", lock.locked())
    print("acquire returns:", await lock.acquire())
    lock.release()


asyncio.run(main())
