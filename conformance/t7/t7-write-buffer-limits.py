import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    ours, peer = socket.socketpair()
    transport, _ = await loop.create_unix_connection(asyncio.Protocol, sock=ours)

    def show(label):
        low, high = transport.get_write_buffer_limits()
        print(f"{label}: low={low} high={high}")

    show("defaults")
    transport.set_write_buffer_limits(high=1000)
    show("high=1000")
    transport.set_write_buffer_limits(high=1000, low=10)
    show("high=1000 low=10")
    transport.set_write_buffer_limits(low=100)
    show("low=100")
    transport.set_write_buffer_limits(high=0)
    show("high=0")
    transport.set_write_buffer_limits()
    show("no arguments")
    for kwargs in ({"high": 10, "low": 20}, {"high": -1}, {"high": 10, "low": -1}):
        args = " ".join(f"{k}={v}" for k, v in kwargs.items())
        try:
            transport.set_write_buffer_limits(**kwargs)
            print(f"{args}: accepted")
        except ValueError:
            print(f"{args}: ValueError")
    show("after the rejected calls")
    transport.close()
    peer.close()
    await asyncio.sleep(0)


asyncio.run(main())
