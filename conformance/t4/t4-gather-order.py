import asyncio


def join(items):
    return ", ".join(str(x) for x in items) or "(none)"


async def wait_for_gate(gate, tag):
    await gate
    print(f"{tag} finished")
    return tag.lower()


async def main():
    loop = asyncio.get_running_loop()
    gates = {tag: loop.create_future() for tag in "ABC"}
    pending = asyncio.gather(*(wait_for_gate(gates[t], t) for t in "ABC"))
    await asyncio.sleep(0)
    for tag in "CAB":
        gates[tag].set_result(None)
        await asyncio.sleep(0)
    print(f"gather -> {join(await pending)}")
    print(f"gather() of nothing -> {join(await asyncio.gather())}")


asyncio.run(main())
