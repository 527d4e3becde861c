"""Output normalisations: the named ones of the format and [[rewrite]] rules.

Work on text decoded with surrogateescape so that any byte sequence, even
invalid UTF-8, survives the round trip unchanged outside the matches.
"""

import re

_DAYS = "Mon|Tue|Wed|Thu|Fri|Sat|Sun"
_MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_CTIME = re.compile(rf"\b(?:{_DAYS}) (?:{_MONTHS}) [ \d]\d \d\d:\d\d:\d\d \d{{4}}\b")
_LOOPBACK = r"(?:127\.0\.0\.1|0\.0\.0\.0|::1?|localhost)"
# ('127.0.0.1', 54321) and the 4-tuples of IPv6 ('::1', 54321, 0, 0).
_PORT_TUPLE = re.compile(rf"(\(\s*'{_LOOPBACK}',\s*)\d+")
# 127.0.0.1:54321 and [::1]:54321
_PORT_COLON = re.compile(r"((?<![\w.:])(?:127\.0\.0\.1|0\.0\.0\.0|localhost|\[::1?\]):)\d+\b")
# Object ids as repr() prints them; six digits at least, so that small hex
# constants a scenario prints on purpose are left alone.
_ADDR = re.compile(r"\b0x[0-9a-fA-F]{6,}\b")


def _ctime(text):
    return _CTIME.sub("<CTIME>", text)


def _port(text):
    return _PORT_COLON.sub(r"\1<PORT>", _PORT_TUPLE.sub(r"\1<PORT>", text))


def _addr(text):
    return _ADDR.sub("<ADDR>", text)


def _sort_lines(text):
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"  # so the last line sorts like the others
        return "".join(sorted(lines))[:-1]
    return "".join(sorted(lines))


NAMED = {"ctime": _ctime, "port": _port, "addr": _addr, "sort-lines": _sort_lines}


def normalize(data, names=(), rewrites=()):
    """Return stdout bytes as they are compared: the named normalisations in
    the order given, then the [[rewrite]] rules in order, and sort-lines last
    so that it sees the rewritten lines."""
    if not names and not rewrites:
        return data
    text = data.decode("utf-8", "surrogateescape")
    for name in names:
        if name != "sort-lines":
            text = NAMED[name](text)
    for pattern, replace in rewrites:
        text = pattern.sub(replace, text)
    if "sort-lines" in names:
        text = _sort_lines(text)
    return text.encode("utf-8", "surrogateescape")
