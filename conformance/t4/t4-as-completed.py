import asyncio


async def wait_gate(fut, tag):
    await fut
    return tag


async def main():
    loop = asyncio.get_running_loop()
    gates = {t: loop.create_future() for t in "ABC"}
    aws = [asyncio.create_task(wait_gate(gates[t], t)) for t in "ABC"]

    def open_gates():
        for t in "CAB":
            gates[t].set_result(None)

    loop.call_soon(open_gates)
    order = []
    for next_done in asyncio.as_completed(aws):
        order.append(await next_done)
    print(f"as_completed order: {', '.join(order)}")
    try:
        for next_done in asyncio.as_completed([asyncio.sleep(10)], timeout=0.05):
            await next_done
    except asyncio.TimeoutError:
        print("as_completed with timeout: TimeoutError")


asyncio.run(main())
