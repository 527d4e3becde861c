import asyncio
import os
import ssl

PATTERN = bytes(range(251))
SIZE = 256 * 1024


async def main():
    ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    reader, writer = await asyncio.open_connection("127.0.0.1", int(os.environ["TOWER_PORT"]),
                                                   ssl=ctx, server_hostname="localhost")
    print(f"connected, peer certificate for: "
          f"{dict(x[0] for x in writer.get_extra_info('peercert')['subject'])['commonName']}")
    writer.writelines([b"HELLO tower\n", (PATTERN * (SIZE // 251 + 1))[:SIZE]])
    await writer.drain()
    print(f"answer: {(await reader.readline()).decode().strip()}")
    data = await reader.readexactly(SIZE)
    print(f"then {len(data)} bytes, all y: {data == b'y' * SIZE}")
    writer.close()
    await writer.wait_closed()
    print("closed")


asyncio.run(main())
