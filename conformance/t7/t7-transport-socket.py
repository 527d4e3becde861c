import asyncio
import pickle
import socket


async def main():
    loop = asyncio.get_running_loop()
    listener = socket.create_server(("127.0.0.1", 0))
    listener.setblocking(False)
    transport, _ = await loop.create_connection(asyncio.Protocol, *listener.getsockname())
    peer, _ = await loop.sock_accept(listener)
    sock = transport.get_extra_info("socket")

    print(f"a socket.socket: {isinstance(sock, socket.socket)}")
    print(f"family, type, proto: {sock.family.name}, {sock.type.name}, {sock.proto}")
    print(f"getsockname() is the peer's getpeername(): {sock.getsockname() == peer.getpeername()}")
    print(f"getpeername() is the peer's getsockname(): {sock.getpeername() == peer.getsockname()}")
    print(f"getsockopt(SO_TYPE): {sock.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE)}")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    print(f"setsockopt(SO_KEEPALIVE, 1), then: "
          f"{sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)}")
    print(f"get_inheritable(): {sock.get_inheritable()}")
    copy = sock.dup()
    print(f"dup() is a socket.socket on the same connection: {isinstance(copy, socket.socket)}, "
          f"{copy.getsockname() == sock.getsockname()}, another descriptor: "
          f"{copy.fileno() != sock.fileno()}")
    copy.close()
    print(f"gettimeout(): {sock.gettimeout()}")
    sock.settimeout(0)
    sock.setblocking(False)
    print("settimeout(0) and setblocking(False) are accepted")
    for name, call in (("settimeout(1.0)", lambda: sock.settimeout(1.0)),
                       ("setblocking(True)", lambda: sock.setblocking(True))):
        try:
            call()
        except ValueError as exc:
            print(f"{name}: ValueError: {exc}")
    for name in ("close", "send", "recv", "accept", "detach"):
        print(f"{name}: available: {hasattr(sock, name)}")
    try:
        pickle.dumps(sock)
    except TypeError as exc:
        print(f"pickle: TypeError: {exc}")

    sock.shutdown(socket.SHUT_WR)
    print(f"shutdown(SHUT_WR): the peer reads end of file: {await loop.sock_recv(peer, 10)!r}")
    transport.close()
    peer.close()
    listener.close()
    await asyncio.sleep(0)


asyncio.run(main())
