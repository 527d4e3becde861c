import asyncio
import os
import socket
import tempfile


async def main():
    loop = asyncio.get_running_loop()
    folder = tempfile.mkdtemp()
    a = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    b = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    a.bind(os.path.join(folder, "a"))
    b.bind(os.path.join(folder, "b"))
    a.connect(os.path.join(folder, "b"))
    received = []
    all_in = loop.create_future()
    expected = 0

    class Sender(asyncio.DatagramProtocol):
        def pause_writing(self):
            print("sender: pause_writing, buffered above the high mark:",
                  sender.get_write_buffer_size() > 1000)

        def resume_writing(self):
            print("sender: resume_writing, buffered at most the low mark:",
                  sender.get_write_buffer_size() <= 250)

    class Receiver(asyncio.DatagramProtocol):
        def datagram_received(self, data, addr):
            received.append(data)
            if len(received) == expected:
                all_in.set_result(None)

    sender, _ = await loop.create_datagram_endpoint(Sender, sock=a)
    receiver, _ = await loop.create_datagram_endpoint(Receiver, sock=b)
    sender.set_write_buffer_limits(high=1000)
    print("limits:", sender.get_write_buffer_limits())
    sent = 0
    while sender.get_write_buffer_size() == 0 and sent < 100000:
        sender.sendto(b"%06d" % sent + b"." * 94)
        sent += 1
    print("sendto buffers once the socket is full:", sender.get_write_buffer_size() == 100)
    for _ in range(20):
        sender.sendto(b"%06d" % sent + b"." * 94)
        sent += 1
    print("buffered after 20 more:", sender.get_write_buffer_size())
    expected = sent
    await all_in
    print("every datagram arrived, in order:",
          received == [b"%06d" % i + b"." * 94 for i in range(sent)])
    print("write buffer at the end:", sender.get_write_buffer_size())
    sender.close()
    receiver.close()
    await asyncio.sleep(0)
    for name in "ab":
        os.unlink(os.path.join(folder, name))
    os.rmdir(folder)


asyncio.run(main())
