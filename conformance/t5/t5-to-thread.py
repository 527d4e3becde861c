import asyncio
import threading


def join(a, b, *, sep):
    return f"{a}{sep}{b}", threading.get_ident()


def fail(code):
    raise KeyError(code)


async def main():
    loop_thread = threading.get_ident()
    text, worker = await asyncio.to_thread(join, "left", "right", sep="+")
    print("result:", text)
    print("ran on the loop thread:", worker == loop_thread)
    try:
        await asyncio.to_thread(fail, "missing")
    except KeyError as exc:
        print("raised:", type(exc).__name__, exc.args[0])


asyncio.run(main())
