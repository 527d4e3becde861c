import asyncio
import signal


async def stop(how):
    proc = await asyncio.create_subprocess_exec("sleep", "10")
    print(how, "returncode before:", proc.returncode)
    if how == "terminate":
        proc.terminate()
    elif how == "kill":
        proc.kill()
    else:
        proc.send_signal(signal.SIGUSR1)
    code = await proc.wait()
    if how == "send_signal":
        print(how, "returncode is -SIGUSR1:", code == -signal.SIGUSR1)
    else:
        print(how, "returncode after:", code)


async def main():
    await stop("terminate")
    await stop("kill")
    await stop("send_signal")


asyncio.run(main())
