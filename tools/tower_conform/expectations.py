"""Per-implementation expectations: the scenarios it is known to fail.

    [t2-call-later-zero-order]
    reason = "..."                     # required
    link = "https://..."               # optional: the upstream issue
    digest = "sha256:0123456789abcdef" # optional: how it fails (--write-expectations)
"""

import dataclasses
import json
import re
import tomllib
from pathlib import Path

from .errors import SuiteError


@dataclasses.dataclass(frozen=True)
class Expectation:
    reason: str
    link: str | None = None
    digest: str | None = None   # of the failure's evidence: a different failure is not excused


_DIGEST = re.compile(r"^sha256:[0-9a-f]{16}$")
KEYS = ("reason", "link", "digest")


def load(path, scenarios, required=False):
    """Read an expectations file; {} when it does not exist (unless required).

    Every entry must name a scenario of the suite, so that a renamed scenario
    cannot leave a stale entry that silently excuses nothing.
    """
    path = Path(path)
    if not path.exists():
        if required:
            raise SuiteError(f"{path}: no such expectations file")
        return {}
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as exc:
        raise SuiteError(f"{path}: cannot parse TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise SuiteError(f"{path}: not UTF-8 (byte {exc.start}): TOML files are UTF-8") from None
    except IsADirectoryError:
        raise SuiteError(f"{path}: is a directory, not an expectations file") from None
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read: {exc.strerror}") from None
    ids = {s.id for s in scenarios}
    problems, entries = [], {}
    for id_, entry in data.items():
        where = f"{path}: [{id_}]"
        if id_ not in ids:
            problems.append(f"{where}: no scenario has this id")
            continue
        if not isinstance(entry, dict):
            problems.append(f"{where}: expected a table with reason and link")
            continue
        for key in entry:
            if key not in KEYS:
                problems.append(f"{where}: field '{key}': unknown key"
                                f" (known: {', '.join(sorted(KEYS))})")
        reason, link, digest = entry.get("reason"), entry.get("link"), entry.get("digest")
        if digest is not None and not (isinstance(digest, str) and _DIGEST.match(digest)):
            problems.append(f"{where}: field 'digest': expected \"sha256:\" and 16 hex digits")
        if not isinstance(reason, str) or not reason.strip():
            problems.append(f"{where}: field 'reason': missing or not a non-empty string")
        if link is not None and not isinstance(link, str):
            problems.append(f"{where}: field 'link': expected a string")
        entries[id_] = Expectation(reason if isinstance(reason, str) else "", link, digest)
    if problems:
        raise SuiteError(problems)
    return entries


def _string(text):
    return json.dumps(text, ensure_ascii=False)   # a JSON string is a TOML basic string


def draft(entries, header):
    """The text of an expectations file: entries are (id, Expectation) pairs."""
    lines = [f"# {line}" for line in header.splitlines()]
    for id_, exp in entries:
        lines += ["", f"[{id_}]", f"reason = {_string(exp.reason)}"]
        if exp.link:
            lines.append(f"link = {_string(exp.link)}")
        if exp.digest:
            lines.append(f"digest = {_string(exp.digest)}")
    return "\n".join(lines) + "\n"


def all_files(layout):
    folder = layout.expectations
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []
