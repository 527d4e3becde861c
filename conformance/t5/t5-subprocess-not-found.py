import asyncio
import errno
from asyncio.subprocess import DEVNULL


async def main():
    for program in ("/nonexistent/tower-no-such-program", "tower-no-such-program"):
        try:
            await asyncio.create_subprocess_exec(program, "arg")
        except FileNotFoundError as exc:
            print(program, "->", type(exc).__name__, errno.errorcode[exc.errno])
        else:
            print(program, "-> started")
    # Through the shell the program is the shell, which exits with 127.
    proc = await asyncio.create_subprocess_shell("tower-no-such-program", stderr=DEVNULL)
    print("shell returncode:", await proc.wait())


asyncio.run(main())
