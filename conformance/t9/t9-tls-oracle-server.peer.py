# The peer of t9-tls-oracle-server: CPython's asyncio streams with ssl= as the
# TLS server the edition connects to. The runner starts it first, under the
# oracle's interpreter, with TOWER_PORT set, and starts the edition once it
# prints "listening"; it serves one connection and exits.
import asyncio
import os
import ssl

PATTERN = bytes(range(251))
SIZE = 256 * 1024


async def main():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    done = asyncio.Event()

    async def handle(reader, writer):
        hello = await reader.readline()
        print(f"client says: {hello.decode().strip()}")
        payload = await reader.readexactly(SIZE)
        print(f"payload of {SIZE} bytes, intact: {payload == (PATTERN * (SIZE // 251 + 1))[:SIZE]}")
        writer.write(f"GOT {SIZE}\n".encode())
        writer.write(b"y" * SIZE)
        await writer.drain()
        rest = await reader.read()
        print(f"then end of stream, after {len(rest)} more bytes")
        writer.close()
        await writer.wait_closed()
        done.set()

    server = await asyncio.start_server(handle, "127.0.0.1", int(os.environ["TOWER_PORT"]),
                                        ssl=ctx)
    print("listening")
    async with server:
        await done.wait()
    print("server closed")


asyncio.run(main())
