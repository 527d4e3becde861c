import asyncio
import os
import shutil
import tempfile


async def main():
    tmp = tempfile.mkdtemp()
    path = os.path.join(tmp, "streams.sock")
    handled = asyncio.Event()

    async def handle(reader, writer):
        name = (await reader.readuntil(b"\0")).rstrip(b"\0").decode()
        writer.write(f"hello, {name}".encode())
        await writer.drain()
        writer.close()
        await writer.wait_closed()
        handled.set()

    server = await asyncio.start_unix_server(handle, path)
    reader, writer = await asyncio.open_unix_connection(path)
    print(f"peername is the socket path: {writer.get_extra_info('peername') == path}")
    writer.write(b"tower\0")
    print(f"reply: {(await reader.read()).decode()}")
    writer.close()
    await writer.wait_closed()
    await handled.wait()
    server.close()
    await server.wait_closed()
    shutil.rmtree(tmp)
    print("done")


asyncio.run(main())
