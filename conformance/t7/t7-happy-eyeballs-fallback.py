import asyncio
import socket


def reserve_port():
    """A port bound on both loopback addresses, listening on neither:
    until a socket listens, each address refuses every connection."""
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


async def connect(port, **options):
    loop = asyncio.get_running_loop()
    # host None: the loopback addresses of every family, ::1 then 127.0.0.1
    transport, _ = await loop.create_connection(asyncio.Protocol, None, port, **options)
    host = transport.get_extra_info('peername')[0]
    transport.close()
    return host


RUNS = [
    ("one after the other", {}),
    ("happy_eyeballs_delay=30", {'happy_eyeballs_delay': 30.0}),
    ("interleave=1", {'interleave': 1}),
    ("happy_eyeballs_delay=30, interleave=2", {'happy_eyeballs_delay': 30.0, 'interleave': 2}),
]


async def main():
    v6, v4, port = reserve_port()
    v4.listen(8)
    print("::1 refuses, 127.0.0.1 listens")
    for label, options in RUNS:
        print(f"  {label}: connected to {await connect(port, **options)}")
    v6.listen(8)
    print("both listen")
    for label, options in RUNS:
        print(f"  {label}: connected to {await connect(port, **options)}")
    v6.close()
    v4.close()


asyncio.run(main())
