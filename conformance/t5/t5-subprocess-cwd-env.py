import asyncio
from asyncio.subprocess import PIPE


async def run(label, *argv, **kwds):
    proc = await asyncio.create_subprocess_exec(*argv, stdout=PIPE, **kwds)
    out, _ = await proc.communicate()
    print(label + ":", out.decode().strip(), "| returncode", proc.returncode)


async def main():
    await run("cwd=/", "/bin/sh", "-c", "pwd", cwd="/")
    await run("env", "/bin/sh", "-c", 'echo "$TOWER_VALUE"', env={"TOWER_VALUE": "from env"})
    await run("empty env", "/bin/sh", "-c", 'echo "[${TOWER_VALUE-unset}]"', env={})


asyncio.run(main())
