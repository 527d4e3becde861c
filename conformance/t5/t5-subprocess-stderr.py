import asyncio
from asyncio.subprocess import PIPE, STDOUT

SCRIPT = "echo out1; echo err1 >&2; echo out2; echo err2 >&2"


def show(label, data):
    print(label + ":", " ".join(data.decode().split()))


async def main():
    proc = await asyncio.create_subprocess_exec("/bin/sh", "-c", SCRIPT, stdout=PIPE, stderr=PIPE)
    out, err = await proc.communicate()
    show("separate stdout", out)
    show("separate stderr", err)

    proc = await asyncio.create_subprocess_exec("/bin/sh", "-c", SCRIPT, stdout=PIPE, stderr=STDOUT)
    out, err = await proc.communicate()
    show("merged stdout", out)
    print("merged stderr is None:", err is None)
    print("proc.stderr is None:", proc.stderr is None)


asyncio.run(main())
