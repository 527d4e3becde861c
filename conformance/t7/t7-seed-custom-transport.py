import asyncio

class MyTransport(asyncio.Transport):
    def write(self, data):
        print(f"🚀 Writing data: {data.decode()}")

    def close(self):
        print("🔒 Transport closed")

async def protocol_handler():
    loop = asyncio.get_running_loop()
    transport = MyTransport()
    loop.call_soon(transport.write, b'Hello, Transport!')
    loop.call_soon(transport.close)

async def main():
    await protocol_handler()

# Run the event loop
asyncio.run(main())
