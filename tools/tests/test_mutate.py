"""tools/mutate: the mutants of C sources, and how a mutant is judged."""

import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sharpness import equivalents, mutation, mutationreport  # noqa: E402
from sharpness.mutants import OPERATORS, mask, mutants  # noqa: E402

SOURCE = textwrap.dedent("""\
    #line 10 "chapters/tier3-futures.nw"
    #include "private.h"
    /* a < b in a comment, 42 */
    static int pending(tw_future *f)
    {
        if (f->state == 2 && f->n <= 7)   // 3 >= 4
            return 1;
        puts("a < b; 5");
        f->state = TW__DONE;
        f->seen = true;
        tw__schedule(f->loop, run, f, NULL);
        tw__waitlist_wake(&f->waiters);
        free(f->buf);
        if (f->p->q >> 1)
            return f->n;
        return NULL;
    }
    """)


def by_operator(found, operator):
    return [(m.line, m.after) for m in found if m.operator == operator]


def test_mask_blanks_comments_strings_and_directives_only():
    masked = mask(SOURCE)
    assert len(masked) == len(SOURCE) and masked.count("\n") == SOURCE.count("\n")
    lines = masked.splitlines()
    assert lines[0].strip() == "" and lines[1].strip() == "" and lines[2].strip() == ""
    assert lines[5].rstrip() == "    if (f->state == 2 && f->n <= 7)"
    assert lines[7].strip() == "puts(" + " " * len('"a < b; 5"') + ");"


def test_every_operator_finds_its_sites_and_nothing_in_comments_or_strings():
    found = mutants("future.c", SOURCE)
    assert {m.operator for m in found} == set(OPERATORS)
    assert by_operator(found, "negate-comparison") == [
        (6, ("    if (f->state != 2 && f->n <= 7)   // 3 >= 4",)),
        (6, ("    if (f->state == 2 && f->n > 7)   // 3 >= 4",))]
    assert by_operator(found, "off-by-one-comparison") == [
        (6, ("    if (f->state == 2 && f->n < 7)   // 3 >= 4",))]
    assert by_operator(found, "change-constant") == [
        (6, ("    if (f->state == 3 && f->n <= 7)   // 3 >= 4",)),
        (6, ("    if (f->state == 2 && f->n <= 8)   // 3 >= 4",)),
        (7, ("        return 0;",)), (14, ("    if (f->p->q >> 0)",))]
    # Calls, but not free(): a leak is invisible to the suite.
    assert [line for line, _ in by_operator(found, "delete-call")] == [8, 11, 12]
    assert by_operator(found, "swap-calls") == [
        (11, ("    tw__waitlist_wake(&f->waiters);", "    tw__schedule(f->loop, run, f, NULL);")),
        (12, ("    free(f->buf);", "    tw__waitlist_wake(&f->waiters);"))]
    assert by_operator(found, "replace-return") == [(7, ("        return 0;",)),
                                                     (15, ("        return 0;",))]
    assert [line for line, _ in by_operator(found, "drop-state-assignment")] == [9, 10]


def test_a_mutant_changes_its_lines_and_only_on_the_source_it_was_made_from():
    found = mutants("future.c", SOURCE)
    swap = next(m for m in found if m.operator == "swap-calls")
    mutated = swap.apply(SOURCE).splitlines()
    assert mutated[10:12] == ["    tw__waitlist_wake(&f->waiters);", "    tw__schedule(f->loop, run, f, NULL);"]
    assert len(mutated) == len(SOURCE.splitlines())
    assert "-    tw__schedule(f->loop, run, f, NULL);" in swap.diff("chapters/tier3-futures.nw:19")
    with pytest.raises(ValueError):
        swap.apply(SOURCE.replace("tw__schedule(f->loop", "tw__schedule(f->other"))


JUNIT = """<?xml version='1.0'?><testsuites><testsuite name="ref.t1">
<testcase name="t1-a"/>{cases}</testsuite></testsuites>"""


def test_suite_verdict_tells_killed_from_timed_out():
    fail = '<testcase name="t1-b"><failure type="FAIL" message="x"/></testcase>'
    timeout = '<testcase name="t1-c"><failure type="TIMEOUT" message="x"/></testcase>'
    assert mutation.suite_verdict(JUNIT.format(cases="")) == (mutation.SURVIVED, [])
    assert mutation.suite_verdict(JUNIT.format(cases=timeout)) == (mutation.TIMED_OUT, ["t1-c"])
    assert mutation.suite_verdict(JUNIT.format(cases=fail + timeout)) == (mutation.KILLED, ["t1-b"])
    assert mutation.together(mutation.SURVIVED, mutation.TIMED_OUT) == mutation.TIMED_OUT
    assert mutation.together(mutation.TIMED_OUT, mutation.KILLED) == mutation.KILLED


def test_report_counts_per_file_and_lists_survivors():
    def record(file, suite, unit, verdict, tier=3, equivalent=None):
        return {"file": file, "line": 1, "operator": "delete-call", "where": "x.nw:1", "tier": tier,
                "diff": f"@@ {file} {verdict} {bool(equivalent)} @@", "suite": suite, "unit": unit,
                "verdict": verdict, "equivalent": equivalent}
    records = [record("a.c", "killed", "survived", "killed"),
               record("a.c", "survived", "survived", "survived"),
               record("a.c", "survived", "survived", "survived", equivalent="a no-op here"),
               record("b.c", "survived", "killed", "killed", tier=4),
               record("b.c", "stillborn", "stillborn", "stillborn", tier=4)]
    text = mutationreport.markdown(records, 1, 5, 100)
    assert "1 did not compile and 1 are known equivalents, neither counted; 3 counted." in text
    assert "- suite's C editions alone: 1/3 (33%)" in text
    assert "- together: 2/3 (67%)" in text
    assert "| a.c | 2 | 1/2 (50%) | 0/2 (0%) | 1/2 (50%) | 1 | 0 | 1 |" in text
    assert "| t4 | 1 | 0/1 (0%) | 1/1 (100%) | 1/1 (100%) | 1 | 0 | 0 |" in text
    unaccounted = text.split("## Survivors not accounted for (1)")[1].split("## Known")[0]
    assert "@@ a.c survived False @@" in unaccounted and "True" not in unaccounted
    assert "@@ a.c survived True @@\n```\nWhy: a no-op here" in text.split("## Known equivalents (1)")[1]
    assert "@@ b.c killed False @@" in text.split("gaps in the suite (1)")[1]


def test_equivalents_name_mutants_by_line_text_not_number(tmp_path):
    listed = tmp_path / "equivalent.toml"
    listed.write_text(textwrap.dedent("""\
        [[equivalent]]
        file = "future.c"
        operator = "change-constant"
        line = "if (f->state == 2 && f->n <= 7)   // 3 >= 4"
        after = "if (f->state == 2 && f->n <= 8)   // 3 >= 4"
        reason = "n is never 8"
        """))
    known = equivalents.load(listed)
    found = [m for m in mutants("future.c", SOURCE) if m.operator == "change-constant" and m.line == 6]
    assert [equivalents.reason_for(m, known) for m in found] == [None, "n is never 8"]
    moved = mutants("future.c", "\n\n" + SOURCE)
    assert any(equivalents.reason_for(m, known) for m in moved)
    assert equivalents.load(tmp_path / "absent.toml") == []
    listed.write_text('[[equivalent]]\nfile = "x.c"\noperator = "delete-call"\nline = "f();"\n')
    with pytest.raises(ValueError, match="missing"):
        equivalents.load(listed)


LIBRARY = "int half(int n)\n{\n    if (n < 0)\n        return 0;\n    return n / 2;\n}\n"
TEST = "int half(int);\nint main(void) { return half(8) == 4 && half(-2) == 0 ? 0 : 1; }\n"


@pytest.mark.skipif(not shutil.which("cc"), reason="needs a C compiler")
def test_a_mutant_library_runs_under_the_programs_linked_once(tmp_path):
    src, base, tests = tmp_path / "src", tmp_path / "base", tmp_path / "tests"
    for folder in (src, base / "pic", tests):
        folder.mkdir(parents=True)
    (src / "half.c").write_text(LIBRARY)
    (tests / "check.c").write_text(TEST)
    subprocess.run(["cc", "-fPIC", "-c", str(src / "half.c"), "-o", str(base / "pic" / "half.o")], check=True)
    subprocess.run(["cc", "-shared", "-Wl,-soname,libtower.so.0", "-o", str(base / "libtower.so.0"),
                    str(base / "pic" / "half.o")], check=True)
    os.symlink("libtower.so.0", base / "libtower.so")

    workspace = mutation.Workspace(tmp_path / "out", base, src, mutation.Toolchain("cc", [], []))
    workspace.prepare([], [tests / "check.c"], jobs=1)
    judge = mutation.Judge(workspace, conform=None, suite_limit=30, unit_limit=30)
    assert judge.unit(workspace.base) == (mutation.SURVIVED, [])

    found = {(m.operator, m.line): m for m in mutants("half.c", LIBRARY)}
    killer = found[("change-constant", 5)]            # n / 2 -> n / 3
    library, _ = workspace.build(killer)
    assert judge.unit(library)[0] == mutation.KILLED
    equivalent = found[("off-by-one-comparison", 3)]  # n < 0 -> n <= 0: half(0) is 0 either way
    library, _ = workspace.build(equivalent)
    assert judge.unit(library) == (mutation.SURVIVED, [])
    assert (src / "half.c").read_text() == LIBRARY     # the source itself is never touched


def _load_script(name):
    import importlib.machinery
    import importlib.util
    path = Path(__file__).resolve().parents[1] / name
    loader = importlib.machinery.SourceFileLoader(name.replace("-", "_"), str(path))
    module = importlib.util.module_from_spec(importlib.util.spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def test_the_sample_is_fixed_by_its_seed_and_kept_in_source_order():
    script = _load_script("mutate")
    found = list(range(1000))
    first = script.choose(found, 40, seed=1)
    assert first == script.choose(found, 40, seed=1) == sorted(first) and len(set(first)) == 40
    assert first != script.choose(found, 40, seed=2)
    assert script.choose(found, 5000, seed=1) == found


def test_a_time_limit_ends_even_when_a_descendant_keeps_the_output(tmp_path):
    # A mutant's test that hangs in a child of its own session (out of the
    # process group the limit kills) keeps the pipe open: the judge must
    # stop reading it, not wait for it for ever.
    pidfile = tmp_path / "escaped.pid"
    script = tmp_path / "escape.sh"
    script.write_text(f"setsid sleep 3600 &\necho $! > {pidfile}\nexec sleep 30\n")
    try:
        status, out = mutation._limited(["sh", str(script)], dict(os.environ), 0.5, grace=0.5)
        assert status is None
    finally:
        if pidfile.exists():
            os.kill(int(pidfile.read_text()), signal.SIGKILL)
