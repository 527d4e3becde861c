"""The anchors' side of the benchmarks: each workload on an asyncio event loop.

Run as `python3 anchors.py LOOP WORKLOAD` with LOOP `asyncio` or `uvloop`; prints
one line `<workload> <value> <unit>`, the format the reference runtime's
benchmark programs print too.
"""
import asyncio
import sys
import time

SPAWN_TASKS = 200_000
PING_PONG_ROUNDS = 200_000
TIMERS = 200_000
IDLE_TASKS = 100_000
SWITCHES = 500_000


async def spawn():
    async def one():
        await asyncio.sleep(0)
    start = time.perf_counter()
    await asyncio.gather(*(one() for _ in range(SPAWN_TASKS)))
    return "spawn", SPAWN_TASKS / (time.perf_counter() - start), "tasks/s"


async def ping_pong():
    loop = asyncio.get_running_loop()
    box = {}

    async def player(me, other, serve):
        for _ in range(PING_PONG_ROUNDS):
            if serve:
                box[other].set_result(None)
                box[me] = loop.create_future()
                await box[me]
            else:
                box[me] = loop.create_future()
                await box[me]
                box[other].set_result(None)

    start = time.perf_counter()
    box["b"] = loop.create_future()
    ponger = asyncio.create_task(player("b", "a", False))
    await asyncio.sleep(0)
    box["a"] = loop.create_future()
    await asyncio.gather(player("a", "b", True), ponger)
    return "pingpong", PING_PONG_ROUNDS / (time.perf_counter() - start), "round-trips/s"


async def timers():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    remaining = TIMERS

    def fire():
        nonlocal remaining
        remaining -= 1
        if remaining == 0:
            done.set_result(None)

    start = time.perf_counter()
    for i in range(TIMERS):
        loop.call_later((i % 1000) / 100_000, fire)  # spread over 0-10 ms
    await done
    return "timers", TIMERS / (time.perf_counter() - start), "timers/s"


def resident_bytes():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


async def idle_memory():
    loop = asyncio.get_running_loop()
    gate = loop.create_future()

    async def idle():
        await gate

    before = resident_bytes()
    tasks = [asyncio.create_task(idle()) for _ in range(IDLE_TASKS)]
    await asyncio.sleep(0)  # every task runs to its await and suspends
    per_task = (resident_bytes() - before) / IDLE_TASKS
    gate.set_result(None)
    await asyncio.gather(*tasks)
    return "idle-memory", per_task, "bytes/task"


async def switch():
    start = time.perf_counter()
    for _ in range(SWITCHES):
        await asyncio.sleep(0)
    return "switch", (time.perf_counter() - start) * 1e9 / SWITCHES, "ns/switch"


WORKLOADS = {"spawn": spawn, "pingpong": ping_pong, "timers": timers,
             "idle-memory": idle_memory, "switch": switch}


def main(loop_name, workload):
    if loop_name == "uvloop":
        import uvloop
        uvloop.install()
    name, value, unit = asyncio.run(WORKLOADS[workload]())
    print(f"{name} {value:.1f} {unit}")


if __name__ == "__main__":
    main(*sys.argv[1:])
