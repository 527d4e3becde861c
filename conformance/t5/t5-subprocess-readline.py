import asyncio
from asyncio.subprocess import PIPE


async def main():
    proc = await asyncio.create_subprocess_exec(
        "/bin/sh", "-c", "printf 'alpha\\nbeta\\ngamma'", stdout=PIPE)
    while True:
        line = await proc.stdout.readline()
        if not line:
            print("eof")
            break
        ending = "newline" if line.endswith(b"\n") else "no newline"
        print("line:", line.decode().rstrip("\n"), f"({ending})")
    print("at_eof:", proc.stdout.at_eof())
    print("returncode:", await proc.wait())


asyncio.run(main())
