import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    accepted = loop.create_future()

    class Server(asyncio.Protocol):
        def connection_made(self, transport):
            accepted.set_result(transport)

    server = await loop.create_server(Server, '127.0.0.1', 0)
    listen_addr = server.sockets[0].getsockname()
    client, _ = await loop.create_connection(asyncio.Protocol, '127.0.0.1', listen_addr[1])
    srv = await accepted

    c_peer = client.get_extra_info('peername')
    c_name = client.get_extra_info('sockname')
    s_peer = srv.get_extra_info('peername')
    s_name = srv.get_extra_info('sockname')
    print(f"client peername is the listening address: {c_peer == listen_addr}")
    print(f"server sockname is the listening address: {s_name == listen_addr}")
    print(f"client sockname is the server's peername: {c_name == s_peer}")
    print(f"client peername host: {c_peer[0]}")
    print(f"client sockname host: {c_name[0]}")
    for who, tr in (("client", client), ("server", srv)):
        sock = tr.get_extra_info('socket')
        fam = "AF_INET" if sock.family == socket.AF_INET else "other"
        typ = "SOCK_STREAM" if sock.type == socket.SOCK_STREAM else "other"
        print(f"{who} socket: {fam} {typ}, same sockname: {sock.getsockname() == tr.get_extra_info('sockname')}")
    print(f"unknown key without default: {client.get_extra_info('no-such-key')}")
    print(f"unknown key with default: {client.get_extra_info('no-such-key', 'fallback')}")
    client.close()
    srv.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
