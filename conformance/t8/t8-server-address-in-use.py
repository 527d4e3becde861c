import asyncio
import errno
import os
import shutil
import socket
import tempfile


async def main():
    loop = asyncio.get_running_loop()
    first = await loop.create_server(asyncio.Protocol, "127.0.0.1", 0)
    port = first.sockets[0].getsockname()[1]
    try:
        await loop.create_server(asyncio.Protocol, "127.0.0.1", port)
    except OSError as e:
        print(f"second server on the port: OSError EADDRINUSE={e.errno == errno.EADDRINUSE}: {e}")
    first.close()
    await first.wait_closed()

    tmp = tempfile.mkdtemp()
    stale = os.path.join(tmp, "stale.sock")
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(stale)
    server = await loop.create_unix_server(asyncio.Protocol, stale)
    print(f"stale socket file replaced: serving={server.is_serving()}")
    server.close()
    await server.wait_closed()

    other = os.path.join(tmp, "file")
    open(other, "w").close()
    try:
        await loop.create_unix_server(asyncio.Protocol, other)
    except OSError as e:
        print(f"a regular file at the path: OSError EADDRINUSE={e.errno == errno.EADDRINUSE}: "
              f"{str(e).replace(tmp, '<tmp>')}")
    shutil.rmtree(tmp)


asyncio.run(main())
