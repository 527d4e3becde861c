import asyncio
from asyncio.subprocess import PIPE


async def main():
    proc = await asyncio.create_subprocess_exec("cat", stdin=PIPE, stdout=PIPE)
    for word in ("one", "two", "three"):
        proc.stdin.write(word.encode() + b"\n")
        await proc.stdin.drain()
        echoed = await proc.stdout.readline()
        print("sent", word, "got", echoed.decode().rstrip("\n"))
    proc.stdin.close()
    rest = await proc.stdout.read()
    print("after close: remaining bytes:", len(rest))
    print("returncode:", await proc.wait())


asyncio.run(main())
