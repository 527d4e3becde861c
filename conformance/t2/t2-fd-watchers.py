import asyncio
import os

loop = asyncio.new_event_loop()
r, w = os.pipe()


def on_writable():
    print("writer called: the pipe's write end is writable")
    print(f"remove_writer inside the callback: {loop.remove_writer(w)}")
    loop.stop()


loop.add_writer(w, on_writable)
loop.run_forever()
print(f"remove_writer again: {loop.remove_writer(w)}")


def replaced_reader():
    print("replaced reader called (never)")


def on_readable(tag):
    data = os.read(r, 1)
    print(f"reader {tag} read {data!r}")
    print(f"remove_reader inside the callback: {loop.remove_reader(r)}")
    os.write(w, b"y")  # the pipe stays readable; the removed reader must not run
    loop.call_soon(loop.call_soon, loop.stop)


print(f"remove_reader before any: {loop.remove_reader(r)}")
loop.add_reader(r, replaced_reader)
loop.add_reader(r, on_readable, "second")
os.write(w, b"x")
loop.run_forever()
print(f"remove_reader again: {loop.remove_reader(r)}")
print(f"left in the pipe: {os.read(r, 10)!r}")
loop.close()
os.close(r)
os.close(w)
