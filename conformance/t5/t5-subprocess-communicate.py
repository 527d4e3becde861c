import asyncio
from asyncio.subprocess import PIPE


async def main():
    proc = await asyncio.create_subprocess_exec("cat", stdin=PIPE, stdout=PIPE)
    out, err = await proc.communicate(b"ping\npong\n")
    print("stdout lines:", " ".join(out.decode().split("\n")[:-1]))
    print("stdout bytes:", len(out))
    print("stderr is None:", err is None)
    print("returncode:", proc.returncode)

    # Input larger than any pipe buffer: communicate() writes and reads at once.
    big = bytes(range(256)) * 1024
    proc = await asyncio.create_subprocess_exec("cat", stdin=PIPE, stdout=PIPE)
    out, _ = await proc.communicate(big)
    print("large input: bytes back:", len(out), "identical:", out == big)
    print("returncode:", proc.returncode)


asyncio.run(main())
