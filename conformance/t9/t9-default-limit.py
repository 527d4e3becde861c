import asyncio
import socket

KIB64 = 64 * 1024


async def stream_of(data):
    # Queue everything (EOF included) before the stream exists, so the outcome
    # cannot depend on where the kernel splits the bytes. Each stream carries
    # about 128 KiB, well within a socketpair's default buffer.
    ours, peer = socket.socketpair()
    peer.sendall(data)
    peer.shutdown(socket.SHUT_WR)
    reader, writer = await asyncio.open_unix_connection(sock=ours)  # default limit
    return reader, writer, peer


async def main():
    reader, writer, peer = await stream_of(
        b"a" * KIB64 + b"\n" + b"b" * (KIB64 + 1) + b"\n" + b"tail\n")
    line = await reader.readline()
    print(f"readline of 65536 bytes plus newline: {len(line)} bytes")
    try:
        line = await reader.readline()
        print(f"readline of 65537 bytes plus newline: {len(line)} bytes")
    except ValueError:
        print("readline of 65537 bytes plus newline: ValueError")
    print(f"next readline: {(await reader.readline()).decode().strip()}")
    writer.close()
    await writer.wait_closed()
    peer.close()

    reader, writer, peer = await stream_of(
        b"c" * KIB64 + b";" + b"d" * (KIB64 + 1) + b";")
    chunk = await reader.readuntil(b";")
    print(f"readuntil with 65536 bytes before the separator: {len(chunk)} bytes")
    try:
        chunk = await reader.readuntil(b";")
        print(f"readuntil with 65537 bytes before the separator: {len(chunk)} bytes")
    except asyncio.LimitOverrunError:
        print("readuntil with 65537 bytes before the separator: LimitOverrunError")
    print(f"the data is still there: {len(await reader.read())} bytes")
    writer.close()
    await writer.wait_closed()
    peer.close()


asyncio.run(main())
