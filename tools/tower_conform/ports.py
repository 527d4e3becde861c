"""TCP ports for server editions, with a file lock per port.

The lock files live in one directory shared by every runner process on the
machine, so two scenarios (in this runner or in a parallel one) never get the
same port at once: a fixed port such as 8888 is waited for, an assigned port
is chosen among the unlocked ones. Assigned ports come from below the kernel's
ephemeral range so that no outgoing connection can take one between the
moment it is chosen and the moment the edition binds it.
"""

import contextlib
import errno
import fcntl
import random
import socket
import tempfile
from pathlib import Path

LOCK_DIR = Path(tempfile.gettempdir()) / "tower-conform-ports"
ASSIGNED_RANGE = (20000, 32000)
_random = random.Random()


def _lock_file(port):
    LOCK_DIR.mkdir(mode=0o777, exist_ok=True)
    path = LOCK_DIR / f"{port}.lock"
    return open(path, "a+")


@contextlib.contextmanager
def fixed_port(port):
    """Hold the lock of a fixed port, waiting for whoever holds it."""
    with _lock_file(port) as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        yield port


def _bindable(port, families):
    for family, host in families:
        with socket.socket(family, socket.SOCK_STREAM) as s:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                s.bind((host, port))
            except OSError as exc:
                if exc.errno == errno.EADDRNOTAVAIL and family == socket.AF_INET6:
                    continue  # no IPv6 here; the scenario will say so itself
                return False
    return True


@contextlib.contextmanager
def assigned_port(want_ipv6=False):
    """Choose and hold a free port no other runner is using."""
    families = [(socket.AF_INET, "127.0.0.1")]
    if want_ipv6 and socket.has_ipv6:
        families.append((socket.AF_INET6, "::1"))
    for _ in range(1000):
        port = _random.randrange(*ASSIGNED_RANGE)
        f = _lock_file(port)
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            f.close()
            continue
        if not _bindable(port, families):
            f.close()
            continue
        try:
            yield port
        finally:
            f.close()
        return
    raise RuntimeError("no free TCP port found for a server edition")


def for_peer(peer):
    """The context manager that provides the port a scenario's peer needs."""
    if peer is None:
        return contextlib.nullcontext(None)
    if peer.fixed_port is not None:
        return fixed_port(peer.fixed_port)
    return assigned_port("tcp6" in peer.families)

