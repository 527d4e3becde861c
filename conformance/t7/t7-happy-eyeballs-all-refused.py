import asyncio
import socket


def reserve_port():
    """A port bound on both loopback addresses, listening on neither:
    each address refuses every connection."""
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
        await loop.create_connection(asyncio.Protocol, host, port, **options)
        print(f"{label}: connected?")
    except OSError as exc:
        print(f"{label}: {type(exc).__name__}: {exc}")


async def main():
    v6, v4, port = reserve_port()
    await attempt("both, one after the other", None, port)
    await attempt("both, happy_eyeballs_delay=30", None, port, happy_eyeballs_delay=30.0)
    await attempt("both, interleave=2", None, port, interleave=2)
    await attempt("127.0.0.1 alone, happy_eyeballs_delay=30", '127.0.0.1', port,
                  happy_eyeballs_delay=30.0)
    await attempt("::1 alone, happy_eyeballs_delay=30", '::1', port, happy_eyeballs_delay=30.0)
    v6.close()
    v4.close()


asyncio.run(main())
