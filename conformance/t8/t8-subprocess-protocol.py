import asyncio

# The child writes to stdout, closes it, then waits for EOF on stdin before
# exiting with status 3: the parent closes stdin only after it has seen
# stdout close, so every callback has exactly one possible order.
CHILD = 'printf "hello from the child"; exec 1>&-; cat >/dev/null; exit 3'


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    events = []

    class P(asyncio.SubprocessProtocol):
        def connection_made(self, transport):
            self.transport = transport
            self.out = b""
            events.append("connection_made")

        def pipe_data_received(self, fd, data):
            if not events[-1].startswith(f"pipe_data_received({fd})"):
                events.append(f"pipe_data_received({fd})+")
            self.out += data

        def pipe_connection_lost(self, fd, exc):
            events.append(f"pipe_connection_lost({fd}, {exc})")
            if fd == 1:
                self.transport.get_pipe_transport(0).close()

        def process_exited(self):
            events.append(f"process_exited, returncode {self.transport.get_returncode()}")

        def connection_lost(self, exc):
            events.append(f"connection_lost({exc})")
            done.set_result(None)

    transport, proto = await loop.subprocess_exec(
        P, '/bin/sh', '-c', CHILD, stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    print(f"stderr pipe transport: {transport.get_pipe_transport(2)}")
    await done
    for e in events:
        print(e)
    print(f"stdout: {proto.out.decode()}")
    print(f"get_returncode: {transport.get_returncode()}")
    transport.close()


asyncio.run(main())
