import asyncio
import ssl
import tempfile

CONTENT = b"".join(b"line %03d of the file\n" % i for i in range(1000))


async def main():
    loop = asyncio.get_running_loop()
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain("../certs/server.pem", "../certs/server.key")
    client_ctx = ssl.create_default_context(cafile="../certs/ca.pem")
    received = bytearray()
    complete = loop.create_future()
    expected = 0

    class Collector(asyncio.Protocol):
        def data_received(self, data):
            received.extend(data)
            if complete.done():
                return
            if len(received) == expected or (expected is None and received.endswith(b"a trailer\n")):
                complete.set_result(None)

    class Client(asyncio.Protocol):
        def data_received(self, data):
            print(f"client: received {data!r}")

    server = await loop.create_server(Collector, "127.0.0.1", 0, ssl=server_ctx)
    port = server.sockets[0].getsockname()[1]
    transport, _ = await loop.create_connection(Client, "localhost", port, ssl=client_ctx)
    with tempfile.TemporaryFile() as f:
        f.write(CONTENT)
        f.seek(0)
        # A TLS transport has no native sendfile: os.sendfile would send the
        # file's bytes unencrypted. Without the fallback that is an error.
        try:
            await loop.sendfile(transport, f, fallback=False)
        except RuntimeError as exc:
            print(f"fallback=False: RuntimeError: {str(exc).split(' <')[0]}")
        print(f"the file's position is unchanged: {f.tell()}")

        # With it, the loop reads the file and writes it through the
        # transport, after what the transport holds and before what follows.
        expected = 9 + len(CONTENT) + 10
        transport.write(b"a header\n")
        sent = await loop.sendfile(transport, f)
        transport.write(b"a trailer\n")
        await complete
        in_order = bytes(received) == b"a header\n" + CONTENT + b"a trailer\n"
        print(f"whole file: sent {sent}, in order: {in_order}, position after: {f.tell()}")

        received.clear()
        complete = loop.create_future()
        expected = 21
        sent = await loop.sendfile(transport, f, offset=42, count=21)
        await complete
        print(f"offset=42 count=21: sent {sent}, {bytes(received).decode().strip()}, "
              f"position after: {f.tell()}")
        print(f"the transport reads and writes again: reading {transport.is_reading()}, "
              f"closing {transport.is_closing()}")

    # Cancelled while it reads or waits for room: what went is a prefix of
    # the file, and the transport is the protocol's again. The file's
    # position is not before the end of that prefix; it may be past it,
    # since a block the executor was reading when the cancellation came is
    # read all the same. The file is fifty times the first: far more blocks
    # than five turns of the loop can send.
    with tempfile.TemporaryFile() as f:
        f.write(CONTENT * 50)
        f.seek(0)
        received.clear()
        complete = loop.create_future()
        expected = None
        sending = asyncio.create_task(loop.sendfile(transport, f))
        for _ in range(5):
            await asyncio.sleep(0)
        sending.cancel()
        try:
            await sending
        except asyncio.CancelledError:
            print("cancelled: CancelledError")
        transport.write(b"a trailer\n")
        await complete
        went = len(received) - 10
        prefix = bytes(received) == (CONTENT * 50)[:went] + b"a trailer\n"
        print(f"the peer received a prefix of the file, then the trailer: {prefix}; "
              f"the file's position is not before its end: {f.tell() >= went}, "
              f"the whole file: {went == 50 * len(CONTENT)}")

    transport.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
