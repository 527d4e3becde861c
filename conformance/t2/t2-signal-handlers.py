import asyncio
import os
import signal
import threading


async def main():
    loop = asyncio.get_running_loop()
    seen = []
    arrived = asyncio.Event()

    def on_signal(name, count):
        on_loop_thread = threading.current_thread() is threading.main_thread()
        seen.append(f"{name} on the loop thread: {on_loop_thread}")
        if len(seen) == count:
            arrived.set()

    def replaced_handler():
        print("replaced handler called (never)")

    loop.add_signal_handler(signal.SIGUSR1, replaced_handler)
    loop.add_signal_handler(signal.SIGUSR1, on_signal, "SIGUSR1", 1)
    os.kill(os.getpid(), signal.SIGUSR1)
    await arrived.wait()
    print(f"handled: {seen[0]}")

    seen.clear()
    arrived.clear()
    loop.add_signal_handler(signal.SIGUSR1, lambda: on_signal("SIGUSR1", 2))
    loop.add_signal_handler(signal.SIGUSR2, lambda: on_signal("SIGUSR2", 2))
    os.kill(os.getpid(), signal.SIGUSR1)
    os.kill(os.getpid(), signal.SIGUSR2)
    await arrived.wait()
    print(f"two signals sent together, both handled: {sorted(seen)}")

    for sig in (signal.SIGKILL, 0, signal.NSIG):
        try:
            loop.add_signal_handler(sig, replaced_handler)
            print(f"add_signal_handler({sig}): no error")
        except (RuntimeError, ValueError) as exc:
            print(f"add_signal_handler({sig}): {type(exc).__name__}: {exc}")

    print(f"remove SIGUSR1: {loop.remove_signal_handler(signal.SIGUSR1)}")
    print(f"remove SIGUSR1 again: {loop.remove_signal_handler(signal.SIGUSR1)}")
    print(f"remove SIGUSR2: {loop.remove_signal_handler(signal.SIGUSR2)}")
    print(f"remove SIGTERM, never added: {loop.remove_signal_handler(signal.SIGTERM)}")


asyncio.run(main())
