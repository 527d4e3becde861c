import asyncio

class EchoProtocol(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        peername = transport.get_extra_info('peername')
        print(f"👋 Connection from {peername}")

    def data_received(self, data):
        message = data.decode()
        print(f"📥 Received: {message}")
        print(f"📤 Sending: {message}")
        self.transport.write(data)

    def connection_lost(self, exc):
        print("🔌 Connection closed")

async def main():
    loop = asyncio.get_running_loop()

    server = await loop.create_server(
        lambda: EchoProtocol(),
        '127.0.0.1', 8888
    )

    addr = server.sockets[0].getsockname()
    print(f"🛑 Serving on {addr}")

    async with server:
        await server.serve_forever()

# Run the server
asyncio.run(main())
