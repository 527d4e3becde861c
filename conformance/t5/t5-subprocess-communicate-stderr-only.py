import asyncio
from asyncio.subprocess import DEVNULL, PIPE


def show(label, data):
    print(f"{label}:", None if data is None else data.decode().strip())


async def main():
    proc = await asyncio.create_subprocess_exec(
        "/bin/sh", "-c", "echo out; echo err >&2", stdout=DEVNULL, stderr=PIPE)
    out, err = await proc.communicate()
    show("stdout", out)
    show("stderr", err)

    proc = await asyncio.create_subprocess_exec(
        "/bin/sh", "-c", "cat >&2", stdin=PIPE, stdout=DEVNULL, stderr=PIPE)
    out, err = await proc.communicate(b"fed\n")
    show("stdout with input", out)
    show("stderr with input", err)


asyncio.run(main())
