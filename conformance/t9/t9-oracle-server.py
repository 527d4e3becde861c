import asyncio
import os

PATTERN = bytes(range(251))


async def main():
    reader, writer = await asyncio.open_connection('127.0.0.1', int(os.environ["TOWER_PORT"]))
    print(f"connected to {writer.get_extra_info('peername')[0]}")
    writer.write(b"HELLO tower\n")
    greeting = await reader.readuntil(b"\r\n\r\n")
    print(f"greeting: {greeting.decode().strip()}")
    size = 256 * 1024
    writer.writelines([f"{size}\n".encode(), (PATTERN * (size // 251 + 1))[:size]])
    await writer.drain()
    print(f"answer: {(await reader.readline()).decode().strip()}")
    data = await reader.read()
    print(f"then {len(data)} bytes, all y: {data == b'y' * len(data)}, at_eof: {reader.at_eof()}")
    writer.write(b"BYE\n")
    writer.close()
    await writer.wait_closed()
    print("closed")


asyncio.run(main())
