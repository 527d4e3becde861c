"""Implementations under test, and the interpreters that can run them."""

import dataclasses
import functools
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from .errors import UsageError

LAUNCHER = Path(__file__).resolve().parent / "launch.py"
DEBIAN_PYTHON = "/usr/bin/python3"
# The Debian packages that let Debian's python3 import each loop.
LOOP_PACKAGES = {"uvloop": "python3-uvloop", "gbulb": "python3-gbulb"}
BUILTIN = ("asyncio", "uvloop", "gbulb", "ref")
# --impl python:MODULE[:HOOK], the hook launch.py documents.
PYTHON_PREFIX = "python:"
_PYTHON_SPEC = re.compile(r"^([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)(?::([A-Za-z_]\w*))?$")


# --impl cpython-X.Y: a column of the report's version matrix.
_CPYTHON_COLUMN = re.compile(r"^cpython-(\d+)\.(\d+)$")


def parse_impl(text):
    """An --impl value: a built-in name, python:MODULE[:HOOK] or cpython-X.Y.
    ValueError if none of them."""
    if text in BUILTIN or _CPYTHON_COLUMN.match(text):
        return text
    if text.startswith(PYTHON_PREFIX) and _PYTHON_SPEC.match(text[len(PYTHON_PREFIX):]):
        return text
    raise ValueError(f"{text!r}: not one of {', '.join(BUILTIN)} nor python:MODULE[:HOOK]"
                     " nor cpython-X.Y")
# The clocks of the reference runtime (TOWER_CLOCK): the suite runs on the
# virtual one; the real one checks that virtual time changed nothing.
REF_CLOCKS = ("virtual", "real")


@dataclasses.dataclass(frozen=True)
class Interpreter:
    path: str
    version: str     # e.g. "CPython 3.11.2"
    module_version: str = ""   # of the loop it was probed for, when known


@dataclasses.dataclass(frozen=True)
class Edition:
    argv: list
    env: dict


@functools.cache
def _probe(python, module, hook=None):
    """(version, None) when python can import module (and it has hook), else
    (None, why not)."""
    code = ("import platform, importlib.metadata\n"
            f"import {module}\n"
            + (f"{module}.{hook}\n" if hook else "") +
            "print(platform.python_implementation(), platform.python_version())\n"
            "try:\n"
            f"    print(importlib.metadata.version({module!r}))\n"
            "except Exception:\n"
            "    print()\n")
    try:
        done = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=30,
                              stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, str(exc)
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines()
        return None, lines[-1] if lines else f"exit status {done.returncode}"
    return tuple(done.stdout.splitlines()) + ("",), None


def _candidates(explicit):
    if explicit:
        return [explicit]
    found = [DEBIAN_PYTHON, shutil.which("python3"), sys.executable]
    return list(dict.fromkeys(p for p in found if p and os.path.exists(p)))


def find_interpreter(module, explicit=None, hook=None):
    """The first candidate interpreter that can import module (with hook)."""
    tried = []
    for python in _candidates(explicit):
        found, why = _probe(python, module, hook)
        if found:
            return Interpreter(python, found[0], found[1])
        tried.append(f"  {python}: {why}")
    package = LOOP_PACKAGES.get(module)
    advice = (f"install it for Debian's python3: apt-get install {package}"
              f" (or: python3 -m pip install {module})" if package
              else f"install {module} for one of them")
    raise UsageError(f"no Python interpreter here can import {module}; tried:\n"
                     + "\n".join(tried) + f"\n{advice}, or name one with --python")


def oracle(explicit=None):
    """The interpreter whose asyncio defines the goldens: Debian's python3
    when present (it is the one the packaged loops run on), else this one."""
    python = explicit or (DEBIAN_PYTHON if os.path.exists(DEBIAN_PYTHON) else sys.executable)
    found, why = _probe(python, "asyncio")
    if not found:
        raise UsageError(f"the oracle interpreter {python} does not work: {why}")
    return Interpreter(python, found[0])


# The oldest CPython a version column can show: the probe needs importlib.metadata.
MATRIX_MINIMUM = (3, 8)


def cpython_candidates(environ=None):
    """Interpreters for the report's version matrix, by the documented search:
    $PYENV_ROOT/versions/*/bin/python3 (PYENV_ROOT defaults to ~/.pyenv), then
    python3.N on PATH and in /usr/bin and /usr/local/bin."""
    environ = os.environ if environ is None else environ
    pyenv = Path(environ.get("PYENV_ROOT") or Path(environ.get("HOME", "~")).expanduser()
                 / ".pyenv")
    found = sorted((pyenv / "versions").glob("*/bin/python3"), key=lambda p: p.parts[-3])
    for minor in range(MATRIX_MINIMUM[1], 30):
        name = f"python3.{minor}"
        found += [shutil.which(name, path=environ.get("PATH", "")) or "",
                  f"/usr/bin/{name}", f"/usr/local/bin/{name}"]
    return list(dict.fromkeys(str(p) for p in found if p and os.path.isfile(p)))


def _version_key(version):
    """(3, 12, 1) for "CPython 3.12.1"."""
    return tuple(int(n) for n in re.findall(r"\d+", version.split()[-1])[:3])


def other_cpythons(oracle_interpreter, candidates):
    """One interpreter per CPython X.Y other than the oracle's (the first found
    of each), oldest first; those that do not run or are not CPython are left out."""
    oracle_minor = _version_key(oracle_interpreter.version)[:2]
    chosen = {}
    for path in candidates:
        found, _ = _probe(path, "asyncio")
        if not found or not found[0].startswith("CPython "):
            continue
        minor = _version_key(found[0])[:2]
        if minor != oracle_minor and minor >= MATRIX_MINIMUM and minor not in chosen:
            chosen[minor] = Interpreter(path, found[0])
    return [chosen[m] for m in sorted(chosen)]


def oracle_line(interpreter):
    return f"{interpreter.version} asyncio ({interpreter.path})"


class Impl:
    name = "?"
    expectations_name = None   # conformance/expectations/<name>.toml

    def edition(self, scenario, port, layout):
        """The Edition to run, or None when there is none (UNSUPPORTED)."""
        raise NotImplementedError

    def check(self, layout, scenarios=()):
        """Fail early on a command line that cannot work (for the scenarios chosen)."""

    def describe(self):
        return self.name


class PythonImpl(Impl):
    """A Python edition under the oracle's asyncio or another loop: uvloop,
    gbulb, or python:MODULE[:HOOK], installed by launch.py."""

    def __init__(self, loop, python=None, name=None):
        spec = loop[len(PYTHON_PREFIX):] if loop.startswith(PYTHON_PREFIX) else loop
        module, _, hook = spec.partition(":")
        self.name = name or spec.replace(":", ".")
        self.expectations_name = name or module
        self.loop = spec
        self.interpreter = (oracle(python) if loop == "asyncio"
                            else find_interpreter(module, python, hook or None))

    def edition(self, scenario, port, layout):
        argv = [self.interpreter.path]
        if self.loop != "asyncio":
            argv += [str(LAUNCHER), self.loop]
        return Edition(argv + [str(scenario.edition)], {})

    def describe(self):
        loop = f"{self.loop} {self.interpreter.module_version}".strip()
        return f"{loop} on {self.interpreter.version} ({self.interpreter.path})"


class RefImpl(Impl):
    """The reference runtime's C editions, built by the Makefile (into
    build/ by default; check-asan builds a sanitized tree elsewhere), on
    the virtual clock unless told otherwise."""
    name = expectations_name = "ref"

    def __init__(self, build=None, clock="virtual"):
        if clock not in REF_CLOCKS:
            raise UsageError(f"unknown clock {clock!r} (known: {', '.join(REF_CLOCKS)})")
        self.build = Path(build).resolve() if build else None
        self.clock = clock

    def edition(self, scenario, port, layout):
        folder = self.build / "scenarios" if self.build else layout.ref_editions
        path = folder / scenario.id
        if not (path.is_file() and os.access(path, os.X_OK)):
            return None
        return Edition([str(path)], {"TOWER_CLOCK": self.clock})

    def describe(self):
        build = self.build or "build"
        return f"ref ({build}/scenarios/<id>, TOWER_CLOCK={self.clock})"


class WrappedImpl(Impl):
    """Another implementation run under a wrapper such as valgrind: the
    wrapper's words go in front of every edition's command line."""

    def __init__(self, inner, wrapper):
        try:
            self.wrapper = shlex.split(wrapper)
        except ValueError as exc:
            raise UsageError(f"--wrap {wrapper!r}: {exc}") from None
        self.inner = inner
        self.name = inner.name
        self.expectations_name = inner.expectations_name

    def edition(self, scenario, port, layout):
        edition = self.inner.edition(scenario, port, layout)
        if edition is None:
            return None
        return Edition(self.wrapper + edition.argv, edition.env)

    def check(self, layout, scenarios=()):
        self.inner.check(layout, scenarios)

    def describe(self):
        return f"{self.inner.describe()} under {shlex.join(self.wrapper)}"


class CommandImpl(Impl):
    """Any runtime, started by a command template."""

    def __init__(self, template, editions=None, name=None):
        self.name = name or "cmd"
        self.expectations_name = name   # conformance/expectations/<name>.toml
        self.template = template
        self.editions = editions
        try:
            words = shlex.split(template)
        except ValueError as exc:
            raise UsageError(f"--cmd {template!r}: {exc}") from None
        if not words:
            raise UsageError(f"--cmd {template!r}: the command is empty")

    @staticmethod
    def fields(scenario, port, layout):
        return {"id": scenario.id, "tier": scenario.tier, "py": str(scenario.edition),
                "dir": str(scenario.folder), "port": "" if port is None else port,
                "root": str(layout.root)}

    def _fill(self, template, fields):
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError) as exc:
            raise UsageError(f"template {template!r}: bad placeholder {exc}"
                             f" (known: {', '.join('{%s}' % k for k in fields)})") from None

    def edition(self, scenario, port, layout):
        fields = self.fields(scenario, port, layout)
        if self.editions and not Path(self._fill(self.editions, fields)).exists():
            return None
        return Edition([self._fill(arg, fields) for arg in shlex.split(self.template)], {})

    def check(self, layout, scenarios=()):
        """Fail early on a template with an unknown placeholder, and on an
        --editions template that matches no file at all (a typo would
        otherwise turn every scenario UNSUPPORTED and the run green)."""
        fields = {"id": "t1-x", "tier": 1, "py": "x.py", "dir": "x", "port": 1, "root": "x"}
        self._fill(self.template, fields)
        if self.editions:
            self._fill(self.editions, fields)
            if scenarios and all(self.edition(s, None, layout) is None for s in scenarios):
                example = self._fill(self.editions, self.fields(scenarios[0], None, layout))
                raise UsageError(f"--editions {self.editions!r} matches no file for the"
                                 f" {len(scenarios)} selected scenarios (e.g. {example})")

    def describe(self):
        command = f"--cmd {self.template!r}"
        return f"{self.name} ({command})" if self.expectations_name else command


def runtime_version(command):
    """The first line a --version-cmd prints: the runtime's version, as recorded."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise UsageError(f"--version-cmd {command!r}: {exc}") from None
    if not argv:
        raise UsageError(f"--version-cmd {command!r}: the command is empty")
    try:
        done = subprocess.run(argv, capture_output=True, timeout=60, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"--version-cmd {command!r}: {exc}") from None
    lines = (done.stdout or done.stderr).decode("utf-8", "replace").strip().splitlines()
    if done.returncode != 0 or not lines:
        raise UsageError(f"--version-cmd {command!r}: exit status {done.returncode}"
                         + ("" if lines else ", no output"))
    return lines[0].strip()


def cpython_impl(interpreter):
    """The Python editions under another CPython's own asyncio: a column of the
    version matrix, whose differences conformance/expectations/cpython-X.Y.toml
    explains."""
    major, minor = _version_key(interpreter.version)[:2]
    return PythonImpl("asyncio", interpreter.path, name=f"cpython-{major}.{minor}")


def matrix_cpython(column, python=None, candidates=None):
    """The interpreter of the version matrix's column cpython-X.Y: the given
    one, which must be CPython X.Y, or the first CPython X.Y the report's
    search finds. Running a column under its own name matters: an
    expectation's digest covers the diff, whose header names the column, so
    a digest pinned by `run --impl cpython-X.Y` is the one the report sees."""
    wanted = tuple(int(n) for n in _CPYTHON_COLUMN.match(column).groups())
    searched = [python] if python else (cpython_candidates() if candidates is None
                                        else candidates)
    for path in searched:
        found, _ = _probe(path, "asyncio")
        if found and found[0].startswith("CPython ") and _version_key(found[0])[:2] == wanted:
            return Interpreter(path, found[0])
    if python:
        raise UsageError(f"--impl {column}: {python} is not a working CPython"
                         f" {wanted[0]}.{wanted[1]}")
    raise UsageError(f"--impl {column}: no working CPython {wanted[0]}.{wanted[1]} found (the report's"
                     " search: $PYENV_ROOT/versions/*/bin/python3, python3.N on PATH, /usr/bin,"
                     " /usr/local/bin); give one with --python")


def make(name=None, cmd=None, editions=None, python=None, ref_build=None, wrap=None,
         ref_clock=None, label=None):
    if cmd is not None:
        impl = CommandImpl(cmd, editions, label)
    elif name is not None and _CPYTHON_COLUMN.match(name):
        impl = cpython_impl(matrix_cpython(name, python))
    elif name == "ref":
        impl = RefImpl(ref_build, ref_clock or "virtual")
    else:
        impl = PythonImpl(name, python)
    return WrappedImpl(impl, wrap) if wrap else impl


def ref_built(layout):
    folder = layout.ref_editions
    return folder.is_dir() and any(os.access(p, os.X_OK) for p in folder.iterdir() if p.is_file())
