import asyncio
import threading


def where(tag):
    return tag, threading.get_ident()


async def main():
    loop = asyncio.get_running_loop()
    loop_thread = threading.get_ident()
    tag, worker = await loop.run_in_executor(None, where, "first")
    print("result tag:", tag)
    print("ran on the loop thread:", worker == loop_thread)
    tag, worker = await loop.run_in_executor(None, where, "second")
    print("result tag:", tag)
    print("ran on the loop thread:", worker == loop_thread)


asyncio.run(main())
