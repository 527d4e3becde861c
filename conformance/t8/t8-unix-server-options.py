import asyncio
import os
import socket
import tempfile


async def attempt(label, coro):
    try:
        result = await coro
    except (ValueError, OSError) as exc:
        message = str(exc).split(", got ")[0]
        print(f"{label}: {type(exc).__name__}: {message}")
        return None
    print(f"{label}: accepted")
    return result


class Served(asyncio.Protocol):
    def connection_lost(self, exc):
        served.set_result(None)


async def main():
    global served
    loop = asyncio.get_running_loop()
    served = loop.create_future()
    os.chdir(tempfile.mkdtemp())

    server = await loop.create_unix_server(asyncio.Protocol, "sock")
    server.close()
    await server.wait_closed()
    print(f"after close, the socket file is still there: {os.path.exists('sock')}")
    server = await attempt("a server on a stale socket file",
                           loop.create_unix_server(asyncio.Protocol, "sock"))
    # The file of a server still listening is replaced as well: the new
    # server takes the path, and the old one keeps only its socket.
    second = await attempt("a second server on a live socket file",
                           loop.create_unix_server(Served, "sock"))
    transport, _ = await loop.create_unix_connection(asyncio.Protocol, "sock")
    print(f"a connection by path: peername {transport.get_extra_info('peername')!r}")
    transport.close()
    await served
    for s in (server, second):
        s.close()
        await s.wait_closed()

    with open("regular", "w"):
        pass
    await attempt("a server on a regular file",
                  loop.create_unix_server(asyncio.Protocol, "regular"))
    print(f"  the regular file is left alone: {os.path.isfile('regular')}")
    await attempt("a server in a missing directory",
                  loop.create_unix_server(asyncio.Protocol, "missing/sock"))

    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind("given")
    server = await attempt("a server on a socket given with sock=",
                           loop.create_unix_server(asyncio.Protocol, sock=listener))
    print(f"  it serves: {server.is_serving()}")
    server.close()
    await server.wait_closed()

    tcp = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    spare = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    await attempt("a server with path and sock",
                  loop.create_unix_server(asyncio.Protocol, "other", sock=spare))
    await attempt("a server with neither", loop.create_unix_server(asyncio.Protocol))
    await attempt("a server on a TCP socket",
                  loop.create_unix_server(asyncio.Protocol, sock=tcp))
    await attempt("a connection to no socket file",
                  loop.create_unix_connection(asyncio.Protocol, "nothing"))
    await attempt("a connection with path and sock",
                  loop.create_unix_connection(asyncio.Protocol, "sock", sock=spare))
    await attempt("a connection with neither", loop.create_unix_connection(asyncio.Protocol))
    await attempt("a connection on a TCP socket",
                  loop.create_unix_connection(asyncio.Protocol, sock=tcp))
    tcp.close()
    spare.close()


asyncio.run(main())
