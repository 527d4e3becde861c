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
    fillers = [black_hole(v6, '::1', port), black_hole(v4, '127.0.0.1', port)]
    print("neither address answers")
    for label, options in (("happy_eyeballs_delay=0.01", {'happy_eyeballs_delay': 0.01}),
                           ("one after the other", {})):
        before = open_fds()
        task = loop.create_task(
            loop.create_connection(asyncio.Protocol, None, port, **options))
        await asyncio.sleep(0.2)
        print(f"  {label}: still connecting after a while: {not task.done()}")
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            print(f"  {label}: cancelled: {task.cancelled()}")
        await settle()
        print(f"  {label}: sockets left open: {open_fds() - before}")
    for filler in fillers:
        filler.close()
    v6.close()
    v4.close()


asyncio.run(main())
