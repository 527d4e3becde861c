# The peer of t9-oracle-client: CPython's asyncio streams as the client of
# the edition's server. The runner starts it once the edition prints
# "Serving on", under the oracle's interpreter, with TOWER_PORT set.
import asyncio
import os


async def main():
    reader, writer = await asyncio.open_connection('127.0.0.1', int(os.environ["TOWER_PORT"]))
    for word in ("alpha", "beta", "gamma"):
        writer.write(f"{word}\n".encode())
        await writer.drain()
        print(f"answer: {(await reader.readline()).decode().rstrip()}")
    writer.write_eof()
    block = await reader.readexactly(1 << 20)
    print(f"then {len(block)} bytes, all x: {block == b'x' * (1 << 20)}")
    last = await reader.readline()
    print(f"then {last.decode().rstrip()}, and EOF: {await reader.read() == b''}")
    writer.close()
    await writer.wait_closed()


asyncio.run(main())
