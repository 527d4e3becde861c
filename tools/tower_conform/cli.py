"""Command line: tools/conform list|run|bless|check|report."""

import argparse
import math
import os
import re
import sys
from pathlib import Path

from . import bless as bless_mod
from . import causes
from . import expectations as expectations_mod
from . import golden as golden_mod
from . import impls as impls_mod
from . import report, runner
from .compare import EXCUSABLE, count
from . import reaper
from .errors import Interrupted, SuiteError, UsageError
from .execute import abort, allow_starting, restore_signals, signal_name, take_signals
from .layout import Layout
from .scenario import PROFILES, discover, select

EPILOG = """\
exit status: 0 when every result matched the expectations, 1 on failures,
2 on a usage or suite error (malformed scenario, unknown expectation...),
128+N when stopped by signal N (SIGINT, SIGTERM, SIGHUP): every edition is
killed and the reports cover the scenarios that finished.
The last line of `run` is "N passed, N failed, N skipped": passed counts PASS
and XFAIL, failed counts FAIL, TIMEOUT, CRASH, ERROR, NOGOLDEN, XPASS and
FLAKY, skipped counts UNSUPPORTED (no edition, or an edition that lacks what
the scenario `requires`). Before it come the table per tier, the verdicts per
profile, and the root causes: the failures grouped by their last exception
line, signal or first differing line, the biggest group first."""


def _add_suite(p):
    p.add_argument("--suite", metavar="DIR", help="scenario folder (default: <repo>/conformance)")
    p.add_argument("--golden", metavar="DIR", help="golden folder (default: <repo>/golden)")


def _add_selection(p, profile=True):
    p.add_argument("-k", dest="patterns", action="append", default=[], metavar="PATTERN",
                   help="only scenarios whose id contains PATTERN (a glob if it has * ? [);"
                        " repeatable, any may match")
    p.add_argument("--tier", dest="tiers", type=int, nargs="+", action="extend", default=[],
                   choices=range(1, 10), metavar="N", help="only these tiers")
    if profile:
        p.add_argument("--profile", choices=PROFILES, help="only this profile")


def _impl_name(text):
    try:
        return impls_mod.parse_impl(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _shard(text):
    """I/N: the I-th slice (1-based) of N."""
    index, _, total = text.partition("/")
    if not (index.isdigit() and total.isdigit() and 1 <= int(index) <= int(total)):
        raise argparse.ArgumentTypeError(f"{text!r}: expected I/N with 1 <= I <= N")
    return int(index), int(total)


def build_parser():
    parser = argparse.ArgumentParser(
        prog="conform", description="The Tower conformance runner.", epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("list", help="list the scenarios")
    _add_suite(p)
    _add_selection(p)

    p = sub.add_parser("run", help="run an implementation's editions and compare",
                       epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_suite(p)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--impl", type=_impl_name, metavar="IMPL",
                       help=f"a built-in implementation ({', '.join(impls_mod.BUILTIN)}),"
                            " python:MODULE[:HOOK]: the Python editions under the loop MODULE"
                            " installs (its EventLoopPolicy or install(); HOOK: a policy, a loop"
                            " factory or an installer; see conformance/README.md), or"
                            " cpython-X.Y: a column of the report's version matrix, that"
                            " CPython's own asyncio as the report finds it (or --python),"
                            " named and judged as the report does")
    which.add_argument("--cmd", metavar="TEMPLATE",
                       help="command for any runtime; placeholders {id} {tier} {py} {dir}"
                            " {port} {root} (double literal braces)")
    p.add_argument("--editions", metavar="PATHTEMPLATE",
                   help="with --cmd: a scenario whose edition path does not exist is"
                        " UNSUPPORTED (a template that matches no file at all is an error)")
    p.add_argument("--name", metavar="NAME",
                   help="with --cmd: the runtime's name (header, JUnit suite name) and its"
                        " default expectations, conformance/expectations/NAME.toml")
    p.add_argument("--version-cmd", metavar="COMMAND",
                   help="a command whose first line of output is the runtime's version,"
                        " recorded in the header and the JUnit properties")
    _add_selection(p)
    p.add_argument("-j", "--jobs", type=int, metavar="N",
                   help=f"scenarios run at once (default: the cores, {runner.default_jobs()})")
    p.add_argument("--shard", type=_shard, metavar="I/N",
                   help="run only the I-th of N deterministic slices of the selection"
                        " (1 <= I <= N; N CI machines together run every scenario once)")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="print every result, with the evidence of every non-PASS")
    p.add_argument("--junit", metavar="FILE", help="write JUnit XML")
    p.add_argument("--tap", action="store_true", help="print TAP version 13 instead of the text")
    p.add_argument("--repeat", type=int, default=1, metavar="N",
                   help="run each scenario N times; differing verdicts are FLAKY")
    p.add_argument("--expectations", metavar="FILE",
                   help="known failures (default: conformance/expectations/<impl>.toml)")
    p.add_argument("--allow-xpass", action="store_true", help="an unexpected pass does not fail")
    p.add_argument("--write-expectations", metavar="FILE",
                   help="draft an expectations file from this run: every FAIL, TIMEOUT and"
                        " CRASH, each pinned by a digest of how it fails")
    p.add_argument("--python", metavar="PATH", help="the interpreter for Python editions")
    p.add_argument("--timeout-scale", type=float, default=1.0, metavar="X",
                   help="multiply every time limit by X (slow machines)")
    p.add_argument("--timeout", type=float, metavar="N",
                   help="N seconds for every scenario instead of its own limit"
                        " (exploratory runs)")
    p.add_argument("--ref-build", metavar="DIR",
                   help="with --impl ref: the build tree holding scenarios/<id> (default: build)")
    p.add_argument("--ref-clock", choices=impls_mod.REF_CLOCKS,
                   help="with --impl ref: the clock the editions run on (TOWER_CLOCK;"
                        " default virtual)")
    p.add_argument("--wrap", metavar="COMMAND",
                   help="run every edition under COMMAND, e.g. 'valgrind -q --error-exitcode=99'")

    p = sub.add_parser("bless", help="regenerate goldens from the oracle (CPython asyncio)")
    _add_suite(p)
    _add_selection(p, profile=False)
    p.add_argument("--runs", type=int, default=3, metavar="N",
                   help="run each scenario N times; refuse if they differ (default 3)")
    p.add_argument("-j", "--jobs", type=int, metavar="N")
    p.add_argument("--python", metavar="PATH", help="the oracle interpreter")

    p = sub.add_parser("check", help="validate scenarios, expectations and goldens")
    _add_suite(p)

    p = sub.add_parser("report", help="run asyncio, uvloop, gbulb (and ref) and every other"
                                      " CPython found, and write the report")
    _add_suite(p)
    p.add_argument("--cpythons", default="auto", metavar="auto|none|PATH,...",
                   help="the other CPythons of the version matrix: auto searches"
                        " $PYENV_ROOT/versions/*/bin/python3 and python3.N on PATH,"
                        " /usr/bin and /usr/local/bin (3.8 or newer, one per X.Y, the"
                        " oracle's X.Y left out); none: no matrix (default auto)")
    p.add_argument("--cmd", metavar="TEMPLATE",
                   help="one more column: a runtime started as by `run --cmd`")
    p.add_argument("--editions", metavar="PATHTEMPLATE", help="with --cmd, as for run")
    p.add_argument("--name", metavar="NAME",
                   help="with --cmd: the column's label; its expectations are"
                        " conformance/expectations/NAME.toml")
    p.add_argument("--out", metavar="FILE", help="default: <repo>/docs/conformance.md")
    p.add_argument("-j", "--jobs", type=int, metavar="N")
    p.add_argument("--timeout-scale", type=float, default=1.0, metavar="X")
    return parser


def _say(*lines, file=None):
    print(*lines, sep="\n", file=file or sys.stdout, flush=True)


def cmd_list(args, layout):
    chosen = select(discover(layout), args.patterns, args.tiers, args.profile)
    for s in chosen:
        _say(f"{s.id}\tt{s.tier}\t{s.profile}\t{s.title}")
    return 0


def _expectations_for(path, impl, layout, scenarios):
    if path:
        return expectations_mod.load(path, scenarios, required=True)
    if impl.expectations_name:
        return expectations_mod.load(layout.expectations / f"{impl.expectations_name}.toml",
                                     scenarios)
    return {}


# The largest --timeout-scale: beyond it a limit means "never" and overflows
# the clocks it is added to.
MAX_TIMEOUT_SCALE = 1000


MAX_TIMEOUT = 24 * 3600


def _check_timeout_scale(scale):
    if not (math.isfinite(scale) and 0 < scale <= MAX_TIMEOUT_SCALE):
        raise UsageError(f"--timeout-scale {scale}: must be a number in (0, {MAX_TIMEOUT_SCALE}]")


def _check_timeout(timeout):
    if timeout is not None and not (math.isfinite(timeout) and 0 < timeout <= MAX_TIMEOUT):
        raise UsageError(f"--timeout {timeout}: must be a number of seconds in (0, {MAX_TIMEOUT}]")


def _check_writable(option, path):
    """Refuse an output file that cannot be written, before running anything."""
    path = Path(path)
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a directory")
    if not path.parent.is_dir():
        raise UsageError(f"{option} {path}: no such directory {path.parent}")
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UsageError(f"{option} {path}: not writable")


def cmd_run(args, layout):
    _check_named_cmd(args)
    if args.ref_build and args.impl != "ref":
        raise UsageError("--ref-build goes with --impl ref")
    if args.ref_clock and args.impl != "ref":
        raise UsageError("--ref-clock goes with --impl ref")
    if args.repeat < 1 or (args.jobs is not None and args.jobs < 1):
        raise UsageError("--repeat and -j must be at least 1")
    _check_timeout_scale(args.timeout_scale)
    _check_timeout(args.timeout)
    if args.junit:
        _check_writable("--junit", args.junit)
    if args.write_expectations:
        _check_writable("--write-expectations", args.write_expectations)
    scenarios = discover(layout)
    impl = impls_mod.make(args.impl, args.cmd, args.editions, args.python,
                          args.ref_build, args.wrap, args.ref_clock, args.name)
    version = impls_mod.runtime_version(args.version_cmd) if args.version_cmd else None
    expectations = _expectations_for(args.expectations, impl, layout, scenarios)
    chosen = select(scenarios, args.patterns, args.tiers, args.profile)
    if args.shard:
        index, total = args.shard
        chosen = chosen[index - 1::total]   # as lit does: every N-th, in suite order
    if not chosen:
        raise UsageError("no scenario matches the selection"
                         + (" in this shard" if args.shard else ""))
    impl.check(layout, chosen)
    golden_mod.read_manifest(layout.golden)   # a malformed MANIFEST is a suite error

    jobs = args.jobs or runner.default_jobs()
    described = impl.describe()
    if version:
        described = (f"{version} {described[len(impl.name) + 1:]}"
                     if described.startswith(impl.name + " ") else f"{described}, {version}")
    header = (f"{len(chosen)} scenarios on {described}, -j {jobs}"
              + (f", shard {args.shard[0]}/{args.shard[1]}" if args.shard else "")
              + (f", {args.repeat} runs each" if args.repeat > 1 else ""))
    if args.tap:
        tap = report.Tap(_say, args.allow_xpass)
        _say(f"# {header}")
        on_result = tap.result
    else:
        _say(header)

        def on_result(result):
            line = report.result_line(result, args.verbose, args.allow_xpass)
            if line:
                _say(line)

    finished = []

    def collect(result):
        finished.append(result)
        on_result(result)

    interrupted = None
    try:
        results = runner.run(chosen, impl, layout, expectations, jobs, args.repeat,
                             args.timeout_scale, collect, args.timeout)
    except Interrupted as exc:   # every group is killed: report what finished
        interrupted = exc
        place = {s.id: i for i, s in enumerate(chosen)}
        results = sorted(finished, key=lambda r: place[r.id])

    if not (args.patterns or args.tiers or args.profile or args.shard or interrupted):
        manifest = golden_mod.read_manifest(layout.golden)
        for orphan in golden_mod.orphans(layout.golden, manifest, scenarios):
            _say(f"warning: orphan golden {orphan} (no scenario; `tools/conform check` fails)",
                 file=sys.stderr)
    if args.junit:
        Path(args.junit).write_text(report.junit(results, impl.name, args.allow_xpass, version))
    if args.write_expectations:
        Path(args.write_expectations).write_text(_draft_expectations(results, described))
    root_causes = causes.table(results, args.allow_xpass)
    if args.tap:
        tap.finish(results, root_causes)
    else:
        _say("", report.tier_table(results, args.allow_xpass),
             "", report.profile_table(results))
        if root_causes:
            _say("", root_causes)
        _say(report.summary_line(results, args.allow_xpass))
    if interrupted:
        _say(f"conform: interrupted by {signal_name(-interrupted.signum)}: {len(results)}"
             f" of {len(chosen)} scenarios finished", file=sys.stderr)
        return 128 + interrupted.signum
    return 1 if count(results, args.allow_xpass)[1] else 0


def _draft_expectations(results, described):
    """Every excusable failure of the run, keeping the reason of those already
    expected, each pinned by the digest of how it fails now."""
    entries = []
    for r in results:
        verdict = r.raw or r.verdict
        if verdict not in EXCUSABLE:
            continue
        old = r.expectation
        reason = old.reason if old else f"TODO: {causes.cause(r)}"
        entries.append((r.id, expectations_mod.Expectation(reason, old.link if old else None,
                                                           r.digest)))
    return expectations_mod.draft(entries, f"Drafted by tools/conform run --write-expectations"
                                           f" on {described}.\nGive each entry its real reason"
                                           " and, where there is one, a link.")


def cmd_bless(args, layout):
    bless_mod.refuse_in_ci()
    everything = discover(layout)
    chosen = select(everything, args.patterns, args.tiers)
    if not chosen:
        raise UsageError("no scenario matches the selection")
    return bless_mod.bless(chosen, everything, layout, args.python, args.runs, args.jobs, _say)


def cmd_check(args, layout):
    scenarios = discover(layout)   # SuiteError: exit 2 with every problem
    problems = []
    for path in expectations_mod.all_files(layout):
        try:
            expectations_mod.load(path, scenarios)
        except SuiteError as exc:
            problems += exc.problems
    if problems:
        raise SuiteError(problems)
    manifest = golden_mod.read_manifest(layout.golden)
    missing = golden_mod.missing(layout.golden, manifest, scenarios)
    orphans = golden_mod.orphans(layout.golden, manifest, scenarios)
    for id_ in missing:
        _say(f"missing golden: {id_} (run tools/conform bless -k {id_})")
    for orphan in orphans:
        _say(f"orphan golden: {orphan} (no scenario has this id)")
    _say(f"{len(scenarios)} scenarios, {len(expectations_mod.all_files(layout))} expectation"
         f" files, {len(missing)} missing goldens, {len(orphans)} orphan goldens")
    return 1 if missing or orphans else 0


def _check_named_cmd(args):
    if (args.editions or args.name) and not args.cmd:
        raise UsageError("--editions and --name go with --cmd")
    if args.name and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", args.name):
        raise UsageError(f"--name {args.name!r}: letters, digits, '.', '_' and '-' only")


def cmd_report(args, layout):
    _check_timeout_scale(args.timeout_scale)
    _check_named_cmd(args)
    scenarios = discover(layout)
    names = ["asyncio", "uvloop", "gbulb"] + (["ref"] if impls_mod.ref_built(layout) else [])
    oracle_interpreter = impls_mod.oracle()
    oracle = impls_mod.oracle_line(oracle_interpreter)
    if args.cpythons == "auto":
        candidates = impls_mod.cpython_candidates()
    else:
        candidates = [p for p in args.cpythons.split(",") if p and args.cpythons != "none"]
    matrix = impls_mod.other_cpythons(oracle_interpreter, candidates)
    runs = []
    command = [impls_mod.make(cmd=args.cmd, editions=args.editions, label=args.name)
               ] if args.cmd else []
    for name in names + matrix + command:
        try:
            impl = (impls_mod.make(name) if isinstance(name, str)
                    else name if isinstance(name, impls_mod.Impl)
                    else impls_mod.cpython_impl(name))
        except UsageError as exc:
            name = name if isinstance(name, str) else name.version
            runs.append((name, None, "not available: " + str(exc).splitlines()[0]))
            _say(f"{name}: not available")
            continue
        name = impl.name
        expectations = _expectations_for(None, impl, layout, scenarios)
        results = runner.run(scenarios, impl, layout, expectations, args.jobs,
                             timeout_scale=args.timeout_scale)
        _say(f"{name}: {report.summary_line(results)}")
        runs.append((name, results, impl.describe()))
    out = Path(args.out) if args.out else layout.root / "docs" / "conformance.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report.markdown(scenarios, runs, oracle))
    _say(f"wrote {out}")
    return 1 if any(res and count(res)[1] for _, res, _ in runs) else 0


COMMANDS = {"list": cmd_list, "run": cmd_run, "bless": cmd_bless,
            "check": cmd_check, "report": cmd_report}


def main(argv=None):
    args = build_parser().parse_args(argv)
    layout = Layout.from_args(args.suite, args.golden)
    previous_handlers = take_signals()
    reaper.become_subreaper()
    allow_starting()
    try:
        return COMMANDS[args.command](args, layout)
    except SuiteError as exc:
        _say(*(f"error: {p}" for p in exc.problems), file=sys.stderr)
        return 2
    except UsageError as exc:
        _say(f"conform: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:   # `tools/conform list | head`
        abort()
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except (KeyboardInterrupt, Interrupted) as exc:
        abort()
        signum = getattr(exc, "signum", 2)
        _say(f"conform: interrupted by {signal_name(-signum)}", file=sys.stderr)
        return 128 + signum
    finally:
        restore_signals(previous_handlers)
