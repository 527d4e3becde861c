import asyncio
import signal

DEVNULL = asyncio.subprocess.DEVNULL


async def main():
    loop = asyncio.get_running_loop()
    lost = loop.create_future()

    class P(asyncio.SubprocessProtocol):
        def __init__(self, name):
            self.name = name

        def process_exited(self):
            print(f"{self.name}: process_exited")

        def connection_lost(self, exc):
            print(f"{self.name}: connection_lost({exc})")
            lost.set_result(None)

    transport, proto = await loop.subprocess_exec(
        lambda: P("first"), "sleep", "30", stdin=DEVNULL, stdout=DEVNULL, stderr=DEVNULL)
    print(f"get_protocol() is the protocol: {transport.get_protocol() is proto}")
    print(f"is_closing(): {transport.is_closing()}")
    print(f"get_returncode() while it runs: {transport.get_returncode()}")
    print(f"get_pipe_transport(0, 1, 2) without pipes: "
          f"{[transport.get_pipe_transport(fd) for fd in (0, 1, 2)]}")

    # The child's exit goes to the protocol set last.
    second = P("second")
    transport.set_protocol(second)
    print(f"after set_protocol, get_protocol() is the new one: {transport.get_protocol() is second}")
    transport.send_signal(signal.SIGTERM)
    await lost
    print(f"get_returncode() after SIGTERM: {transport.get_returncode()}")

    # Once the transport has lost its process, signalling it is refused.
    for name in ("send_signal", "terminate", "kill"):
        method = getattr(transport, name)
        try:
            method(signal.SIGTERM) if name == "send_signal" else method()
            print(f"{name}() after the exit: no error")
        except ProcessLookupError:
            print(f"{name}() after the exit: ProcessLookupError")
    transport.close()
    print(f"is_closing() after close(): {transport.is_closing()}")


asyncio.run(main())
