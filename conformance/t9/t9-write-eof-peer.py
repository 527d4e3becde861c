import asyncio
import os


async def main():
    done = asyncio.Event()

    async def handle(reader, writer):
        print(f"can_write_eof: {writer.can_write_eof()}")
        line = await reader.readline()
        print(f"request: {line.decode().strip()}")
        writer.write(line.upper())
        writer.write_eof()
        await writer.drain()
        print("answered and sent EOF; still reading")
        rest = await reader.read()
        print(f"after our EOF the client still sent: {rest.decode()}")
        writer.close()
        await writer.wait_closed()
        print("connection closed")
        done.set()

    server = await asyncio.start_server(handle, '127.0.0.1', int(os.environ["TOWER_PORT"]))
    print("Serving on 127.0.0.1")
    async with server:
        await done.wait()
    print("server closed")


asyncio.run(main())
