import asyncio
import os


async def main():
    loop = asyncio.get_running_loop()
    all_lost = loop.create_future()
    count = 0
    open_now = 0

    class Upper(asyncio.Protocol):
        def connection_made(self, transport):
            nonlocal count, open_now
            count += 1
            open_now += 1
            self.n = count
            self.transport = transport
            self.buf = b""
            print(f"connection {self.n} made")

        def data_received(self, data):
            # Answer whole lines only: TCP may split or merge them.
            self.buf += data
            while b"\n" in self.buf:
                line, self.buf = self.buf.split(b"\n", 1)
                print(f"connection {self.n} got: {line.decode()}")
                self.transport.write(line.upper() + b"\n")

        def eof_received(self):
            print(f"connection {self.n} eof_received")

        def connection_lost(self, exc):
            nonlocal open_now
            open_now -= 1
            print(f"connection {self.n} lost ({exc})")
            if count == 2 and open_now == 0:
                all_lost.set_result(None)

    server = await loop.create_server(Upper, '127.0.0.1', int(os.environ["TOWER_PORT"]))
    print("Serving on 127.0.0.1")
    await all_lost
    server.close()
    await server.wait_closed()
    print(f"server closed after {count} connections")


asyncio.run(main())
