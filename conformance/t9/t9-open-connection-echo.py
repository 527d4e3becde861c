import asyncio


async def main():
    async def echo(reader, writer):
        while line := await reader.readline():
            writer.write(b"echo: " + line)
            await writer.drain()
        writer.close()
        await writer.wait_closed()

    server = await asyncio.start_server(echo, '127.0.0.1', 0)
    addr = server.sockets[0].getsockname()
    reader, writer = await asyncio.open_connection(*addr)
    print(f"reader is a StreamReader: {isinstance(reader, asyncio.StreamReader)}")
    print(f"writer is a StreamWriter: {isinstance(writer, asyncio.StreamWriter)}")
    print(f"peername is the server address: {writer.get_extra_info('peername') == addr}")
    print(f"get_extra_info default: {writer.get_extra_info('nothing', 'none here')}")
    for word in ("red", "green", "blue"):
        writer.write(word.encode() + b"\n")
        await writer.drain()
        print((await reader.readline()).decode().rstrip("\n"))
    writer.writelines([b"cyan\n", b"magenta\n"])
    await writer.drain()
    print((await reader.readexactly(len(b"echo: cyan\necho: magenta\n"))).decode().replace("\n", "|"))
    writer.write_eof()
    print(f"after write_eof the server closes: read() returns {len(await reader.read())} bytes")
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
