import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    # A bound socket that never listens: its port is reserved and refuses
    # every connection.
    holder = socket.socket()
    holder.bind(('127.0.0.1', 0))
    port = holder.getsockname()[1]
    made = []

    class P(asyncio.Protocol):
        def connection_made(self, transport):
            made.append(transport)

    try:
        await loop.create_connection(P, '127.0.0.1', port)
        print("connected?")
    except ConnectionRefusedError as exc:
        print(f"create_connection raised {type(exc).__name__}")
        print(f"it is an OSError: {isinstance(exc, OSError)}")
    print(f"protocol connection_made calls: {len(made)}")
    try:
        await asyncio.open_connection('127.0.0.1', port)
    except ConnectionRefusedError as exc:
        print(f"open_connection raised {type(exc).__name__}")
    holder.close()


asyncio.run(main())
