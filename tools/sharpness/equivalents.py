"""The mutants known to survive for a reason: equivalent to the original, or
reachable only by a fault no test can inject. Each is named by its file, its
operator and the original line's text (not its number, which moves whenever
the book is edited), and, where one line has several mutants of the same
operator, the mutated text.

    [[equivalent]]
    file = "error.c"
    operator = "delete-call"
    line = "va_end(copy);"
    reason = "va_end does nothing on the ABIs we build for"
"""

import tomllib
from pathlib import Path

KEYS = {"file", "operator", "line", "after", "reason"}


def load(path):
    """The entries of an equivalents file; none when it does not exist."""
    path = Path(path)
    if not path.exists():
        return []
    entries = tomllib.loads(path.read_text()).get("equivalent", [])
    for number, entry in enumerate(entries, 1):
        unknown = set(entry) - KEYS
        missing = {"file", "operator", "line", "reason"} - set(entry)
        if unknown or missing:
            raise ValueError(f"{path}: entry {number}: "
                             + (f"unknown keys {sorted(unknown)}" if unknown else f"missing {sorted(missing)}"))
    return entries


def reason_for(mutant, entries):
    """Why this mutant survives, when an entry names it, else None."""
    for entry in entries:
        if (entry["file"] == mutant.file and entry["operator"] == mutant.operator
                and entry["line"].strip() == mutant.before[0].strip()
                and ("after" not in entry or entry["after"].strip() == mutant.after[0].strip())):
            return entry["reason"]
    return None
