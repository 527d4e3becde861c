import asyncio
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


async def attempt(label, host, port, **options):
    loop = asyncio.get_running_loop()
    try:
        transport, _ = await loop.create_connection(asyncio.Protocol, host, port, **options)
    except OSError as exc:
        print(f"{label}: {type(exc).__name__}: {exc}")
        return
    print(f"{label}: connected to {transport.get_extra_info('peername')[0]} "
          f"from {transport.get_extra_info('sockname')[0]}")
    transport.close()


async def main():
    v6, v4, port = reserve_port()
    v4.listen(8)
    print("::1 refuses, 127.0.0.1 listens; local_addr=('127.0.0.1', 0)")
    for delay in (None, 30.0):
        await attempt(f"  happy_eyeballs_delay={delay}", None, port,
                      local_addr=('127.0.0.1', 0), happy_eyeballs_delay=delay)
    print("local_addr=('::1', 0)")
    await attempt("  to 127.0.0.1", '127.0.0.1', port, local_addr=('::1', 0))
    print("local_addr on a port already bound")
    await attempt("  to 127.0.0.1", '127.0.0.1', port, local_addr=('127.0.0.1', port))
    v6.close()
    v4.close()
    v6, v4, port = reserve_port()
    print("both refuse; local_addr=('127.0.0.1', 0)")
    await attempt("  both", None, port, local_addr=('127.0.0.1', 0))
    v6.close()
    v4.close()


asyncio.run(main())
