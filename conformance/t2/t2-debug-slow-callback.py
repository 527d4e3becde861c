import asyncio
import logging
import re
import time

THRESHOLD = 0.05


class Reports(logging.Handler):
    """asyncio's slow-callback warnings, without the measured duration."""

    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        text = record.getMessage()
        what = re.match(r"Executing (<Handle slow_callback\b|<Task \w+ name='blocker')", text)
        took = re.search(r" took (\d+\.\d+) seconds$", text)
        if what and took:
            subject = "the handle of slow_callback" if what.group(1).startswith("<Handle") \
                else what.group(1)
            self.lines.append(f"reported: Executing {subject}..., took at least "
                              f"slow_callback_duration: {float(took.group(1)) >= THRESHOLD}")


def slow_callback():
    time.sleep(2 * THRESHOLD)
    print("slow callback ran")


async def blocker():
    time.sleep(2 * THRESHOLD)
    print("blocker: blocked the loop in its first step")
    await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_debug(True)
    loop.slow_callback_duration = THRESHOLD
    print(f"debug mode: {loop.get_debug()}, slow_callback_duration: {loop.slow_callback_duration}")
    reports = Reports()
    logging.getLogger("asyncio").addHandler(reports)
    loop.call_soon(slow_callback)
    await asyncio.sleep(0)
    await asyncio.create_task(blocker(), name="blocker")
    logging.getLogger("asyncio").removeHandler(reports)
    for line in reports.lines:
        print(line)


asyncio.run(main())
