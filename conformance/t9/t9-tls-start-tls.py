import asyncio
import ssl


async def main():
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    client_ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    done = asyncio.Event()

    async def handle(reader, writer):
        line = await reader.readline()
        print(f"server: clear {line.decode().strip()}")
        writer.write(b"OK\n")
        await writer.start_tls(server_ctx)
        print(f"server: upgraded, sslcontext set: {writer.get_extra_info('sslcontext') is not None}")
        line = await reader.readline()
        print(f"server: encrypted {line.decode().strip()}")
        writer.write(line.upper())
        await writer.drain()
        await reader.read()
        writer.close()
        await writer.wait_closed()
        done.set()

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    print(f"client: sslcontext before: {writer.get_extra_info('sslcontext')}")
    writer.write(b"STARTTLS\n")
    print(f"client: clear {(await reader.readline()).decode().strip()}")
    await writer.start_tls(client_ctx, server_hostname="localhost")
    print(f"client: upgraded, cipher: {writer.get_extra_info('cipher')[0]}")
    writer.write(b"secret\n")
    print(f"client: encrypted {(await reader.readline()).decode().strip()}")
    writer.close()
    await writer.wait_closed()
    await done.wait()
    server.close()
    await server.wait_closed()


asyncio.run(main())
