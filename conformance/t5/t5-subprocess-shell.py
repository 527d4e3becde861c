import asyncio
from asyncio.subprocess import PIPE


async def shell(cmd):
    proc = await asyncio.create_subprocess_shell(cmd, stdout=PIPE)
    out, _ = await proc.communicate()
    print("command:", cmd)
    print("  output:", " ".join(out.decode().split()))
    print("  returncode:", proc.returncode)


async def main():
    await shell("echo $((6 * 7))")
    await shell("printf 'pear\\napple\\nfig\\n' | sort")
    await shell("echo 'a b'; exit 5")


asyncio.run(main())
