import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    for s in (a, b):
        s.setblocking(False)

    waiting = asyncio.create_task(loop.sock_recv(b, 100))
    await asyncio.sleep(0)
    print("sock_recv waits for data:", not waiting.done())
    await loop.sock_sendall(a, b"wake up")
    print(f"woken by data: {await waiting!r}")

    payload = bytes(range(256)) * 16384  # 4 MiB: more than the socket pair buffers
    received = bytearray()

    async def reader():
        while len(received) < len(payload):
            received.extend(await loop.sock_recv(b, 65536))

    task = asyncio.create_task(reader())
    result = await loop.sock_sendall(a, payload)
    await task
    print("sock_sendall of 4 MiB returned", result, "and every byte arrived in order:",
          received == payload)

    waiting = asyncio.create_task(loop.sock_recv(b, 100))
    await asyncio.sleep(0)
    print("sock_recv waits again:", not waiting.done())
    a.close()
    print(f"a waiting sock_recv at the peer's close: {await waiting!r}")
    b.close()


asyncio.run(main())
