"""Verdicts, and the evidence that makes a non-PASS verdict readable."""

import dataclasses
import difflib
import re
import unicodedata

from . import requirements
from .execute import OUTPUT_CAP, signal_name, status_text
from .golden import Golden
from .normalize import normalize

PASS, FAIL, TIMEOUT, CRASH, ERROR = "PASS", "FAIL", "TIMEOUT", "CRASH", "ERROR"
NOGOLDEN, UNSUPPORTED, XFAIL, XPASS, FLAKY = "NOGOLDEN", "UNSUPPORTED", "XFAIL", "XPASS", "FLAKY"

# How each verdict counts in "N passed, N failed, N skipped".
PASSED = {PASS, XFAIL}
FAILED = {FAIL, TIMEOUT, CRASH, ERROR, NOGOLDEN, XPASS, FLAKY}
SKIPPED = {UNSUPPORTED}
# What an expectations entry can excuse: a behaviour, not a broken setup.
EXCUSABLE = {FAIL, TIMEOUT, CRASH}

MAX_DIFF_INPUT_LINES = 2000
MAX_EVIDENCE_LINES = 200
MAX_LINE_CHARS = 400
TAIL_LINES = 20
# What a result keeps of stderr: its end. Bounds the memory of a whole run.
STDERR_KEEP = 64 * 1024


@dataclasses.dataclass
class Result:
    scenario: object
    verdict: str
    message: str = ""
    evidence: str = ""           # diff, last output...
    stderr: bytes = b""          # its last STDERR_KEEP bytes
    stderr_cut: int = 0          # bytes of stderr before those (or never captured)
    duration: float = 0.0
    raw: str | None = None       # the verdict before expectations turned it into XFAIL/XPASS
    expectation: object = None
    history: tuple = ()          # verdicts of each run, with --repeat
    warnings: tuple = ()         # worth saying even of a PASS (processes left behind)
    stderr_in_evidence: bool = False
    first_difference: str = ""   # "-expected +actual": the first line that differs
    diff: str = ""               # the unified diff of stdout, when it differs
    digest: str = ""             # how it fails (causes.digest), before expectations

    @property
    def id(self):
        return self.scenario.id


def _visible(line):
    """One line of output with whatever a terminal would hide made visible:
    backslashes doubled (so that a literal \\t differs from a tab), tabs, CR
    and control characters escaped, invalid UTF-8 as \\xNN, zero-width and
    other format characters as \\uNNNN, and so are the characters of a line
    that is not in NFC (an e and a combining accent look like é), trailing
    spaces as '·', and a missing final newline marked."""
    newline = line.endswith(b"\n")
    text = (line[:-1] if newline else line).decode("utf-8", "surrogateescape")
    body = text.rstrip(" \t\r")
    decomposed = not unicodedata.is_normalized("NFC", body.encode("utf-8", "replace")
                                               .decode("utf-8"))
    out = []
    for ch in body:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif unicodedata.category(ch) == "Cf" or (
                decomposed and (unicodedata.combining(ch)
                                or unicodedata.normalize("NFC", ch) != ch)):
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    trailing = text[len(body):].replace(" ", "·").replace("\t", "\\t").replace("\r", "\\r")
    shown = "".join(out) + trailing
    if len(shown) > MAX_LINE_CHARS:
        shown = shown[:MAX_LINE_CHARS] + f"… ({len(shown) - MAX_LINE_CHARS} more characters)"
    return shown if newline else shown + "⏎(no newline at end)"


def _line_count(data, start=0, end=None):
    """Lines in data[start:end], without copying it."""
    end = len(data) if end is None else end
    if end <= start:
        return 0
    return data.count(b"\n", start, end) + (data[end - 1:end] != b"\n")


def _head(data, count):
    """The first count lines of data, and the offset where the rest begins:
    never splits more of a big output than is shown."""
    end = 0
    for _ in range(count):
        if end >= len(data):
            break
        newline = data.find(b"\n", end)
        end = len(data) if newline < 0 else newline + 1
    return data[:end]


def _tail_start(data, count):
    """The offset of the last count lines of data."""
    start = len(data) - 1 if data.endswith(b"\n") else len(data)
    for _ in range(count):
        newline = data.rfind(b"\n", 0, start)
        if newline < 0:
            return 0
        start = newline
    return start + 1


def visible_lines(data, limit=None):
    shown_data = data if limit is None else _head(data, limit)
    shown = [_visible(line) for line in shown_data.splitlines(keepends=True)]
    rest = _line_count(data, len(shown_data))
    if rest:
        shown.append(f"… ({rest} more lines not shown)")
    return shown


def unified_diff(expected, actual, expected_name, actual_name):
    lines = difflib.unified_diff(
        visible_lines(expected, MAX_DIFF_INPUT_LINES), visible_lines(actual, MAX_DIFF_INPUT_LINES),
        expected_name, actual_name, lineterm="")
    return _cap(list(lines))


def _cap(lines, limit=MAX_EVIDENCE_LINES):
    if len(lines) > limit:
        lines = lines[:limit] + [f"… ({len(lines) - limit} more lines)"]
    return "\n".join(lines)


def tail(data, count=TAIL_LINES, cut=0):
    """The last count lines of data, made visible; cut: bytes that came before
    data and are gone (they are counted, not shown)."""
    start = _tail_start(data, count)
    lines = [_visible(line) for line in data[start:].splitlines(keepends=True)]
    if start or cut:
        earlier = _line_count(data, 0, start)
        lines.insert(0, f"… ({earlier} earlier line{'s' if earlier != 1 else ''}, {start} bytes,"
                     f" cut" + (f"; {cut} bytes before them were not kept" if cut else "") + ")")
    return "\n".join(lines)


def _stream_end(outcome, name):
    """The end of a stream as written, and how many bytes before it are gone."""
    data = getattr(outcome, name)
    if name in outcome.dropped:
        end = outcome.ends[name]
        return end, len(data) + outcome.dropped[name] - len(end)
    return data, 0


def _last_output(outcome):
    parts = []
    for name in ("stdout", "stderr"):
        data, cut = _stream_end(outcome, name)
        if data:
            parts.append(f"last {name}:\n" + tail(data, cut=cut))
    if outcome.peer_stderr:
        parts.append("the peer program's last stderr:\n" + tail(outcome.peer_stderr))
    return "\n".join(parts) or "(no output)"


def _truncation(outcome):
    cap = f"{OUTPUT_CAP // (1024 * 1024)} MiB"
    return [f"{stream} truncated: {dropped} bytes beyond the {cap} capture cap were discarded"
            for stream, dropped in sorted(outcome.dropped.items())]


def judge(scenario, outcome, golden, actual_name="stdout"):
    """The raw verdict of one run: PASS, FAIL, TIMEOUT, CRASH, ERROR or NOGOLDEN."""
    def result(verdict, message, evidence=""):
        notes = _truncation(outcome)
        if outcome.survivors:
            notes.append(f"processes that survived SIGKILL: {outcome.survivors}")
        evidence = "\n".join(([evidence] if evidence else []) + notes)
        stderr, cut = _stream_end(outcome, "stderr")
        kept = stderr[-STDERR_KEEP:]
        return Result(scenario, verdict, message, evidence, kept,
                      cut + len(stderr) - len(kept), outcome.duration,
                      warnings=_left_behind(outcome))

    if outcome.start_error:
        return result(ERROR, outcome.start_error)
    if outcome.timed_out:
        message = f"no exit within its time limit ({outcome.limit:g}s)"
        if outcome.peer_error:
            message += f"; {outcome.peer_error}"
        return result(TIMEOUT, message, _last_output(outcome))
    crashed = (outcome.status is not None and outcome.status < 0
               and not (isinstance(golden, Golden) and golden.status == outcome.status))
    if outcome.peer_error and crashed:   # a server that died: the peer only saw the effect
        return result(CRASH, f"{status_text(outcome.status)}; {outcome.peer_error}",
                      _last_output(outcome))
    if outcome.peer_error:
        return result(FAIL, outcome.peer_error, _last_output(outcome))
    if not isinstance(golden, Golden):
        return result(NOGOLDEN, golden)
    actual = normalize(outcome.stdout, scenario.normalize, scenario.rewrites)
    status = outcome.status
    same_output = actual == golden.data
    if same_output and status == golden.status:
        return result(PASS, "")
    evidence = []
    if not same_output:
        evidence.append(unified_diff(golden.data, actual, f"golden/{scenario.id}.out",
                                     f"{actual_name} (normalised)"))
    if status != golden.status:
        evidence.append(f"exit: expected {status_text(golden.status)} (golden/MANIFEST),"
                        f" got {status_text(status)}")
        # Why it exited otherwise is most often at the end of stderr.
        stderr, cut = _stream_end(outcome, "stderr")
        if stderr:
            evidence.append("last stderr:\n" + tail(stderr, cut=cut))
    if status < 0 and status != golden.status:
        verdict = CRASH
        message = f"killed by {signal_name(status)} (the oracle: {status_text(golden.status)})"
    else:
        verdict = FAIL
        message = "stdout differs" if not same_output else ""
        if status != golden.status:
            message += (("; " if message else "")
                        + f"{status_text(status)}, oracle {status_text(golden.status)}")
    missing = requirements.unmet(scenario.requires, exception_line(outcome.stderr))
    if missing:
        return result(UNSUPPORTED, f"requires {missing}: {exception_line(outcome.stderr)}")
    judged = result(verdict, message, "\n".join(evidence))
    judged.stderr_in_evidence = status != golden.status and bool(outcome.stderr)
    judged.first_difference = "" if same_output else first_difference(golden.data, actual)
    judged.diff = "" if same_output else evidence[0]
    return judged


_TRACEBACK = "Traceback (most recent call last):"
_COMPILE_ERROR = re.compile(r"^(?:SyntaxError|IndentationError|TabError)\b.*$", re.M)


def exception_line(stderr):
    """The last line of the last Python traceback in stderr: 'KeyError: 3'."""
    text = stderr[-STDERR_KEEP:].decode("utf-8", "replace")
    at = text.rfind(_TRACEBACK)
    if at < 0:   # a program that does not compile has no traceback header
        found = _COMPILE_ERROR.findall(text)
        return found[-1].strip() if found else None
    for line in text[at + len(_TRACEBACK):].splitlines():
        if line.strip() and not line[0].isspace():
            return line.strip()
    return None


def _common_prefix(a, b):
    """The length of the common prefix of two byte strings, by bisection on
    memoryviews: no copy and no Python loop over a long output."""
    a, b = memoryview(a), memoryview(b)
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def _line_at(data, start):
    """The line of data that begins at start (with its newline), or None past the end."""
    if start >= len(data):
        return None
    end = data.find(b"\n", start)
    return data[start:] if end < 0 else data[start:end + 1]


def first_difference(expected, actual):
    """'-expected +actual' for the first line where two outputs differ."""
    if expected == actual:
        return ""
    start = expected.rfind(b"\n", 0, _common_prefix(expected, actual)) + 1
    want, got = _line_at(expected, start), _line_at(actual, start)
    return " ".join(([f"-{_visible(want)}"] if want is not None else [])
                    + ([f"+{_visible(got)}"] if got is not None else []))


def _left_behind(outcome):
    if not outcome.left_behind:
        return ()
    n = len(outcome.left_behind)
    listed = ", ".join(f"{pid} ({command})" for pid, command in sorted(outcome.left_behind.items()))
    return (f"left {n} process{'es' if n > 1 else ''} behind (killed): {listed}",)


def apply_expectation(result, expectation, digest=None):
    """Turn a raw verdict into XFAIL/XPASS against the implementation's list.
    digest: the failure's, checked against the one the expectation pins."""
    if expectation is None:
        return result
    result.expectation = expectation
    if result.verdict in EXCUSABLE and expectation.digest and digest != expectation.digest:
        result.message = (f"{result.message}; fails differently than expected ({digest},"
                          f" the expectations pin {expectation.digest}: {expectation.reason})")
    elif result.verdict in EXCUSABLE:
        result.raw, result.verdict = result.verdict, XFAIL
        result.message = f"({result.raw}: {result.message}) expected: {expectation.reason}"
    elif result.verdict == PASS:
        result.raw, result.verdict = PASS, XPASS
        result.message = (f"unexpected pass; remove it from the expectations"
                          f" (listed because: {expectation.reason})")
    return result


def is_failure(result, allow_xpass=False):
    return result.verdict in FAILED and not (allow_xpass and result.verdict == XPASS)


def count(results, allow_xpass=False):
    """(passed, failed, skipped): passed = PASS + XFAIL (+ XPASS when allowed),
    failed = every other verdict but UNSUPPORTED, which is skipped."""
    failed = sum(is_failure(r, allow_xpass) for r in results)
    passed = sum(r.verdict in PASSED or (allow_xpass and r.verdict == XPASS) for r in results)
    skipped = sum(r.verdict in SKIPPED for r in results)
    return passed, failed, skipped
