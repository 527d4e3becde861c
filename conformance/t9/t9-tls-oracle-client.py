import asyncio
import os
import ssl


async def main():
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    done = asyncio.Event()

    async def handle(reader, writer):
        print(f"TLS connection: {writer.get_extra_info('ssl_object').version()}")
        n = 0
        while (line := await reader.readline()) != b"bye\n":
            n += 1
            word = line.decode().rstrip("\n")
            print(f"line {n}: {word}")
            writer.write(f"{n} {word.upper()}\n".encode())
            await writer.drain()
        print(f"bye after {n} lines; sending 256 KiB")
        writer.write(b"x" * (1 << 18))
        writer.write(b"done\n")
        await writer.drain()
        writer.close()
        await writer.wait_closed()
        print("connection closed")
        done.set()

    server = await asyncio.start_server(handle, "127.0.0.1", int(os.environ["TOWER_PORT"]),
                                        ssl=ctx)
    print("Serving on 127.0.0.1")
    async with server:
        await done.wait()
    print("server closed")


asyncio.run(main())
