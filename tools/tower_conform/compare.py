"""Verdicts, and the evidence that makes a non-PASS verdict readable."""

import dataclasses
import difflib

from .execute import OUTPUT_CAP, signal_name
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


@dataclasses.dataclass
class Result:
    scenario: object
    verdict: str
    message: str = ""
    evidence: str = ""           # diff, last output...
    stderr: bytes = b""
    duration: float = 0.0
    raw: str | None = None       # the verdict before expectations turned it into XFAIL/XPASS
    expectation: object = None
    history: tuple = ()          # verdicts of each run, with --repeat

    @property
    def id(self):
        return self.scenario.id


def _visible(line):
    """One line of output with whatever a terminal would hide made visible:
    tabs, CR and control characters escaped, invalid UTF-8 as \\xNN, trailing
    spaces as '·', and a missing final newline marked."""
    newline = line.endswith(b"\n")
    text = (line[:-1] if newline else line).decode("utf-8", "surrogateescape")
    body = text.rstrip(" \t\r")
    out = []
    for ch in body:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        else:
            out.append(ch)
    trailing = text[len(body):].replace(" ", "·").replace("\t", "\\t").replace("\r", "\\r")
    shown = "".join(out) + trailing
    if len(shown) > MAX_LINE_CHARS:
        shown = shown[:MAX_LINE_CHARS] + f"… ({len(shown) - MAX_LINE_CHARS} more characters)"
    return shown if newline else shown + "⏎(no newline at end)"


def visible_lines(data, limit=None):
    lines = data.splitlines(keepends=True)
    shown = [_visible(line) for line in lines[:limit]]
    if limit is not None and len(lines) > limit:
        shown.append(f"… ({len(lines) - limit} more lines not shown)")
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


def tail(data, count=20):
    lines = visible_lines(data)
    if len(lines) > count:
        return "\n".join([f"… ({len(lines) - count} earlier lines)"] + lines[-count:])
    return "\n".join(lines)


def _last_output(outcome):
    parts = []
    if outcome.stdout:
        parts.append("last stdout:\n" + tail(outcome.stdout))
    if outcome.stderr:
        parts.append("last stderr:\n" + tail(outcome.stderr))
    if outcome.peer_stderr:
        parts.append("the peer program's last stderr:\n" + tail(outcome.peer_stderr))
    return "\n".join(parts) or "(no output)"


def _truncation(outcome):
    cap = f"{OUTPUT_CAP // (1024 * 1024)} MiB"
    return [f"{stream} truncated: {dropped} bytes beyond the {cap} capture cap were discarded"
            for stream, dropped in sorted(outcome.dropped.items())]


def _status_text(status):
    return f"killed by {signal_name(status)}" if status < 0 else f"exit status {status}"


def judge(scenario, outcome, golden, actual_name="stdout"):
    """The raw verdict of one run: PASS, FAIL, TIMEOUT, CRASH, ERROR or NOGOLDEN."""
    def result(verdict, message, evidence=""):
        notes = _truncation(outcome)
        if outcome.survivors:
            notes.append(f"processes that survived SIGKILL: {outcome.survivors}")
        evidence = "\n".join(([evidence] if evidence else []) + notes)
        return Result(scenario, verdict, message, evidence, outcome.stderr, outcome.duration)

    if outcome.start_error:
        return result(ERROR, outcome.start_error)
    if outcome.timed_out:
        message = f"no exit within its time limit ({outcome.limit:g}s)"
        if outcome.peer_error:
            message += f"; {outcome.peer_error}"
        return result(TIMEOUT, message, _last_output(outcome))
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
        evidence.append(f"exit: expected {_status_text(golden.status)} (golden/MANIFEST),"
                        f" got {_status_text(status)}")
    if status < 0 and status != golden.status:
        if outcome.stderr:
            evidence.append("last stderr:\n" + tail(outcome.stderr))
        return result(CRASH, f"killed by {signal_name(status)}"
                      f" (the oracle: {_status_text(golden.status)})", "\n".join(evidence))
    message = "stdout differs" if not same_output else ""
    if status != golden.status:
        message += ("; " if message else "") + f"{_status_text(status)}, oracle {_status_text(golden.status)}"
    return result(FAIL, message, "\n".join(evidence))


def apply_expectation(result, expectation):
    """Turn a raw verdict into XFAIL/XPASS against the implementation's list."""
    if expectation is None:
        return result
    result.expectation = expectation
    if result.verdict in EXCUSABLE:
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
