"""golden/: the transcripts (<id>.out) and MANIFEST (oracle and exit statuses).

MANIFEST is a comment line naming the oracle, then one "id<TAB>status" line
per golden, sorted; a negative status means the oracle was killed by that
signal (a verbatim server stopped with SIGINT, say).
"""

import dataclasses
import re
from pathlib import Path

from .errors import SuiteError

MANIFEST = "MANIFEST"
_ORACLE_RE = re.compile(r"^# oracle: (.+)$")
_ENTRY_RE = re.compile(r"^(t[1-9]-[a-z0-9-]+)\t(-?\d+)$")


@dataclasses.dataclass
class Manifest:
    oracle: str | None = None
    statuses: dict = dataclasses.field(default_factory=dict)

    def text(self):
        lines = [f"# oracle: {self.oracle}"]
        lines += [f"{id_}\t{self.statuses[id_]}" for id_ in sorted(self.statuses)]
        return "\n".join(lines) + "\n"


@dataclasses.dataclass(frozen=True)
class Golden:
    data: bytes
    status: int


def read_manifest(golden_dir):
    path = Path(golden_dir) / MANIFEST
    manifest = Manifest()
    if not path.exists():
        return manifest
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SuiteError(f"{path}: not UTF-8 (byte {exc.start})") from None
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read: {exc.strerror}") from None
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        if m := _ORACLE_RE.match(line):
            manifest.oracle = m.group(1)
        elif line.startswith("#"):
            continue
        elif m := _ENTRY_RE.match(line):
            if m.group(1) in manifest.statuses:
                problems.append(f"{path}: line {number}: {m.group(1)} listed twice")
            manifest.statuses[m.group(1)] = int(m.group(2))
        else:
            problems.append(f"{path}: line {number}: expected 'id<TAB>exit-status', got {line!r}")
    if problems:
        raise SuiteError(problems)
    return manifest


def write_manifest(golden_dir, manifest):
    path = Path(golden_dir) / MANIFEST
    path.write_text(manifest.text())


def golden_path(golden_dir, scenario_id):
    return Path(golden_dir) / f"{scenario_id}.out"


def load(golden_dir, manifest, scenario_id):
    """The golden of a scenario, or a string saying why there is none.
    A golden that exists and cannot be read is the suite's error."""
    path = golden_path(golden_dir, scenario_id)
    if not path.exists():
        return f"no golden {path.name} (run tools/conform bless -k {scenario_id})"
    if scenario_id not in manifest.statuses:
        return f"no exit status for {scenario_id} in MANIFEST (run tools/conform bless -k {scenario_id})"
    try:
        return Golden(path.read_bytes(), manifest.statuses[scenario_id])
    except IsADirectoryError:
        raise SuiteError(f"{path}: is a directory, not a golden transcript") from None
    except OSError as exc:
        raise SuiteError(f"{path}: cannot read: {exc.strerror}") from None


def missing(golden_dir, manifest, scenarios):
    return [s.id for s in scenarios if not isinstance(load(golden_dir, manifest, s.id), Golden)]


def orphans(golden_dir, manifest, scenarios):
    """Goldens and MANIFEST entries that belong to no scenario."""
    ids = {s.id for s in scenarios}
    found = []
    golden_dir = Path(golden_dir)
    if golden_dir.is_dir():
        found += [f"{p.name}" for p in sorted(golden_dir.glob("*.out")) if p.stem not in ids]
    found += [f"MANIFEST entry {id_}" for id_ in sorted(manifest.statuses) if id_ not in ids]
    return found
