import asyncio
import os


def tick(label):
    print(f"tick {label}")


async def main():
    loop = asyncio.get_running_loop()
    base = loop.time() + 100

    def shown(handle):
        # The deadline as an offset from base, the file without its folder.
        text = repr(handle).replace(os.path.abspath(__file__), os.path.basename(__file__))
        if isinstance(handle, asyncio.TimerHandle):
            text = text.replace(f"when={handle.when()}", f"when=base+{handle.when() - base:g}")
        return text

    a = loop.call_at(base, tick, "a")
    b = loop.call_at(base + 1, tick, "b")
    twin = loop.call_at(base, tick, "a")
    soon = loop.call_soon(tick, "soon")
    print(f"a timer: {shown(a)}")
    print(f"a callback: {shown(soon)}")
    print(f"ordered by deadline: a < b {a < b}, a <= b {a <= b}, b > a {b > a}, b >= a {b >= a}, "
          f"a <= a {a <= a}, a >= a {a >= a}, b < a {b < a}")
    print(f"sorted([b, a]) by when(): {[f'base+{h.when() - base:g}' for h in sorted([b, a])]}")
    print(f"same deadline, callback and arguments: a == twin {a == twin}, "
          f"hash(a) == hash(twin) {hash(a) == hash(twin)}; a == b {a == b}, a != b {a != b}")
    try:
        a < 1
    except TypeError as exc:
        print(f"a < 1: TypeError: {exc}")
    print(f"a == 1: {a == 1}")
    twin.cancel()
    print(f"the twin cancelled: {shown(twin)}, a == twin {a == twin}")
    soon.cancel()
    print(f"the callback cancelled: {shown(soon)}")
    a.cancel()
    b.cancel()
    # In debug mode a cancelled handle keeps the description it had, and
    # says where it was created.
    loop.set_debug(True)
    d = loop.call_at(base + 2, tick, "d")
    d.cancel()
    print(f"debug mode, cancelled: {shown(d).split(' created at ')[0]}, "
          f"with where it was created: {' created at ' in shown(d)}")
    print(f"the description is kept: {shown(d) == shown(d)}")
    await asyncio.sleep(0)
    print("only cancelled handles were left: nothing ticked")


asyncio.run(main())
