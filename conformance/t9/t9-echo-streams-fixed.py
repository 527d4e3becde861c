import asyncio
import os


async def main():
    port = int(os.environ["TOWER_PORT"])
    done = asyncio.Event()
    served = 0

    async def handle_client(reader, writer):
        nonlocal served
        served += 1
        host = writer.get_extra_info('peername')[0]
        print(f"👋 Connection from {host}")
        received = b""
        while True:
            data = await reader.read(100)  # any split: echo it, report the total
            if not data:
                break
            received += data
            writer.write(data)
            await writer.drain()
        message = received.decode()
        print(f"📥 Received: {message}")
        print(f"📤 Sent: {message}")
        print("🔌 Connection closed")
        writer.close()
        await writer.wait_closed()
        done.set()

    server = await asyncio.start_server(handle_client, '127.0.0.1', port)
    host = server.sockets[0].getsockname()[0]
    print(f"🛑 Serving on {host}")
    async with server:
        await done.wait()
    print(f"🛑 Server closed after {served} connection")


asyncio.run(main())
