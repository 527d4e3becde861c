import asyncio


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(asyncio.Protocol, '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    async with server:
        print(f"inside async with: is_serving {server.is_serving()}")
        r, w = await asyncio.open_connection('127.0.0.1', port)
        print("a client connects")
        w.close()
        await w.wait_closed()
    print(f"after async with: is_serving {server.is_serving()}, sockets {len(server.sockets)}")
    await server.wait_closed()
    try:
        await asyncio.open_connection('127.0.0.1', port)
        print("connected after close?")
    except ConnectionRefusedError:
        print("connecting after close: ConnectionRefusedError")

    # serve_forever ends with CancelledError when its task is cancelled,
    # and closes the server.
    server = await loop.create_server(asyncio.Protocol, '127.0.0.1', 0)
    task = asyncio.create_task(server.serve_forever())
    await asyncio.sleep(0)
    print(f"serve_forever running: is_serving {server.is_serving()}")
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("serve_forever raised CancelledError")
    print(f"after cancelling serve_forever: is_serving {server.is_serving()}")


asyncio.run(main())
