import asyncio
import os


async def main():
    done = asyncio.Event()

    async def handle(reader, writer):
        host = writer.get_extra_info('peername')[0]
        print(f"client connected from {host}")
        n = 0
        async for line in reader:  # one line at a time, until EOF
            n += 1
            text = line.decode().rstrip("\n")
            print(f"line {n}: {text}")
            writer.write(f"{n} {text}\n".encode())
            await writer.drain()
        print(f"EOF after {n} lines")
        writer.write(f"bye after {n} lines\n".encode())
        writer.close()
        await writer.wait_closed()
        done.set()

    server = await asyncio.start_server(handle, '127.0.0.1', int(os.environ["TOWER_PORT"]))
    print("Serving on 127.0.0.1")
    async with server:
        await done.wait()
    print(f"server closed: is_serving {server.is_serving()}")


asyncio.run(main())
