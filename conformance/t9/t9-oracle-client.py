import asyncio
import os


async def main():
    done = asyncio.Event()

    async def handle(reader, writer):
        print(f"connection from {writer.get_extra_info('peername')[0]}")
        n = 0
        async for line in reader:  # until the client's EOF
            n += 1
            word = line.decode().rstrip("\n")
            print(f"line {n}: {word}")
            writer.write(f"{n} {word.upper()}\n".encode())
            await writer.drain()
        print(f"EOF after {n} lines; sending 1 MiB")
        writer.write(b"x" * (1 << 20))
        await writer.drain()
        writer.write(b"done\n")
        writer.close()
        await writer.wait_closed()
        print("connection closed")
        done.set()

    server = await asyncio.start_server(handle, '127.0.0.1', int(os.environ["TOWER_PORT"]))
    print("Serving on 127.0.0.1")
    async with server:
        await done.wait()
    print("server closed")


asyncio.run(main())
