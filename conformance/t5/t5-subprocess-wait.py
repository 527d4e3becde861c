import asyncio


async def waiter(name, proc):
    code = await proc.wait()
    print(name, "saw", code)


async def main():
    proc = await asyncio.create_subprocess_exec("/bin/sh", "-c", "sleep 0.3; exit 7")
    print("returncode while running:", proc.returncode)
    # Two tasks wait for the same child; both see the same status.
    await asyncio.gather(waiter("first", proc), waiter("second", proc))
    print("returncode after exit:", proc.returncode)
    print("wait again:", await proc.wait())


asyncio.run(main())
