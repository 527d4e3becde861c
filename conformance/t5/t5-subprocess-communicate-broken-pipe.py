import asyncio
from asyncio.subprocess import PIPE


async def main():
    # The child closes its standard input, says so, and exits without
    # reading anything.
    proc = await asyncio.create_subprocess_exec(
        "/bin/sh", "-c", "exec 0<&-; echo closed stdin", stdin=PIPE, stdout=PIPE)
    line = await proc.stdout.readline()
    print("child says:", line.decode().strip())
    print("child exited with", await proc.wait())
    await asyncio.sleep(0.05)  # let the loop notice the closed pipe
    # Writing the input now fails (broken pipe or lost connection);
    # communicate() must ignore that and still return.
    out, err = await proc.communicate(b"x" * (1024 * 1024))
    print("communicate returned; further output bytes:", len(out))
    print("returncode:", proc.returncode)


asyncio.run(main())
