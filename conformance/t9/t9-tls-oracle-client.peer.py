# The peer of t9-tls-oracle-client: CPython's asyncio streams with ssl= as the
# client of the edition's TLS server. The runner starts it once the edition
# prints "Serving on", under the oracle's interpreter, with TOWER_PORT set.
import asyncio
import os
import ssl


async def main():
    ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    reader, writer = await asyncio.open_connection("127.0.0.1", int(os.environ["TOWER_PORT"]),
                                                   ssl=ctx, server_hostname="localhost")
    for word in ("alpha", "beta", "gamma"):
        writer.write(f"{word}\n".encode())
        await writer.drain()
        print(f"answer: {(await reader.readline()).decode().rstrip()}")
    writer.write(b"bye\n")
    block = await reader.readexactly(1 << 18)
    print(f"then {len(block)} bytes, all x: {block == b'x' * (1 << 18)}")
    last = await reader.readline()
    print(f"then {last.decode().rstrip()}, and EOF: {await reader.read() == b''}")
    writer.close()
    await writer.wait_closed()


asyncio.run(main())
