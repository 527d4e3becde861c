import asyncio
import contextvars

request = contextvars.ContextVar("request", default="unset")


def read_var():
    return request.get()


def write_var():
    request.set("changed in thread")
    return request.get()


async def main():
    request.set("req-42")
    print("seen by to_thread:", await asyncio.to_thread(read_var))
    print("set in thread:", await asyncio.to_thread(write_var))
    # The thread ran in a copy of the context: the caller's value is unchanged.
    print("caller after:", request.get())


asyncio.run(main())
