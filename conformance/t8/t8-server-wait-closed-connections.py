import asyncio


async def main():
    loop = asyncio.get_running_loop()
    made = loop.create_future()
    lost = loop.create_future()

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            print("server: connection_made")
            made.set_result(None)

        def connection_lost(self, exc):
            print("server: connection_lost", exc)
            lost.set_result(None)

    async def wait_closed(server):
        await server.wait_closed()
        print("wait_closed returned")

    server = await loop.create_server(Server, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    client, _ = await loop.create_connection(asyncio.Protocol, "127.0.0.1", port)
    await made
    waiter = asyncio.create_task(wait_closed(server))
    for _ in range(3):
        await asyncio.sleep(0)
    print("before close: wait_closed done:", waiter.done())
    server.close()
    print("closed: is_serving", server.is_serving(), "sockets", len(server.sockets))
    for _ in range(3):
        await asyncio.sleep(0)
    print("a connection still open: wait_closed done:", waiter.done())
    client.close()
    await lost
    await waiter
    print("server closed, no connection left")


asyncio.run(main())
