"""Mutation testing of the reference runtime: build each mutant of ref/src as
a shared library, run the suite's C editions and the unit tests against it,
and tell killed from survived and timed out.

The editions and the unit tests are linked once against the unmutated
libtower.so (built by the Makefile in the base tree); a mutant is one
recompiled object linked with the base's other objects into a libtower.so of
its own, which LD_LIBRARY_PATH puts under the same programs. Everything is
written below the scratch folder (build-mut/): ref/ and the book are never
touched."""

import concurrent.futures
import dataclasses
import os
import shlex
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

KILLED, SURVIVED, TIMED_OUT, STILLBORN = "killed", "survived", "timed out", "stillborn"


@dataclasses.dataclass
class Toolchain:
    cc: str
    cflags: list        # the library's flags (-std, -I, -D, optimisation)
    check_flags: list   # pkg-config --cflags --libs check
    # The Makefile's LDLIBS_TOWER: an edition that calls OpenSSL itself
    # (t7-tls-extra-info reads the peer's certificate) needs -lssl on its
    # own command line, not only through libtower.so's dependencies.
    ldlibs: list = dataclasses.field(default_factory=lambda: ["-pthread", "-lssl", "-lcrypto"])


def _run(argv, **kwargs):
    return subprocess.run(argv, capture_output=True, text=True, errors="replace", **kwargs)


class Workspace:
    """The scratch tree: base/ (the Makefile's build of the unmutated library),
    programs/ (editions and unit tests linked against it), mutant/ (the one
    being tried)."""

    def __init__(self, root, base, sources, toolchain):
        # Absolute: the editions run in their scenario's folder.
        self.root = Path(root).resolve()
        self.base = Path(base).resolve()
        self.sources = Path(sources).resolve()
        self.toolchain = toolchain
        self.programs = self.root / "programs"
        self.mutant = self.root / "mutant"
        self.soname = os.readlink(self.base / "libtower.so")

    def _link(self, source_files, output, extra=()):
        inputs = [Path(p) for p in source_files] + [self.base / self.soname]
        inputs += [h for folder in {p.parent for p in inputs} for h in folder.glob("*.h")]
        if output.exists() and output.stat().st_mtime >= max(p.stat().st_mtime for p in inputs):
            return     # linked by an earlier run, against the same library
        done = _run([self.toolchain.cc, *self.toolchain.cflags, *map(str, source_files), "-o", str(output),
                     *extra, "-L", str(self.base), "-ltower", *self.toolchain.ldlibs])
        if done.returncode != 0:
            raise RuntimeError(f"cannot build {output}:\n{done.stderr}")

    def prepare(self, editions, tests, jobs):
        """Link every edition, and the unit tests, against the base library."""
        (self.programs / "scenarios").mkdir(parents=True, exist_ok=True)
        with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
            work = [pool.submit(self._link, [e], self.programs / "scenarios" / Path(e).stem)
                    for e in editions]
            work.append(pool.submit(self._link, tests, self.programs / "check_tower",
                                    self.toolchain.check_flags))
            for done in work:
                done.result()

    def build(self, mutant):
        """The mutant's library folder, or (None, compiler output) when it does not compile."""
        folder = self.mutant
        folder.mkdir(parents=True, exist_ok=True)
        source = folder / mutant.file
        source.write_text(mutant.apply((self.sources / mutant.file).read_text()))
        obj = folder / (source.stem + ".o")
        # A mutant may leave a variable unused or a comparison always true:
        # that is no reason to reject it, so warnings are not errors here.
        compiled = _run([self.toolchain.cc, *self.toolchain.cflags, "-Wno-error", "-fPIC",
                         f"-I{self.sources}", "-c", str(source), "-o", str(obj)])
        if compiled.returncode != 0:
            return None, compiled.stderr
        others = [p for p in sorted((self.base / "pic").glob("*.o")) if p.name != obj.name]
        linked = _run([self.toolchain.cc, "-shared", f"-Wl,-soname,{self.soname}",
                       "-o", str(folder / self.soname), str(obj), *map(str, others),
                       *self.toolchain.ldlibs])
        if linked.returncode != 0:
            return None, linked.stderr
        return folder, ""


def _environment(library):
    env = dict(os.environ)
    env["LD_LIBRARY_PATH"] = str(library) + (":" + env["LD_LIBRARY_PATH"]
                                             if env.get("LD_LIBRARY_PATH") else "")
    env["CK_FORK"] = "yes"
    return env


def _limited(argv, env, limit, grace=10):
    """(exit status or None at the time limit, stdout+stderr); the program
    gets SIGINT at the limit, to clean up its own children, then SIGKILL
    after grace seconds."""
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, errors="replace", start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=limit)
        return proc.returncode, out
    except BaseException as exc:
        if not isinstance(exc, subprocess.TimeoutExpired):
            # Interrupted (^C): leave no program of ours running behind.
            os.killpg(proc.pid, signal.SIGKILL)
            raise
        os.killpg(proc.pid, signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            try:
                out, _ = proc.communicate(timeout=grace)
            except subprocess.TimeoutExpired:
                # A descendant that left the group (a session of its own)
                # still holds the pipe: stop reading rather than wait for it.
                proc.wait()
                proc.stdout.close()
                out = ""
        return None, out


def suite_verdict(junit_xml):
    """KILLED when a scenario failed other than by its time limit, TIMED_OUT
    when the only failures were time limits, else SURVIVED; with the ids."""
    failures = {}
    for case in ET.fromstring(junit_xml).iter("testcase"):
        failure = case.find("failure")
        if failure is not None:
            failures[case.get("name")] = failure.get("type")
    if not failures:
        return SURVIVED, []
    killers = sorted(name for name, kind in failures.items() if kind != "TIMEOUT")
    return (KILLED, killers) if killers else (TIMED_OUT, sorted(failures))


class Judge:
    """Runs the suite's C editions and the unit tests against a library, each
    run under its own time limit: the suite's is above the scenarios' own
    limits (a mutant that hangs every scenario still gets its TIMEOUT
    verdicts), the unit tests' far above their usual second."""

    def __init__(self, workspace, conform, suite_limit, unit_limit, suite_jobs=32):
        self.workspace = workspace
        self.conform = conform      # argv prefix of tools/conform
        # Most scenarios wait (a mutant that hangs them waits for each one's
        # time limit), so many run at once, as in the make targets.
        self.suite_jobs = suite_jobs
        self.suite_limit = suite_limit
        self.unit_limit = unit_limit

    def suite(self, library):
        junit = self.workspace.root / "suite.xml"
        junit.unlink(missing_ok=True)
        status, out = _limited(self.conform + ["run", "-j", str(self.suite_jobs), "--impl", "ref", "--ref-build",
                                               str(self.workspace.programs), "--junit", str(junit)],
                               _environment(library), self.suite_limit)
        if status is None:
            return TIMED_OUT, ["the whole run"]
        if status not in (0, 1) or not junit.exists():
            raise RuntimeError(f"the runner failed (exit status {status}):\n{out[-3000:]}")
        return suite_verdict(junit.read_text())

    def unit(self, library):
        status, out = _limited([str(self.workspace.programs / "check_tower")],
                               _environment(library), self.unit_limit)
        if status is None:
            return TIMED_OUT, ["the whole run"]
        if status == 0:
            return SURVIVED, []
        failed = [line.split(":")[0] for line in out.splitlines() if ":F:" in line or ":E:" in line]
        return KILLED, failed[:5] or [f"exit status {status}"]


def together(suite, unit):
    """The verdict of both: killed by either, else timed out by either, else survived."""
    for verdict in (KILLED, TIMED_OUT):
        if verdict in (suite, unit):
            return verdict
    return SURVIVED


def try_mutant(mutant, workspace, judge, where, tier):
    started = time.monotonic()
    library, compiler = workspace.build(mutant)
    record = {"file": mutant.file, "line": mutant.line, "operator": mutant.operator,
              "where": where, "tier": tier, "diff": mutant.diff(where)}
    if library is None:
        record.update(verdict=STILLBORN, suite=STILLBORN, unit=STILLBORN,
                      why=compiler.strip().splitlines()[-1:] or [""])
    else:
        suite, suite_why = judge.suite(library)
        unit, unit_why = judge.unit(library)
        record.update(suite=suite, unit=unit, verdict=together(suite, unit),
                      suite_why=suite_why[:5], unit_why=unit_why)
    record["seconds"] = round(time.monotonic() - started, 1)
    return record


def conform_command(root):
    return [sys.executable, str(Path(root) / "tools" / "conform")]


def split_flags(text):
    return shlex.split(text or "")
