"""Run one edition: the execution contract of conformance/README.md.

The edition leads a new process group, so that everything it starts can be
killed with it; the leader is not reaped until the group has been killed, so
its pid (which is the group id) cannot be reused in between.
"""

import dataclasses
import os
import select
import selectors
import signal
import subprocess
import threading
import time
from pathlib import Path

from . import peer as peer_mod
from . import reaper
from .errors import Interrupted

OUTPUT_CAP = 4 * 1024 * 1024   # bytes kept per stream from its start
END_KEEP = 64 * 1024           # and from its end, once the cap is passed

# Process groups running now, so that an interrupted runner can kill them all
# (and start no more: a worker thread may be about to start one).
_live_groups = set()
_live_lock = threading.Lock()
_aborted = False


def abort():
    global _aborted
    with _live_lock:
        _aborted = True
        for pgid in _live_groups:
            _kill_group(pgid)


def allow_starting():
    """Undo abort() (a new command line in the same process)."""
    global _aborted
    with _live_lock:
        _aborted = False


@dataclasses.dataclass
class Outcome:
    status: int | None = None          # wait status as subprocess reports it; None if killed by us
    timed_out: bool = False
    start_error: str | None = None     # the command could not be started at all
    peer_error: str | None = None      # the peer failed (evidence)
    peer_stderr: bytes = b""           # a peer program's stderr (evidence)
    stdout: bytes = b""
    stderr: bytes = b""
    dropped: dict = dataclasses.field(default_factory=dict)   # stream -> bytes dropped
    ends: dict = dataclasses.field(default_factory=dict)      # stream -> its last bytes, if dropped
    survivors: list = dataclasses.field(default_factory=list)  # pids alive after the kill
    left_behind: dict = dataclasses.field(default_factory=dict)  # escaped pid -> command, killed
    duration: float = 0.0
    limit: float = 0.0                 # the time limit it ran under


# How long output may still arrive after the edition has exited (a child that
# escaped the process group can hold the pipe open for ever).
EXIT_DRAIN_GRACE = 1.0
# How long a server peer program may take to finish once the edition, its
# client, has exited: it has nobody left to wait for.
PEER_EXIT_GRACE = 3.0
# How long an edition may take to exit once the peer has failed against it.
PEER_ERROR_GRACE = 1.0


class Capture(threading.Thread):
    """Reads both pipes into capped buffers and lets the peer wait on stdout."""

    def __init__(self, proc, cap=OUTPUT_CAP):
        super().__init__(daemon=True)
        self.cap = cap
        self.cond = threading.Condition()
        self.buffers = {"stdout": bytearray(), "stderr": bytearray()}
        self.dropped = {"stdout": 0, "stderr": 0}
        self.ends = {"stdout": bytearray(), "stderr": bytearray()}
        self.open = {"stdout", "stderr"}
        self._stop_reading = threading.Event()
        self._files = {proc.stdout.fileno(): "stdout", proc.stderr.fileno(): "stderr"}

    def run(self):
        with selectors.DefaultSelector() as sel:
            for fd in self._files:
                os.set_blocking(fd, False)
                sel.register(fd, selectors.EVENT_READ)
            while sel.get_map() and not self._stop_reading.is_set():
                for key, _ in sel.select(0.1):
                    name = self._files[key.fd]
                    # Past the cap, bigger reads: a flood costs fewer wake-ups.
                    size = 1 << (20 if self.dropped[name] else 16)
                    try:
                        chunk = os.read(key.fd, size)
                    except BlockingIOError:
                        continue
                    with self.cond:
                        if not chunk:
                            sel.unregister(key.fd)
                            self.open.discard(name)
                        else:
                            self._keep(name, chunk)
                        self.cond.notify_all()
        with self.cond:
            self.open.clear()
            self.cond.notify_all()

    def _keep(self, name, chunk):
        buf = self.buffers[name]
        room = max(self.cap - len(buf), 0)
        buf += chunk[:room]
        if len(chunk) > room:
            self.dropped[name] += len(chunk) - room
            end = self.ends[name]
            end += chunk[room:]
            del end[:-END_KEEP]

    def end(self, name):
        """The last bytes of the stream as the edition wrote them."""
        buf, end = self.buffers[name], self.ends[name]
        if not self.dropped[name]:
            return bytes(buf)
        if len(end) >= END_KEEP:
            return bytes(end[-END_KEEP:])
        return bytes(buf[len(buf) - (END_KEEP - len(end)):]) + bytes(end)

    def stop(self, grace):
        """Wait up to grace seconds for EOF on both pipes, then stop reading
        (a process that escaped the group may hold them open forever)."""
        self.join(grace)
        self._stop_reading.set()
        self.join()

    def lines(self):
        """stdout up to its last newline: the peer waits for whole lines, so
        that it never acts while the edition is half-way through one."""
        buf = self.buffers["stdout"]
        return buf[:buf.rfind(b"\n") + 1].decode("utf-8", "replace")

    def wait_for(self, regex, deadline, exited):
        """Wait until stdout matches regex. Returns "match", "eof" (stdout
        closed or the edition exited first) or "timeout"."""
        exited_at = None
        with self.cond:
            while True:
                if regex.search(self.lines()):
                    return "match"
                if "stdout" not in self.open:
                    return "eof"
                # The edition may have exited with its last lines still in the
                # pipe: give the reader a moment to drain it before giving up.
                if exited_at is None and exited():
                    exited_at = time.monotonic()
                if exited_at is not None and time.monotonic() - exited_at > EXIT_DRAIN_GRACE:
                    return "eof"
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return "timeout"
                self.cond.wait(min(remaining, 0.1))


def _exit_status(pid):
    """The wait status (negative for a signal) of an exited, unreaped process;
    None while it runs."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return None
    if info is None or info.si_pid == 0:
        return None
    if info.si_code == os.CLD_EXITED:
        return info.si_status
    return -info.si_status


def _exited(pid):
    """True when the process has exited, without reaping it."""
    try:
        info = os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
    except ChildProcessError:
        return True
    return info is not None and info.si_pid != 0


def _wait_exit(pid, deadline):
    """Wait (unreaped) until the process exits or the deadline passes."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        fd = None
    try:
        while not _exited(pid):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return False
            if fd is not None:
                select.select([fd], [], [], remaining)
            else:
                time.sleep(min(remaining, 0.02))
        return True
    finally:
        if fd is not None:
            os.close(fd)


def _group_members(pgid):
    """Pids still running (not zombies) in a process group."""
    try:
        entries = os.listdir("/proc")
    except OSError:
        return []
    members = []
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            if os.getpgid(int(entry)) != pgid:   # a syscall: cheaper than reading stat
                continue
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may itself contain spaces.
        if stat[stat.rindex(")") + 2:].split()[0] not in ("Z", "X"):
            members.append(int(entry))
    return members


def _kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _ensure_dead(pgid, grace=2.0):
    """Kill the group until no member runs; return the pids that would not die."""
    end = time.monotonic() + grace
    while True:
        _kill_group(pgid)
        members = _group_members(pgid)
        if not members or time.monotonic() > end:
            return members
        time.sleep(0.01)


STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


def _interrupt(signum, frame):
    # Once: a second signal while the partial reports are written must not
    # cut them short (the groups are already being killed).
    for sig in STOPPING_SIGNALS:
        if signal.getsignal(sig) is _interrupt:
            signal.signal(sig, lambda *_: None)
    raise Interrupted(signum)


def take_signals():
    """Install the runner's signal handlers; return what to restore. Main thread only.

    SIGINT, SIGTERM (a CI cancelling the job) and SIGHUP raise Interrupted in
    the main thread, which kills every group and reports what finished.

    A runner started in the background by a non-interactive shell (or under
    nohup) inherits SIGINT ignored, and exec() passes "ignored" on to every
    edition, so a verbatim server would survive its SIGINT step. A handler,
    unlike SIG_IGN, is reset to the default by exec(); the no-op one keeps the
    runner itself ignoring the signal as it was asked to.
    """
    previous = {}
    for sig in STOPPING_SIGNALS + (signal.SIGQUIT, signal.SIGUSR1, signal.SIGUSR2):
        previous[sig] = signal.getsignal(sig)
        if previous[sig] == signal.SIG_IGN:
            signal.signal(sig, lambda *_: None)
        elif sig in STOPPING_SIGNALS:
            signal.signal(sig, _interrupt)
    return previous


def restore_signals(previous):
    for sig, handler in previous.items():
        signal.signal(sig, handler if handler is not None else signal.SIG_DFL)


def base_env(port=None, extra=None):
    env = dict(os.environ)
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"   # never litter the suite with __pycache__
    env.pop("TOWER_PORT", None)
    if port is not None:
        env["TOWER_PORT"] = str(port)
    env.update(extra or {})
    return env


# Each line a peer program prints is appended to the transcript with this mark.
PEER_MARK = b"peer: "


class _Child:
    """One program started under the execution contract: a new process group,
    stdin closed, both output streams captured. error says why it did not start."""

    def __init__(self, argv, cwd, env):
        self.proc = self.capture = self.error = None
        self.survivors = []
        self.left_behind = {}
        self.status = None     # the exit status it reached by itself
        self.reaped = False
        self.token = reaper.new_token()
        env = dict(env, **{reaper.TOKEN_VAR: self.token})
        with _live_lock:
            if _aborted:
                self.error = "the runner was interrupted"
                return
            try:
                self.proc = subprocess.Popen(
                    argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            except OSError as exc:
                self.error = f"cannot start {argv[0]!r}: {exc.strerror or exc}"
                return
            _live_groups.add(self.proc.pid)
        self.capture = Capture(self.proc)
        self.capture.start()

    def exited(self):
        return _exited(self.proc.pid)

    def wait(self, deadline):
        return _wait_exit(self.proc.pid, deadline)

    def reap(self):
        """Kill whatever is left of the group (an exited program may have left
        children behind) and reap the leader; once."""
        if self.proc is None or self.reaped:
            return
        self.reaped = True
        self.status = _exit_status(self.proc.pid)
        self.survivors = _ensure_dead(self.proc.pid)
        self.left_behind = reaper.kill_left_behind(self.token)
        self.proc.wait()
        with _live_lock:
            _live_groups.discard(self.proc.pid)
            reaper.reap_strays(_live_groups)

    def close(self):
        if self.proc is None:
            return
        self.capture.stop(grace=2.0)
        self.proc.stdout.close()
        self.proc.stderr.close()

    def output(self, name):
        return bytes(self.capture.buffers[name])


def _await_ready(child, peer, deadline, out, who):
    """Wait until child prints the peer's ready line; False (with the evidence
    in out) when it exits or the time limit comes first."""
    state = child.capture.wait_for(peer.ready, deadline, child.exited)
    if state == "match":
        return True
    out.timed_out = state == "timeout"
    out.peer_error = (f"{who} never printed the ready line /{peer.ready.pattern}/"
                      + (" before its time limit" if out.timed_out else " (it exited)"))
    return False


def _finish_program(program, peer, deadline, out, edition=None):
    """Wait for the peer program to end by itself; a program that fails is the
    peer's verdict on the edition, with its stderr as the evidence. A server
    program whose client, the edition, has exited gets a short grace only."""
    name = peer.program.name
    if edition is not None:
        deadline = min(deadline, time.monotonic() + PEER_EXIT_GRACE)
    if not program.wait(deadline):
        if edition is not None:
            status = _exit_status(edition.proc.pid)
            out.peer_error = (f"the edition ended ({status_text(status)}) while the peer"
                              f" program {name} was still waiting")
        else:
            out.timed_out = True
            out.peer_error = f"the peer program {name} was still running"
        return
    program.reap()
    status = program.proc.returncode
    if status != 0:
        out.peer_error = f"the peer program {name} failed ({status_text(status)})"


def _with_peer_output(stdout, program):
    """The transcript: the edition's stdout, then each line of the peer program's."""
    text = program.output("stdout")
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(b"\n"):
        lines[-1] += b"\n"
    return stdout + b"".join(PEER_MARK + line for line in lines)


def execute(argv, cwd, timeout, env, peer=None, port=None, peer_command=None):
    """Run argv under the execution contract and return its Outcome.

    A peer of steps is played by peer.py; a peer program runs as a program of
    its own, peer_command = (argv, env): a client started once the edition is
    ready, or a server started first, which the edition connects to."""
    start = time.monotonic()
    deadline = start + timeout
    out = Outcome(limit=timeout)
    by_program = peer is not None and peer.program is not None
    edition = program = None
    connections = []
    try:
        if by_program and peer.serves:
            program = _Child(peer_command[0], cwd, peer_command[1])
            if program.error:
                out.start_error = f"peer program {peer.program.name}: {program.error}"
                return out
            if not _await_ready(program, peer, deadline, out, "the peer program"):
                return out
        edition = _Child(argv, cwd, env)
        if edition.error:
            out.start_error = edition.error
            return out
        if by_program and not peer.serves:
            if _await_ready(edition, peer, deadline, out, "the edition"):
                program = _Child(peer_command[0], cwd, peer_command[1])
                if program.error:
                    out.start_error = f"peer program {peer.program.name}: {program.error}"
                else:
                    _finish_program(program, peer, deadline, out)
        elif peer is not None and not by_program:
            result = peer_mod.play(peer, port, edition.capture, edition.proc.pid, deadline,
                                   edition.exited, os.path.join(os.path.dirname(cwd), "certs"))
            connections = result.connections
            if result.timed_out:
                out.timed_out = True
            if result.error:
                out.peer_error = result.error
                # A reset connection may be a server dying of a signal: let it
                # finish dying, so that the verdict names the signal.
                edition.wait(min(deadline, time.monotonic() + PEER_ERROR_GRACE))
        if out.peer_error is None and not out.timed_out and out.start_error is None:
            out.timed_out = not edition.wait(deadline)
        if (by_program and peer.serves and out.peer_error is None and not out.timed_out
                and out.start_error is None):
            _finish_program(program, peer, deadline, out, edition)
    finally:
        # Also after a normal exit: an edition may have left children behind.
        for child in (edition, program):
            if child is not None:
                child.reap()
        for conn in connections:  # see peer.play
            conn.close()
        for child in (edition, program):
            if child is not None:
                child.close()
        out.duration = time.monotonic() - start
    if edition is None or edition.proc is None:
        return out
    # The status the edition reached by itself, also when the peer failed
    # (a server that crashed); never the SIGKILL of the time limit.
    out.status = edition.status
    out.stdout = edition.output("stdout")
    if program is not None and program.proc is not None:
        out.stdout = _with_peer_output(out.stdout, program)
        out.peer_stderr = program.output("stderr")
    out.stderr = edition.output("stderr")
    out.dropped = {k: v for k, v in edition.capture.dropped.items() if v}
    out.ends = {k: edition.capture.end(k) for k in out.dropped}
    out.survivors = edition.survivors + (program.survivors if program else [])
    out.left_behind = {**edition.left_behind, **(program.left_behind if program else {})}
    return out


def status_text(status):
    return f"killed by {signal_name(status)}" if status < 0 else f"exit status {status}"


def signal_name(status):
    """'SIGSEGV' for a status of -11."""
    try:
        return signal.Signals(-status).name
    except ValueError:
        return f"signal {-status}"


