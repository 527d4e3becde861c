import asyncio


async def main():
    try:
        asyncio.Semaphore(-1)
    except ValueError:
        print("Semaphore(-1): ValueError")
    sem = asyncio.Semaphore(0)
    print("Semaphore(0) locked:", sem.locked())
    sem.release()
    sem.release()  # a plain Semaphore may be released more often than acquired
    print("after two releases locked:", sem.locked())
    print("acquire:", await sem.acquire(), "acquire:", await sem.acquire())
    print("locked:", sem.locked())

    bounded = asyncio.BoundedSemaphore(2)
    await bounded.acquire()
    bounded.release()
    print("balanced release: ok")
    try:
        bounded.release()
    except ValueError:
        print("BoundedSemaphore released too often: ValueError")
    print("bounded locked:", bounded.locked())
    await bounded.acquire()
    await bounded.acquire()
    print("bounded after two acquires locked:", bounded.locked())


asyncio.run(main())
