import asyncio
from asyncio.subprocess import DEVNULL


async def run(label, *argv):
    proc = await asyncio.create_subprocess_exec(*argv, stdout=DEVNULL)
    code = await proc.wait()
    print(label, "->", code, "(attribute", str(proc.returncode) + ")")


async def main():
    await run("true", "true")
    await run("false", "false")
    await run("exit 3", "/bin/sh", "-c", "exit 3")
    await run("exit 255", "/bin/sh", "-c", "exit 255")


asyncio.run(main())
