"""The anchors' side of the benchmarks: each workload on an asyncio event loop.

Run as `python3 anchors.py LOOP WORKLOAD` with LOOP `asyncio` or `uvloop`; prints
one line `<workload> <value> <unit>`, the format the reference runtime's
benchmark programs print too.
"""
import asyncio
import socket
import sys
import time

SPAWN_TASKS = 200_000
PING_PONG_ROUNDS = 200_000
TIMERS = 200_000
IDLE_TASKS = 100_000
SWITCHES = 500_000
QUEUE_ITEMS = 200_000
QUEUE_MAXSIZE = 100
LOCK_TASKS = 4
LOCK_ROUNDS = 50_000
EXECUTOR_ROUNDS = 20_000
SPAWNS = 300
RESOLVE_NAMES = 100
RESOLVE_TICK = 0.001
RESOLVE_IDLE_MAX = 2.0


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


async def queue():
    # One producer and one consumer through a bounded queue (the book,
    # "Queues and locks"); the consumer checks the sum.
    q = asyncio.Queue(QUEUE_MAXSIZE)

    async def producer():
        for i in range(QUEUE_ITEMS):
            await q.put(i)

    async def consumer():
        total = 0
        for _ in range(QUEUE_ITEMS):
            total += await q.get()
        return total

    start = time.perf_counter()
    _, total = await asyncio.gather(producer(), consumer())
    assert total == QUEUE_ITEMS * (QUEUE_ITEMS - 1) // 2
    return "queue", QUEUE_ITEMS / (time.perf_counter() - start), "items/s"


async def lock_handoff():
    # Tasks contending for one lock, each holding it across one yield, so
    # every acquisition after the first is a hand-off.
    lock = asyncio.Lock()
    count = 0

    async def contender():
        nonlocal count
        for _ in range(LOCK_ROUNDS):
            async with lock:
                count += 1
                await asyncio.sleep(0)

    start = time.perf_counter()
    await asyncio.gather(*(contender() for _ in range(LOCK_TASKS)))
    assert count == LOCK_TASKS * LOCK_ROUNDS
    return "lock-handoff", (count - 1) / (time.perf_counter() - start), "hand-offs/s"


async def executor_roundtrip():
    loop = asyncio.get_running_loop()

    def nothing():
        return None

    await loop.run_in_executor(None, nothing)  # the first call starts the thread
    start = time.perf_counter()
    for _ in range(EXECUTOR_ROUNDS):
        await loop.run_in_executor(None, nothing)
    return "executor-roundtrip", EXECUTOR_ROUNDS / (time.perf_counter() - start), "round-trips/s"


async def subprocess_spawn():
    start = time.perf_counter()
    for _ in range(SPAWNS):
        proc = await asyncio.create_subprocess_exec("/bin/true")
        await proc.wait()
    return "subprocess-spawn", SPAWNS / (time.perf_counter() - start), "spawns/s"


async def resolve():
    """100 lookups at once while a timer ticks every millisecond: the worst lateness."""
    loop = asyncio.get_running_loop()

    def ticker():
        state = {"due": time.perf_counter() + RESOLVE_TICK, "worst": 0.0, "stop": False}

        def tick():
            now = time.perf_counter()
            state["worst"] = max(state["worst"], now - state["due"])
            if not state["stop"]:
                state["due"] = now + RESOLVE_TICK
                loop.call_later(RESOLVE_TICK, tick)
        loop.call_later(RESOLVE_TICK, tick)
        return state

    async def lookup(i):
        try:
            await loop.getaddrinfo(f"tower-bench-{i}.invalid", 80, type=socket.SOCK_STREAM)
        except OSError:
            pass

    start = time.perf_counter()
    busy = ticker()
    await asyncio.gather(*(lookup(i) for i in range(RESOLVE_NAMES)))
    took = time.perf_counter() - start
    busy["stop"] = True
    idle = ticker()
    await asyncio.sleep(min(took, RESOLVE_IDLE_MAX))
    idle["stop"] = True
    await asyncio.sleep(2 * RESOLVE_TICK)
    return ("resolve", busy["worst"] * 1e3,
            f"ms-worst-tick-lateness (idle ticker {idle['worst'] * 1e3:.2f} ms; "
            f"lookups took {took:.2f} s)")


WORKLOADS = {"spawn": spawn, "pingpong": ping_pong, "timers": timers,
             "idle-memory": idle_memory, "switch": switch,
             "queue": queue, "lock-handoff": lock_handoff,
             "executor-roundtrip": executor_roundtrip, "subprocess-spawn": subprocess_spawn,
             "resolve": resolve}


def main(loop_name, workload):
    if loop_name == "uvloop":
        import uvloop
        uvloop.install()
    name, value, unit = asyncio.run(WORKLOADS[workload]())
    print(f"{name} {value:.1f} {unit}")


if __name__ == "__main__":
    main(*sys.argv[1:])
