import asyncio
from asyncio.subprocess import PIPE


async def main():
    proc = await asyncio.create_subprocess_exec(
        "/bin/sh", "-c", "echo short; printf '%080d\\n' 0; echo after",
        stdout=PIPE, limit=32)
    print("first line:", (await proc.stdout.readline()).decode().strip())
    try:
        await proc.stdout.readline()
    except ValueError:
        print("line longer than limit: ValueError")
    rest = await proc.stdout.read()
    print("returncode:", await proc.wait())


asyncio.run(main())
