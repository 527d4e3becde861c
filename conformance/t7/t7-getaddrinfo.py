import asyncio
import socket


def show(what, infos):
    print(f"{what}:")
    for family, type_, proto, canonname, sockaddr in infos:
        print(f"  {family.name} {type_.name} {proto} {canonname!r} {sockaddr}")


async def main():
    loop = asyncio.get_running_loop()
    loop.call_soon(print, "the loop ran a callback while the resolver worked")
    show("localhost, AF_INET, SOCK_STREAM", await loop.getaddrinfo(
        "localhost", 80, family=socket.AF_INET, type=socket.SOCK_STREAM))
    show("::1, SOCK_DGRAM", await loop.getaddrinfo("::1", 8080, type=socket.SOCK_DGRAM))
    show("127.0.0.1, AI_CANONNAME", await loop.getaddrinfo(
        "127.0.0.1", 7, family=socket.AF_INET, type=socket.SOCK_STREAM,
        flags=socket.AI_CANONNAME))
    show("None, AI_PASSIVE", await loop.getaddrinfo(
        None, 8888, family=socket.AF_INET, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE))
    numeric = socket.NI_NUMERICHOST | socket.NI_NUMERICSERV
    print("getnameinfo numeric:", await loop.getnameinfo(("127.0.0.1", 80), numeric))
    print("getnameinfo by name:", await loop.getnameinfo(("127.0.0.1", 80), socket.NI_NUMERICSERV))


asyncio.run(main())
