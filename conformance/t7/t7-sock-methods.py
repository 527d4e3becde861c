import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.setblocking(False)
    accepting = asyncio.create_task(loop.sock_accept(listener))
    await loop.sock_connect(client, listener.getsockname())
    conn, peer = await accepting
    print(f"sock_accept: the peer is the client: {peer == client.getsockname()}, "
          f"the new socket is non-blocking: {conn.gettimeout() == 0}")

    await loop.sock_sendall(client, b"hello over sock_sendall")
    print(f"sock_recv(5): {await loop.sock_recv(conn, 5)!r}")
    buf = bytearray(64)
    n = await loop.sock_recv_into(conn, buf)
    print(f"sock_recv_into: {n} bytes, {bytes(buf[:n])!r}")

    waiting = asyncio.create_task(loop.sock_recv(conn, 100))
    await asyncio.sleep(0)
    waiting.cancel()
    try:
        await waiting
    except asyncio.CancelledError:
        print("a waiting sock_recv is cancelled")
    await loop.sock_sendall(client, b"after the cancel")
    print(f"the socket still works: {await loop.sock_recv(conn, 100)!r}")
    client.close()
    print(f"sock_recv at end of file: {await loop.sock_recv(conn, 100)!r}")
    conn.close()
    listener.close()

    a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for s in (a, b):
        s.bind(("127.0.0.1", 0))
        s.setblocking(False)
    receiving = asyncio.create_task(loop.sock_recvfrom(b, 100))
    await asyncio.sleep(0)
    print(f"sock_sendto: {await loop.sock_sendto(a, b'datagram one', b.getsockname())} bytes")
    data, sender = await receiving
    print(f"sock_recvfrom: {data!r} from a: {sender == a.getsockname()}")
    await loop.sock_sendto(a, b"datagram two", b.getsockname())
    buf = bytearray(100)
    n, sender = await loop.sock_recvfrom_into(b, buf)
    print(f"sock_recvfrom_into: {n} bytes, {bytes(buf[:n])!r} from a: {sender == a.getsockname()}")
    a.close()
    b.close()


asyncio.run(main())
