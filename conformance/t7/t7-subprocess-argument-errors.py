import asyncio
import subprocess


async def main():
    loop = asyncio.get_running_loop()
    shell = [
        ("a command that is not a string", (42,), {}),
        ("universal_newlines=True", ("true",), {"universal_newlines": True}),
        ("shell=False", ("true",), {"shell": False}),
        ("bufsize=1", ("true",), {"bufsize": 1}),
        ("text=True", ("true",), {"text": True}),
        ("encoding='utf-8'", ("true",), {"encoding": "utf-8"}),
        ("errors='strict'", ("true",), {"errors": "strict"}),
    ]
    for what, args, kwargs in shell:
        try:
            await loop.subprocess_shell(asyncio.SubprocessProtocol, *args, **kwargs)
            print(f"subprocess_shell, {what}: started")
        except ValueError as exc:
            print(f"subprocess_shell, {what}: ValueError: {exc}")
    exec_ = [
        ("universal_newlines=True", {"universal_newlines": True}),
        ("shell=True", {"shell": True}),
        ("bufsize=1", {"bufsize": 1}),
        ("text=True", {"text": True}),
        ("encoding='utf-8'", {"encoding": "utf-8"}),
        ("errors='strict'", {"errors": "strict"}),
    ]
    for what, kwargs in exec_:
        try:
            await loop.subprocess_exec(asyncio.SubprocessProtocol, "true", **kwargs)
            print(f"subprocess_exec, {what}: started")
        except ValueError as exc:
            print(f"subprocess_exec, {what}: ValueError: {exc}")

    # The accepted values of the same arguments start the child.
    done = loop.create_future()

    class Exited(asyncio.SubprocessProtocol):
        def process_exited(self):
            done.set_result(None)

    transport, _ = await loop.subprocess_exec(
        Exited, "true", universal_newlines=False, shell=False, bufsize=0, text=False,
        encoding=None, errors=None, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    await done
    print(f"subprocess_exec with the accepted values: exit status {transport.get_returncode()}")
    transport.close()


asyncio.run(main())
