import asyncio
import os
import signal


async def main():
    task = asyncio.current_task()
    try:
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print(f"main task cancelled, cancelling() = {task.cancelling()}")
        await asyncio.sleep(0)
        print("main task cleaned up after the cancellation")
        raise


print(f"SIGINT handler before: default_int_handler: "
      f"{signal.getsignal(signal.SIGINT) is signal.default_int_handler}")
try:
    asyncio.run(main())
    print("asyncio.run returned")
except KeyboardInterrupt:
    print("asyncio.run raised KeyboardInterrupt")
print(f"SIGINT handler after: default_int_handler: "
      f"{signal.getsignal(signal.SIGINT) is signal.default_int_handler}")


async def suppresses():
    try:
        os.kill(os.getpid(), signal.SIGINT)
        await asyncio.sleep(3600)
    except asyncio.CancelledError:
        print("main task cancelled, and it suppresses the cancellation")
    return "finished"


try:
    print(f"asyncio.run returned {asyncio.run(suppresses())!r}")
except KeyboardInterrupt:
    print("asyncio.run raised KeyboardInterrupt")
