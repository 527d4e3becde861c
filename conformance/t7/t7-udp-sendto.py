import asyncio


async def main():
    loop = asyncio.get_running_loop()
    inbox = asyncio.Queue()
    lost = []

    class Endpoint(asyncio.DatagramProtocol):
        def __init__(self, name):
            self.name = name

        def datagram_received(self, data, addr):
            inbox.put_nowait((self.name, data, addr))

        def connection_lost(self, exc):
            lost.append((self.name, exc))

    srv, _ = await loop.create_datagram_endpoint(
        lambda: Endpoint("server"), local_addr=('127.0.0.1', 0))
    srv_addr = srv.get_extra_info('sockname')
    cli, _ = await loop.create_datagram_endpoint(
        lambda: Endpoint("client"), remote_addr=srv_addr)
    cli_addr = cli.get_extra_info('sockname')
    print(f"client peername is the server address: {cli.get_extra_info('peername') == srv_addr}")
    print(f"unconnected server peername: {srv.get_extra_info('peername')}")

    for message in (b"one", b"two" * 100, b"three"):
        cli.sendto(message)  # addr None: the address given at creation
        name, data, addr = await inbox.get()
        print(f"{name} got {len(data)} bytes starting {data[:5].decode()} from the client: {addr == cli_addr}")
        srv.sendto(data.upper(), addr)
        name, data, addr = await inbox.get()
        print(f"{name} got {len(data)} bytes starting {data[:5].decode()} from the server: {addr == srv_addr}")

    cli.close()
    srv.close()
    print(f"is_closing after close: {cli.is_closing()} {srv.is_closing()}")
    await asyncio.sleep(0.01)
    print("connection_lost: " + ", ".join(f"{n} {e}" for n, e in sorted(lost)))


asyncio.run(main())
