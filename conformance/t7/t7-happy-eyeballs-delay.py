import asyncio
import os
import select
import socket


def reserve_port():
    """A port bound on both loopback addresses, listening on neither."""
    while True:
        v4 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        v4.bind(('127.0.0.1', 0))
        port = v4.getsockname()[1]
        v6 = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        v6.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
        try:
            v6.bind(('::1', port))
            return v6, v4, port
        except OSError:
            v4.close()
            v6.close()


def black_hole(listener, host, port):
    """Fill the listener's queue: with a backlog of 0 one connection fills
    it, and the kernel then drops every new SYN, so a connect waits."""
    listener.listen(0)
    filler = socket.socket(listener.family, socket.SOCK_STREAM)
    filler.connect((host, port))
    select.select([listener], [], [])     # the filler is queued
    return filler


def open_fds():
    return len(os.listdir('/proc/self/fd'))


async def settle():
    for _ in range(5):
        await asyncio.sleep(0)


async def main():
    loop = asyncio.get_running_loop()
    v6, v4, port = reserve_port()
    filler = black_hole(v6, '::1', port)
    v4.listen(8)
    print("::1 never answers, 127.0.0.1 listens")
    before = open_fds()
    try:
        await asyncio.wait_for(loop.create_connection(asyncio.Protocol, None, port), 0.5)
    except asyncio.TimeoutError:
        print("  one after the other: still waiting for ::1, TimeoutError")
    await settle()
    print(f"  sockets left open: {open_fds() - before}")
    for options in ({'happy_eyeballs_delay': 0.05},
                    {'happy_eyeballs_delay': 0.05, 'interleave': 2}):
        label = ", ".join(f"{k}={v}" for k, v in options.items())
        before = open_fds()
        transport, _ = await loop.create_connection(asyncio.Protocol, None, port, **options)
        print(f"  {label}: connected to {transport.get_extra_info('peername')[0]}")
        await settle()
        print(f"  sockets left open besides the transport's: {open_fds() - before - 1}")
        transport.close()
        await settle()
    v6.setblocking(False)
    accepted, _ = v6.accept()
    accepted.close()
    try:
        v6.accept()
        print("the black hole queued a connection of the race")
    except BlockingIOError:
        print("the black hole queued nothing but its filler")
    filler.close()
    v6.close()
    v4.close()


asyncio.run(main())
