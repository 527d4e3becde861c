import asyncio
import socket


async def settle():
    for _ in range(10):
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    ours, peer = socket.socketpair()
    ours.setblocking(False)

    # Two sock_recv calls wait on one socket: the second takes the socket's
    # reader over, and the first is left waiting.
    first = asyncio.create_task(loop.sock_recv(ours, 100))
    await settle()
    second = asyncio.create_task(loop.sock_recv(ours, 100))
    await settle()
    peer.send(b"one")
    print(f"the second sock_recv gets {await second!r}")
    await settle()
    print(f"the first is still waiting: {not first.done()}")
    peer.send(b"two")
    await settle()
    print(f"and new data does not wake it: {not first.done()}")
    print(f"a new sock_recv gets what came: {await loop.sock_recv(ours, 100)!r}")
    first.cancel()
    try:
        await first
    except asyncio.CancelledError:
        print("the first ends only when cancelled")

    # Cancelling the reader that was replaced leaves the one that replaced it.
    first = asyncio.create_task(loop.sock_recv(ours, 100))
    await settle()
    second = asyncio.create_task(loop.sock_recv(ours, 100))
    await settle()
    first.cancel()
    await settle()
    peer.send(b"three")
    print(f"first cancelled, the second still gets {await second!r}: {first.cancelled()}")

    # sock_accept the same way.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    address = listener.getsockname()
    first = asyncio.create_task(loop.sock_accept(listener))
    await settle()
    second = asyncio.create_task(loop.sock_accept(listener))
    await settle()
    with socket.create_connection(address) as client:
        conn, _ = await second
        print(f"the second sock_accept gets the connection: {conn.getpeername() == client.getsockname()}")
        conn.close()
    await settle()
    print(f"the first sock_accept is still waiting: {not first.done()}")
    first.cancel()
    with socket.create_connection(address) as client:
        conn, _ = await loop.sock_accept(listener)
        print(f"after cancelling it the listener accepts again: {conn.getpeername() == client.getsockname()}")
        conn.close()
    listener.close()
    ours.close()
    peer.close()


asyncio.run(main())
