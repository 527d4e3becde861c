import asyncio
import socket

SIZE = 4 * 1024 * 1024


async def drain(loop, peer):
    """Everything the peer can read, up to the end of file."""
    data = bytearray()
    while chunk := await loop.sock_recv(peer, 1 << 20):
        data += chunk
    return bytes(data)


async def main():
    loop = asyncio.get_running_loop()

    class Watcher(asyncio.Protocol):
        def __init__(self):
            self.lost = loop.create_future()
            self.calls = 0

        def connection_lost(self, exc):
            self.calls += 1
            self.lost.set_result(exc)

    # close() with data still buffered: the transport stops reading at once
    # and flushes; a write before the flush is done joins the buffer.
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    transport, proto = await loop.create_unix_connection(Watcher, sock=ours)
    transport.write(b"a" * SIZE)
    transport.close()
    print(f"close with {SIZE} bytes written: buffered {transport.get_write_buffer_size() > 0}, "
          f"closing {transport.is_closing()}, reading {transport.is_reading()}")
    transport.pause_reading()
    transport.resume_reading()
    print(f"pause_reading and resume_reading while closing change nothing: reading {transport.is_reading()}")
    transport.write(b"while flushing")
    transport.write_eof()
    print("write while flushing: no error; write_eof while closing: nothing to do")
    data = await drain(loop, peer)
    print(f"the peer read {len(data) - SIZE} bytes more than the first write, ending "
          f"{data[-14:]!r}")
    print(f"connection_lost({await proto.lost}), calls {proto.calls}")
    # (A write now fails inside CPython 3.11 with AttributeError: a close
    # that flushed its buffer does not count the connection as lost.)
    transport.pause_reading()
    transport.resume_reading()
    print(f"after connection_lost: closing {transport.is_closing()}, reading {transport.is_reading()}, "
          f"buffered {transport.get_write_buffer_size()}")
    peer.close()

    # close() with nothing buffered: connection_lost is scheduled at once,
    # and a write after close is dropped.
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    transport, proto = await loop.create_unix_connection(Watcher, sock=ours)
    transport.close()
    transport.write(b"after close")
    print(f"close with nothing buffered, then write: buffered {transport.get_write_buffer_size()}")
    print(f"connection_lost({await proto.lost}); the peer read {await drain(loop, peer)!r}")
    peer.close()

    # abort() drops the buffer, and every write after it.
    ours, peer = socket.socketpair()
    peer.setblocking(False)
    transport, proto = await loop.create_unix_connection(Watcher, sock=ours)
    transport.write(b"b" * SIZE)
    transport.abort()
    transport.write(b"after abort")
    print(f"abort with {SIZE} bytes written, then write: buffered {transport.get_write_buffer_size()}, "
          f"closing {transport.is_closing()}, reading {transport.is_reading()}")
    transport.abort()
    transport.close()
    print("abort and close again: nothing to do")
    data = await drain(loop, peer)
    print(f"connection_lost({await proto.lost}), calls {proto.calls}; the peer read fewer bytes: "
          f"{len(data) < SIZE}, only b's: {data.strip(b'b') == b''}")
    peer.close()


asyncio.run(main())
