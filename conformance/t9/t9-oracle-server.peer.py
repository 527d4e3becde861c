# The peer of t9-oracle-server: CPython's asyncio streams as the server the
# edition connects to. The runner starts it first, under the oracle's
# interpreter, with TOWER_PORT set, and starts the edition once it prints
# "listening"; it serves one connection and exits.
import asyncio
import os

PATTERN = bytes(range(251))


async def main():
    done = asyncio.Event()

    async def handle(reader, writer):
        hello = await reader.readline()
        print(f"client says: {hello.decode().strip()}")
        writer.write(b"WELCOME " + hello.split()[1] + b"\r\n\r\n")
        size = int(await reader.readline())
        payload = await reader.readexactly(size)
        print(f"payload of {size} bytes, intact: {payload == (PATTERN * (size // 251 + 1))[:size]}")
        writer.write(f"GOT {size}\n".encode())
        writer.write(b"y" * (1 << 20))
        writer.write_eof()
        await writer.drain()
        rest = await reader.read()
        print(f"after our EOF the client sent: {rest.decode().strip()}")
        writer.close()
        await writer.wait_closed()
        done.set()

    server = await asyncio.start_server(handle, '127.0.0.1', int(os.environ["TOWER_PORT"]))
    print("listening")
    async with server:
        await done.wait()
    print("server closed")


asyncio.run(main())
