import asyncio


async def gate(fut, tag, fail=False):
    await fut
    if fail:
        raise ValueError(tag)
    return tag


def names(tasks):
    return ", ".join(sorted(t.get_name() for t in tasks)) or "(none)"


async def main():
    loop = asyncio.get_running_loop()

    gates = [loop.create_future() for _ in range(3)]
    tasks = [asyncio.create_task(gate(g, n), name=n) for g, n in zip(gates, "abc")]
    loop.call_soon(gates[1].set_result, None)
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print(f"FIRST_COMPLETED: done={names(done)} pending={names(pending)}")
    for g in (gates[0], gates[2]):
        g.set_result(None)
    done, pending = await asyncio.wait(tasks)
    print(f"ALL_COMPLETED: done={names(done)} pending={names(pending)}")

    gates = [loop.create_future() for _ in range(3)]
    tasks = [asyncio.create_task(gate(g, n, fail=(n == "y")), name=n) for g, n in zip(gates, "xyz")]
    gates[0].set_result(None)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    loop.call_soon(gates[1].set_result, None)
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print(f"FIRST_EXCEPTION: done={names(done)} pending={names(pending)}")
    print(f"pending task cancelled? {' '.join(str(t.cancelled()) for t in pending)}")
    gates[2].set_result(None)
    await asyncio.wait(tasks)
    for t in tasks:
        print(f"{t.get_name()}: {type(t.exception()).__name__ if t.exception() else t.result()}")


asyncio.run(main())
