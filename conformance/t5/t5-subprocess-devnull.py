import asyncio
from asyncio.subprocess import DEVNULL, PIPE


async def main():
    proc = await asyncio.create_subprocess_exec("cat", stdin=DEVNULL, stdout=PIPE)
    out, _ = await proc.communicate()
    print("cat from devnull: bytes:", len(out), "returncode:", proc.returncode)
    print("stdin attribute is None:", proc.stdin is None)

    proc = await asyncio.create_subprocess_exec("/bin/echo", "discarded", stdout=DEVNULL)
    print("stdout attribute is None:", proc.stdout is None)
    print("returncode:", await proc.wait())


asyncio.run(main())
