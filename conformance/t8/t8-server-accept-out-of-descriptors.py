import asyncio
import errno
import os
import resource
import socket


async def main():
    loop = asyncio.get_running_loop()
    reported, accepted = loop.create_future(), loop.create_future()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)

    def handler(loop, context):
        exc = context["exception"]
        print(f"handler: {context['message']}: {type(exc).__name__}, "
              f"errno is EMFILE: {exc.errno == errno.EMFILE}")
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
        reported.set_result(None)

    class Greeter(asyncio.Protocol):
        def connection_made(self, transport):
            print("connection_made: the accept was tried again")
            transport.close()
            accepted.set_result(None)

    loop.set_exception_handler(handler)
    server = await loop.create_server(Greeter, "127.0.0.1", 0)
    client = socket.create_connection(server.sockets[0].getsockname())
    lowest_free = os.dup(0)
    os.close(lowest_free)
    resource.setrlimit(resource.RLIMIT_NOFILE, (lowest_free, hard))
    await reported
    print(f"still serving: {server.is_serving()}")
    await accepted
    client.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
