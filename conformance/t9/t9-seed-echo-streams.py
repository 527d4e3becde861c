import asyncio

async def handle_client(reader, writer):
    addr = writer.get_extra_info('peername')
    print(f"👋 Connection from {addr}")

    while True:
        data = await reader.read(100)  # Read up to 100 bytes
        if not data:
            break  # No data means the client has closed the connection
        message = data.decode()
        print(f"📥 Received: {message}")
        writer.write(data)  # Echo back the received data
        await writer.drain()  # Wait until it's appropriate to resume writing
        print(f"📤 Sent: {message}")

    print("🔌 Connection closed")
    writer.close()
    await writer.wait_closed()

async def main():
    server = await asyncio.start_server(
        handle_client, '127.0.0.1', 8888
    )

    addr = server.sockets[0].getsockname()
    print(f"🛑 Serving on {addr}")

    async with server:
        await server.serve_forever()

# Run the server
asyncio.run(main())
