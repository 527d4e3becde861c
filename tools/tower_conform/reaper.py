"""Processes that escape an edition's process group (setsid, a double fork).

Killing the group cannot reach them, so the runner makes itself a child
subreaper (Linux, prctl PR_SET_CHILD_SUBREAPER): whatever an edition leaves
behind is re-parented to the runner instead of init, where it can be found,
killed and reaped. Every program the runner starts carries a token of its own
in its environment, which its descendants inherit, so that a process left
behind is blamed on the edition that left it even when many run at once.
"""

import ctypes
import os
import secrets
import signal
import sys
import time
from pathlib import Path

TOKEN_VAR = "TOWER_CONFORM_TOKEN"
_PR_SET_CHILD_SUBREAPER = 36
_subreaper = False


def become_subreaper():
    """Make this process the reaper of its orphaned descendants; False where
    the system has no such thing (then escaped processes are looked for
    among all of the user's processes instead of among our children)."""
    global _subreaper
    if _subreaper or not sys.platform.startswith("linux"):
        return _subreaper
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        _subreaper = libc.prctl(_PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
    except (OSError, AttributeError):
        _subreaper = False
    return _subreaper


def new_token():
    return secrets.token_hex(8)


def _stat(pid):
    """(state, ppid, pgid) of a process, or None when it is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name is in parentheses and may itself contain spaces.
    fields = text[text.rindex(")") + 2:].split()
    return fields[0], int(fields[1]), int(fields[2])


def _pids():
    try:
        return [int(e) for e in os.listdir("/proc") if e.isdigit()]
    except OSError:
        return []


def _carries(pid, token):
    try:
        environ = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return False
    return f"{TOKEN_VAR}={token}".encode() in environ.split(b"\0")


def _command(pid):
    try:
        words = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    return b" ".join(w for w in words if w).decode("utf-8", "replace")[:80] or "?"


def _running_with(token):
    me = os.getpid()
    found = []
    for pid in _pids():
        stat = _stat(pid)
        if stat is None or stat[0] in ("Z", "X"):
            continue
        if _subreaper and stat[1] != me:
            continue   # an escaped process is our child; its own children come next round
        if _carries(pid, token):
            found.append(pid)
    return found


def kill_left_behind(token, grace=2.0):
    """Kill every running process that carries token; {pid: command} of those
    found. Killing one re-parents its children to us: look again until none."""
    found = {}
    end = time.monotonic() + grace
    while time.monotonic() < end:
        pids = _running_with(token)
        if not pids:
            break
        for pid in pids:
            found.setdefault(pid, _command(pid))
            try:
                os.kill(pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
        time.sleep(0.01)
    return found


def _any_dead_child():
    """Whether any child of ours is dead and unreaped: one system call, which
    spares the scan of /proc when there is nothing to reap."""
    try:
        info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return False
    return info is not None and info.si_pid != 0


def reap_strays(owned):
    """Reap the dead processes re-parented to us: members of a killed group and
    escaped processes. Never a process another part of the runner waits for:
    not one in owned (the leaders subprocess will reap), nor one in our own
    process group (a subprocess.run of ours)."""
    if not _subreaper or not _any_dead_child():
        return
    me, group = os.getpid(), os.getpgrp()
    for pid in _pids():
        stat = _stat(pid)
        if stat and stat[0] == "Z" and stat[1] == me and pid not in owned and stat[2] != group:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
