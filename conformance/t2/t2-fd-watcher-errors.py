import asyncio
import errno
import os
import tempfile

loop = asyncio.new_event_loop()
r, w = os.pipe()
os.close(r)
try:
    loop.add_reader(r, print, "never")
    print("add_reader on a closed descriptor: accepted")
except OSError as exc:
    print(f"add_reader on a closed descriptor: {type(exc).__name__} {errno.errorcode[exc.errno]}")
print(f"remove_reader of it: {loop.remove_reader(r)}")
with tempfile.TemporaryFile() as f:
    try:
        loop.add_writer(f.fileno(), print, "never")
        print("add_writer on a regular file: accepted")
    except OSError as exc:
        print(f"add_writer on a regular file: {type(exc).__name__} {errno.errorcode[exc.errno]}")
    print(f"remove_writer of it: {loop.remove_writer(f.fileno())}")
try:
    loop.add_reader(-1, print, "never")
except ValueError as exc:
    print(f"add_reader(-1): ValueError: {exc}")
loop.add_writer(w, print, "never")
loop.close()
try:
    loop.add_writer(w, print, "never")
except RuntimeError as exc:
    print(f"add_writer on a closed loop: RuntimeError: {exc}")
print(f"remove_writer on a closed loop: {loop.remove_writer(w)}")
os.close(w)
