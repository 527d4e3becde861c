"""The anchors' TCP echo servers for `make bench`.

Run as `python3 echo_servers.py LOOP API [--tls CERTFILE KEYFILE] PORT`, LOOP
`asyncio` or `uvloop`, API `streams` or `protocol`. Like every server of the echo
benchmarks it listens on 127.0.0.1:PORT, prints `listening` when it accepts
connections, echoes every byte back until SIGTERM and then exits 0. With --tls
it speaks TLS with that certificate (`ssl=` of create_server and start_server),
for the TLS echo benchmark.
"""
import asyncio
import signal
import ssl
import sys


class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


async def echo_stream(reader, writer):
    while data := await reader.read(65536):
        writer.write(data)
        await writer.drain()
    writer.close()


async def serve(api, port, context):
    loop = asyncio.get_running_loop()
    stop = loop.create_future()
    loop.add_signal_handler(signal.SIGTERM, stop.set_result, None)
    if api == "streams":
        server = await asyncio.start_server(echo_stream, "127.0.0.1", port, ssl=context)
    else:
        server = await loop.create_server(EchoProtocol, "127.0.0.1", port, ssl=context)
    print("listening", flush=True)
    await stop
    server.close()


def main(loop_name, api, *rest):
    context = None
    if rest[0] == "--tls":
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(rest[1], rest[2])
        rest = rest[3:]
    port, = rest
    if loop_name == "uvloop":
        import uvloop
        uvloop.install()
    asyncio.run(serve(api, int(port), context))


if __name__ == "__main__":
    main(*sys.argv[1:])
