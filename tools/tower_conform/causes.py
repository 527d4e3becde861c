"""Root causes: failures grouped by what most likely made them fail, so that
"65 failed" reads "11 causes", the biggest first."""

import collections
import hashlib
import re

from .compare import CRASH, TIMEOUT, exception_line, is_failure

_SIGNAL = re.compile(r"killed by (SIG\w+|signal \d+)")
MAX_CAUSE_CHARS = 160
MAX_IDS_SHOWN = 5


def cause(result):
    """One line naming the probable root cause of a non-passing result."""
    if result.verdict == CRASH or (result.raw == CRASH):
        m = _SIGNAL.search(result.message)
        if m:
            return f"killed by {m.group(1)}"
    text = exception_line(result.stderr) if result.stderr else None
    if text is None and result.first_difference:
        text = f"first difference: {result.first_difference}"
    if text is None:
        verdict = result.raw or result.verdict
        text = f"{verdict}: {result.message}" if verdict != TIMEOUT else "TIMEOUT"
    return text if len(text) <= MAX_CAUSE_CHARS else text[:MAX_CAUSE_CHARS] + "…"


def digest(result):
    """A fingerprint of how a result fails: its verdict and its diff (or its
    root cause), so that an expectations entry can pin one way of failing."""
    verdict = result.raw or result.verdict
    text = f"{verdict}\n{result.diff or cause(result)}"
    return "sha256:" + hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:16]


def table(results, allow_xpass=False):
    """The root-cause table of the failures, or None when nothing failed."""
    failures = [r for r in results if is_failure(r, allow_xpass)]
    if not failures:
        return None
    groups = collections.defaultdict(list)
    for r in failures:
        groups[cause(r)].append(r.id)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    lines = [f"root causes: {len(failures)} failure{'s' if len(failures) > 1 else ''},"
             f" {len(groups)} cause{'s' if len(groups) > 1 else ''}"]
    for text, ids in ordered:
        shown = ", ".join(ids[:MAX_IDS_SHOWN])
        if len(ids) > MAX_IDS_SHOWN:
            shown += f", +{len(ids) - MAX_IDS_SHOWN} more"
        lines.append(f"{len(ids):>7}  {text}  ({shown})")
    return "\n".join(lines)
