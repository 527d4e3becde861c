import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    try:
        await loop.getaddrinfo("no-such-host.invalid", 80, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        # The number depends on the resolver (no such name, or no name
        # server to ask): only the class is pinned.
        print(f"getaddrinfo: gaierror, an OSError: {isinstance(e, OSError)}")
    try:
        await loop.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICHOST | socket.NI_NAMEREQD)
    except socket.gaierror as e:
        print(f"getnameinfo: gaierror, an OSError: {isinstance(e, OSError)}")
    infos = await loop.getaddrinfo("localhost", 80, family=socket.AF_INET, type=socket.SOCK_STREAM)
    print(f"the loop resolves again: {infos[0][4]}")


asyncio.run(main())
