import asyncio
import ssl

CHUNK = b"x" * 65536
CHUNKS = 256


async def main():
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    client_ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    go = asyncio.Event()
    done = asyncio.Event()

    async def handle(reader, writer):
        await go.wait()
        data = await reader.read()
        print(f"server: read {len(data)} bytes, all x: {data == CHUNK * CHUNKS}")
        writer.close()
        await writer.wait_closed()
        done.set()

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("localhost", port, ssl=client_ctx)
    low, high = writer.transport.get_write_buffer_limits()
    print(f"client: TLS write limits low={low} high={high}")
    for _ in range(CHUNKS):
        writer.write(CHUNK)
    print(f"client: buffered over the high mark: {writer.transport.get_write_buffer_size() > high}")
    go.set()
    await writer.drain()
    print(f"client: drain done, buffered at most the low mark: "
          f"{writer.transport.get_write_buffer_size() <= low}")
    writer.close()
    await writer.wait_closed()
    await done.wait()
    server.close()
    await server.wait_closed()


asyncio.run(main())
