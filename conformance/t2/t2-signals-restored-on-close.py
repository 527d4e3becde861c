import asyncio
import os
import signal

received = []


def plain_handler(signum, frame):
    received.append(signal.Signals(signum).name)


loop = asyncio.new_event_loop()
handled = loop.create_future()
loop.add_signal_handler(signal.SIGUSR1, handled.set_result, "SIGUSR1")
loop.add_signal_handler(signal.SIGUSR2, print, "SIGUSR2 handler (never)")
loop.call_soon(os.kill, os.getpid(), signal.SIGUSR1)
print(f"the loop's handler ran: {loop.run_until_complete(handled)}")
loop.close()
for sig in (signal.SIGUSR1, signal.SIGUSR2):
    print(f"after close, {sig.name} has its default disposition: "
          f"{signal.getsignal(sig) == signal.SIG_DFL}")
    signal.signal(sig, plain_handler)
    os.kill(os.getpid(), sig)
    signal.signal(sig, signal.SIG_DFL)
print(f"a plain handler installed after close receives: {received}")
