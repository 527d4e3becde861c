"""The network client that plays a scenario's [peer] steps."""

import dataclasses
import os
import socket
import ssl
import time


@dataclasses.dataclass
class PeerResult:
    connections: list
    error: str | None = None     # FAIL evidence, or what was awaited at the timeout
    timed_out: bool = False


class _Failure(Exception):
    def __init__(self, message, timed_out=False):
        super().__init__(message)
        self.timed_out = timed_out


def _show(data, limit=200):
    text = repr(bytes(data[:limit]))
    return text + (f"... ({len(data)} bytes)" if len(data) > limit else "")


class _Connection:
    def __init__(self, number, family):
        self.number = number
        self.family = family
        self.sock = None
        self.closed = False

    @property
    def tls(self):
        return self.family == "tls"

    def close(self):
        if self.sock is not None and not self.closed:
            self.sock.close()
        self.closed = True


def _remaining(deadline, what):
    left = deadline - time.monotonic()
    if left <= 0:
        raise _Failure(f"time limit reached while {what}", timed_out=True)
    return left


def _recv(conn, deadline, what):
    conn.sock.settimeout(_remaining(deadline, what))
    try:
        return conn.sock.recv(1 << 16)
    except socket.timeout:
        raise _Failure(f"time limit reached while {what}", timed_out=True) from None
    except OSError as exc:
        raise _Failure(f"{what}: {exc}") from None


def _tls_wrap(conn, certs, deadline):
    """TLS over the connected socket: the suite's test CA, the name localhost."""
    cafile = os.path.join(certs, "ca.pem") if certs else None
    if cafile is None or not os.path.isfile(cafile):
        raise _Failure(f"connect = \"tls\" needs the suite's test CA, {cafile or 'certs/ca.pem'},"
                       " which is missing (conformance/certs/make-certs makes it)")
    context = ssl.create_default_context(cafile=cafile)
    conn.sock.settimeout(_remaining(deadline, "the TLS handshake"))
    try:
        conn.sock = context.wrap_socket(conn.sock, server_hostname="localhost")
    except socket.timeout:
        raise _Failure("time limit reached during the TLS handshake", timed_out=True) from None
    except (OSError, ssl.SSLError) as exc:
        raise _Failure(f"TLS handshake on connection {conn.number}: {exc}") from None


def _step(step, conns, port, capture, pgid, deadline, exited, certs=None):
    if step.action == "connect":
        family, host = ((socket.AF_INET6, "::1") if step.arg == "tcp6"
                        else (socket.AF_INET, "127.0.0.1"))
        conn = _Connection(len(conns) + 1, step.arg)
        conns.append(conn)
        conn.sock = socket.socket(family, socket.SOCK_STREAM)
        conn.sock.settimeout(_remaining(deadline, "connecting"))
        try:
            conn.sock.connect((host, port))
        except OSError as exc:
            raise _Failure(f"cannot connect to {host} port {port}: {exc}") from None
        if conn.tls:
            _tls_wrap(conn, certs, deadline)
        return
    if step.action == "sleep_until_output":
        state = capture.wait_for(step.arg, deadline, exited)
        if state == "timeout":
            raise _Failure(f"time limit reached waiting for stdout to match /{step.arg.pattern}/",
                           timed_out=True)
        if state == "eof":
            raise _Failure(f"the edition exited before stdout matched /{step.arg.pattern}/")
        return
    if step.action == "signal":
        try:
            os.killpg(pgid, step.arg)
        except ProcessLookupError:
            raise _Failure(f"cannot send {step.arg.name}: the edition has exited") from None
        return

    conn = conns[step.conn - 1] if step.conn else conns[-1]
    if conn.closed:
        raise _Failure(f"connection {conn.number} is already closed")
    if step.action in ("send", "send_hex"):
        conn.sock.settimeout(_remaining(deadline, "sending"))
        try:
            conn.sock.sendall(step.arg)
        except OSError as exc:
            raise _Failure(f"send {_show(step.arg)} on connection {conn.number}: {exc}") from None
    elif step.action == "expect":
        want = step.arg
        got = bytearray()
        while len(got) < len(want):
            what = f"expecting {_show(want)} on connection {conn.number} (got {_show(got)} so far)"
            chunk = _recv(conn, deadline, what)
            if not chunk:
                raise _Failure(f"connection {conn.number}: expected {_show(want)},"
                               f" got {_show(got)} then end of stream")
            got += chunk
            if not want.startswith(bytes(got[:len(want)])):
                break
        if bytes(got) != want:
            raise _Failure(f"connection {conn.number}: expected {_show(want)}, got {_show(got)}")
    elif step.action == "shutdown":
        if conn.tls:
            raise _Failure(f"connection {conn.number} is TLS, which cannot half-close"
                           " (use close instead of shutdown)")
        try:
            conn.sock.shutdown(socket.SHUT_WR)
        except OSError as exc:
            raise _Failure(f"shutdown of connection {conn.number}: {exc}") from None
    elif step.action == "expect_eof":
        chunk = _recv(conn, deadline, f"waiting for end of stream on connection {conn.number}")
        if chunk:
            raise _Failure(f"connection {conn.number}: expected end of stream, got {_show(chunk)}")
    elif step.action == "close":
        conn.close()
    else:
        raise AssertionError(step.action)


def play(peer, port, capture, pgid, deadline, exited, certs=None):
    """Wait for the ready line, then play the steps in order.

    Connections stay open until the edition has exited, so that closing is
    always a step the scenario asked for. CERTS is the suite's certs/ folder,
    whose test CA a connect = "tls" step trusts.
    """
    conns = []
    result = PeerResult(connections=conns)
    state = capture.wait_for(peer.ready, deadline, exited)
    if state != "match":
        result.timed_out = state == "timeout"
        result.error = (f"the edition never printed the ready line /{peer.ready.pattern}/"
                        + (" before its time limit" if result.timed_out else " (it exited)"))
        return result
    for number, step in enumerate(peer.steps):
        try:
            _step(step, conns, port, capture, pgid, deadline, exited, certs)
        except _Failure as failure:
            result.error = f"peer step {number} ({step.action}): {failure}"
            result.timed_out = failure.timed_out
            break
    return result
