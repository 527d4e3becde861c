"""Discover, load and validate scenarios (<id>.toml + <id>.py pairs).

Validation is strict and exhaustive: every problem in every file is collected
and reported with the file and the field, and nothing runs until the suite
is clean (a typo in a key must never silently turn a check off).
"""

import dataclasses
import fnmatch
import math
import re
import signal
import tomllib
from pathlib import Path

from . import requirements
from .errors import SuiteError
from .normalize import NAMED

ID_RE = re.compile(r"^t([1-9])-[a-z0-9]+(?:-[a-z0-9]+)*$")
PROFILES = ("spec", "cpython")
CONNECT_KINDS = ("tcp", "tcp6", "tls")
PEER_ROLES = ("client", "server")
# A peer program is a Python asyncio program beside the scenario, run by the
# oracle's interpreter; its name keeps it apart from the Python editions.
PEER_PROGRAM_SUFFIX = ".peer.py"

_TOP_REQUIRED = {"id": str, "tier": int, "title": str, "rules": list,
                 "profile": str, "timeout": (int, float)}
_TOP_OPTIONAL = {"normalize": list, "docs": str, "seed": str, "verbatim": bool,
                 "why": str, "peer": dict, "rewrite": list, "requires": list}
_PEER_KEYS = {"port": (str, int), "ready": str, "steps": list, "program": str, "role": str}
# Each step is a table with exactly one of these actions, plus optional conn.
_STEP_ACTIONS = {"connect": str, "send": str, "send_hex": str, "expect": str,
                 "shutdown": str, "expect_eof": bool, "close": bool,
                 "sleep_until_output": str, "signal": str}
_NEEDS_CONNECTION = set(_STEP_ACTIONS) - {"connect", "sleep_until_output", "signal"}


@dataclasses.dataclass(frozen=True)
class Step:
    action: str
    arg: object          # bytes for send/send_hex/expect, compiled regex, Signals...
    conn: int | None     # 1-based connection number; None = the last opened


@dataclasses.dataclass(frozen=True)
class Peer:
    port: object         # "assigned" or an int
    ready: re.Pattern    # on the edition's stdout; on the program's for a server peer
    steps: tuple         # the runner's own client, or () when a program plays the peer
    program: Path | None = None   # <name>.peer.py, beside the scenario
    role: str = "client"         # what the peer is: the client, or the server

    @property
    def serves(self):
        """The peer is a server: it starts first and the edition connects to it."""
        return self.role == "server"

    @property
    def fixed_port(self):
        return None if self.port == "assigned" else self.port

    @property
    def families(self):
        return {s.arg for s in self.steps if s.action == "connect"}


@dataclasses.dataclass(frozen=True)
class Scenario:
    id: str
    tier: int
    title: str
    rules: tuple
    profile: str
    timeout: float
    normalize: tuple
    rewrites: tuple      # (compiled pattern, replacement) pairs
    docs: str | None
    seed: str | None
    verbatim: bool
    why: str | None
    peer: Peer | None
    requires: tuple      # python>=X.Y, asyncio.TaskGroup...
    definition: Path     # <id>.toml
    edition: Path        # <id>.py

    @property
    def folder(self):
        return self.edition.parent


def _type_name(value):
    return {bool: "boolean", int: "integer", float: "float", str: "string",
            list: "array", dict: "table"}.get(type(value), type(value).__name__)


def _want_name(types):
    types = types if isinstance(types, tuple) else (types,)
    return " or ".join({bool: "a boolean", int: "an integer", float: "a number",
                        str: "a string", list: "an array", dict: "a table"}[t]
                       for t in types)


def _is(value, types):
    types = types if isinstance(types, tuple) else (types,)
    # TOML booleans are Python ints; never accept one where a number is meant.
    if isinstance(value, bool):
        return bool in types
    return isinstance(value, types)


class _Checker:
    """Collects "file: field 'x': problem" messages for one file."""

    def __init__(self, display):
        self.display = display
        self.problems = []

    def error(self, field, message):
        where = f"field '{field}'" if field else "file"
        self.problems.append(f"{self.display}: {where}: {message}")

    def typed(self, table, key, types, field, required):
        if key not in table:
            if required:
                self.error(field, "missing (required)")
            return None
        value = table[key]
        if not _is(value, types):
            self.error(field, f"expected {_want_name(types)}, got {_type_name(value)}")
            return None
        return value

    def unknown(self, table, known, prefix=""):
        for key in table:
            if key not in known:
                self.error(prefix + key, f"unknown key (known: {', '.join(sorted(known))})")

    def regex(self, value, field):
        try:
            return re.compile(value)
        except re.error as exc:
            self.error(field, f"bad regular expression {value!r}: {exc}")
            return None


def _display(path, base):
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def load_scenario(definition, edition, base):
    """Load one scenario; return (Scenario or None, problems)."""
    c = _Checker(_display(definition, base))
    try:
        with open(definition, "rb") as f:
            data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        c.error(None, f"cannot parse TOML: {exc}")
        return None, c.problems
    except UnicodeDecodeError as exc:
        c.error(None, f"not UTF-8 (byte {exc.start}): TOML files are UTF-8")
        return None, c.problems

    c.unknown(data, set(_TOP_REQUIRED) | set(_TOP_OPTIONAL))
    v = {k: c.typed(data, k, t, k, True) for k, t in _TOP_REQUIRED.items()}
    v.update({k: c.typed(data, k, t, k, False) for k, t in _TOP_OPTIONAL.items()})

    stem = definition.stem
    folder = definition.parent.name
    if v["id"] is not None:
        if v["id"] != stem:
            c.error("id", f"{v['id']!r} does not match the file name {stem!r}")
        elif not ID_RE.match(v["id"]):
            c.error("id", f"{v['id']!r} is not t<tier>-<slug> (lower-case letters, digits, hyphens)")
    if v["tier"] is not None:
        m = ID_RE.match(stem)
        if not 1 <= v["tier"] <= 9:
            c.error("tier", f"{v['tier']} is not in 1..9")
        elif folder != f"t{v['tier']}":
            c.error("tier", f"{v['tier']} does not match the folder {folder!r}")
        elif m and int(m.group(1)) != v["tier"]:
            c.error("tier", f"{v['tier']} does not match the id prefix of {stem!r}")
    if v["title"] is not None and not v["title"].strip():
        c.error("title", "empty")
    if v["rules"] is not None:
        if not v["rules"]:
            c.error("rules", "must list at least one rule")
        for i, rule in enumerate(v["rules"]):
            if not isinstance(rule, str):
                c.error(f"rules[{i}]", f"expected a string, got {_type_name(rule)}")
    if v["profile"] is not None and v["profile"] not in PROFILES:
        c.error("profile", f"{v['profile']!r} is not one of {', '.join(PROFILES)}")
    if v["timeout"] is not None and not (math.isfinite(v["timeout"]) and v["timeout"] > 0):
        c.error("timeout", f"must be a positive finite number of seconds, got {v['timeout']}")
    for i, name in enumerate(v["normalize"] or ()):
        if not isinstance(name, str):
            c.error(f"normalize[{i}]", f"expected a string, got {_type_name(name)}")
        elif name not in NAMED:
            c.error(f"normalize[{i}]", f"unknown normalisation {name!r} (known: {', '.join(NAMED)})")

    for i, requirement in enumerate(v["requires"] or ()):
        if not isinstance(requirement, str):
            c.error(f"requires[{i}]", f"expected a string, got {_type_name(requirement)}")
        elif requirements.problem(requirement):
            c.error(f"requires[{i}]", requirements.problem(requirement))

    rewrites = []
    for i, rule in enumerate(v["rewrite"] or ()):
        field = f"rewrite[{i}]"
        if not isinstance(rule, dict):
            c.error(field, f"expected a table, got {_type_name(rule)}")
            continue
        c.unknown(rule, {"pattern", "replace"}, field + ".")
        pattern = c.typed(rule, "pattern", str, field + ".pattern", True)
        replace = c.typed(rule, "replace", str, field + ".replace", True)
        compiled = c.regex(pattern, field + ".pattern") if pattern is not None else None
        if compiled is not None and replace is not None:
            try:
                compiled.sub(replace, "")
                rewrites.append((compiled, replace))
            except (re.error, IndexError) as exc:
                c.error(field + ".replace", f"bad replacement {replace!r}: {exc}")

    peer = _load_peer(c, v["peer"], definition.parent) if v["peer"] is not None else None

    if not edition.exists():
        c.error(None, f"no Python edition {edition.name} beside it")
    if c.problems:
        return None, c.problems
    return Scenario(
        id=v["id"], tier=v["tier"], title=v["title"], rules=tuple(v["rules"]),
        profile=v["profile"], timeout=float(v["timeout"]),
        normalize=tuple(v["normalize"] or ()), rewrites=tuple(rewrites),
        docs=v["docs"], seed=v["seed"], verbatim=bool(v["verbatim"]), why=v["why"],
        peer=peer, requires=tuple(v["requires"] or ()), definition=definition,
        edition=edition), []


def _load_peer(c, table, folder):
    c.unknown(table, set(_PEER_KEYS), "peer.")
    port = table.get("port", "assigned")
    if _is(port, int):
        if not 1 <= port <= 65535:
            c.error("peer.port", f"{port} is not a TCP port")
    elif port != "assigned":
        c.error("peer.port", f'expected "assigned" or an integer, got {port!r}')
    ready_text = c.typed(table, "ready", str, "peer.ready", True)
    ready = c.regex(ready_text, "peer.ready") if ready_text is not None else None
    program = _peer_program(c, table, folder)
    role = c.typed(table, "role", str, "peer.role", False) or "client"
    if role not in PEER_ROLES:
        c.error("peer.role", f"{role!r} is not one of {', '.join(PEER_ROLES)}")
    elif role == "server" and "program" not in table:
        c.error("peer.role", "a server peer is a program: add peer.program")
    if "program" in table:
        if "steps" in table:
            c.error("peer.steps", "a peer is either steps or a program, not both")
        if c.problems:
            return None
        return Peer(port=port, ready=ready, steps=(), program=program, role=role)
    raw_steps = c.typed(table, "steps", list, "peer.steps", True)
    steps = []
    opened = 0
    for i, raw in enumerate(raw_steps or ()):
        field = f"peer.steps[{i}]"
        if not isinstance(raw, dict):
            c.error(field, f"expected a table, got {_type_name(raw)}")
            continue
        c.unknown(raw, set(_STEP_ACTIONS) | {"conn"}, field + ".")
        actions = [k for k in raw if k in _STEP_ACTIONS]
        if len(actions) != 1:
            c.error(field, f"needs exactly one action of {', '.join(_STEP_ACTIONS)}"
                    f" (got {', '.join(actions) or 'none'})")
            continue
        action = actions[0]
        afield = f"{field}.{action}"
        value = c.typed(raw, action, _STEP_ACTIONS[action], afield, True)
        conn = c.typed(raw, "conn", int, field + ".conn", False)
        if value is None:
            continue
        arg = _step_arg(c, action, value, afield)
        if action == "connect":
            opened += 1
            if conn is not None:
                c.error(field + ".conn", "a connect step opens the next connection; it takes no conn")
        elif action in _NEEDS_CONNECTION:
            if opened == 0:
                c.error(afield, "no connection is open yet (add a connect step before it)")
            elif conn is not None and not 1 <= conn <= opened:
                c.error(field + ".conn", f"connection {conn} is not open here (1..{opened} are)")
        elif conn is not None:
            c.error(field + ".conn", f"{action} does not use a connection")
        steps.append(Step(action, arg, conn))
    if raw_steps is not None and not raw_steps:
        c.error("peer.steps", "must have at least one step")
    if c.problems:
        return None
    return Peer(port=port, ready=ready, steps=tuple(steps))


def _peer_program(c, table, folder):
    name = c.typed(table, "program", str, "peer.program", False)
    if name is None:
        return None
    if "/" in name or not name.endswith(PEER_PROGRAM_SUFFIX) or name == PEER_PROGRAM_SUFFIX:
        c.error("peer.program", f"{name!r} is not a file name ending in {PEER_PROGRAM_SUFFIX}"
                " in the scenario's folder")
        return None
    path = folder / name
    if not path.is_file():
        c.error("peer.program", f"no peer program {name} beside the scenario")
        return None
    return path


def _step_arg(c, action, value, field):
    if action == "connect":
        if value not in CONNECT_KINDS:
            c.error(field, f"{value!r} is not one of {', '.join(CONNECT_KINDS)}")
        return value
    if action in ("send", "expect"):
        return value.encode("utf-8")
    if action == "send_hex":
        try:
            return bytes.fromhex(value)
        except ValueError as exc:
            c.error(field, f"bad hex {value!r}: {exc}")
            return None
    if action == "shutdown":
        if value != "write":
            c.error(field, f'only "write" can be shut down, got {value!r}')
        return value
    if action in ("expect_eof", "close"):
        if value is not True:
            c.error(field, "must be true")
        return value
    if action == "sleep_until_output":
        return c.regex(value, field)
    if action == "signal":
        try:
            return signal.Signals[value]
        except KeyError:
            c.error(field, f"unknown signal {value!r} (use a name such as SIGINT)")
            return None
    raise AssertionError(action)


def discover(layout):
    """Load every scenario of the suite, sorted by tier then id.

    Raises SuiteError listing every problem when anything is malformed.
    """
    if not layout.suite.is_dir():
        raise SuiteError(f"{layout.suite}: no such suite directory")
    base = layout.suite.parent
    problems, scenarios = [], []
    for folder in sorted(p for p in layout.suite.iterdir()
                         if p.is_dir() and re.fullmatch(r"t\d+", p.name)):
        files = [p for p in folder.iterdir() if p.is_file()]
        programs = {p for p in files if p.name.endswith(PEER_PROGRAM_SUFFIX)}
        stems = {p.stem for p in files if p.suffix in (".toml", ".py") and p not in programs}
        used = set()
        for stem in sorted(stems):
            definition, edition = folder / f"{stem}.toml", folder / f"{stem}.py"
            if not definition.exists():
                problems.append(f"{_display(edition, base)}: file: Python edition"
                                f" without a scenario definition {definition.name}")
                continue
            scenario, found = load_scenario(definition, edition, base)
            problems.extend(found)
            if scenario:
                scenarios.append(scenario)
                if scenario.peer and scenario.peer.program:
                    used.add(scenario.peer.program)
        for program in sorted(programs - used):
            problems.append(f"{_display(program, base)}: file: a peer program that no"
                            f" scenario's peer.program names")
    if problems:
        raise SuiteError(problems)
    return sorted(scenarios, key=lambda s: (s.tier, s.id))


def select(scenarios, patterns=(), tiers=(), profile=None):
    """Filter by -k patterns (substring, or glob when it has wildcards; any
    pattern may match), --tier and --profile."""
    def matches(s):
        if tiers and s.tier not in tiers:
            return False
        if profile and s.profile != profile:
            return False
        if patterns:
            return any(fnmatch.fnmatchcase(s.id, p) if any(ch in p for ch in "*?[")
                       else p in s.id for p in patterns)
        return True
    return [s for s in scenarios if matches(s)]
