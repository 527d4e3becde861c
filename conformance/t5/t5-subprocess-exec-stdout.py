import asyncio
from asyncio.subprocess import PIPE


async def main():
    proc = await asyncio.create_subprocess_exec("/bin/echo", "hello", "world", stdout=PIPE)
    data = await proc.stdout.read()
    code = await proc.wait()
    print("stdout:", data.decode().rstrip("\n"))
    print("bytes:", len(data))
    print("returncode:", code)
    print("stdin is None:", proc.stdin is None)
    print("stderr is None:", proc.stderr is None)


asyncio.run(main())
