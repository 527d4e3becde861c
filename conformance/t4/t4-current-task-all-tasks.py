import asyncio


def join(items):
    return ", ".join(str(x) for x in items) or "(none)"


async def child(gate):
    me = asyncio.current_task()
    print(f"child: current_task() name={me.get_name()}")
    await gate


async def main():
    loop = asyncio.get_running_loop()
    me = asyncio.current_task()
    me.set_name("main-task")
    print(f"main: current_task() name={me.get_name()}")
    gate = loop.create_future()
    kids = [asyncio.create_task(child(gate), name=f"kid-{i}") for i in range(2)]
    print(f"all_tasks: {join(sorted(t.get_name() for t in asyncio.all_tasks()))}")
    await asyncio.sleep(0)
    gate.set_result(None)
    await asyncio.gather(*kids)
    print(f"after the kids finished: {join(sorted(t.get_name() for t in asyncio.all_tasks()))}")
    loop.call_soon(lambda: print(f"in a plain callback: current_task() is None: {asyncio.current_task() is None}"))
    await asyncio.sleep(0)


asyncio.run(main())
