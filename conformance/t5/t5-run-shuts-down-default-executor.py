import asyncio
import time

log = []


def slow_job():
    time.sleep(0.2)
    log.append("job finished")


async def main():
    loop = asyncio.get_running_loop()
    # Submitted to the default executor and never awaited.
    loop.run_in_executor(None, slow_job)
    log.append("main returned")


asyncio.run(main())
log.append("asyncio.run returned")
for entry in log:
    print(entry)
