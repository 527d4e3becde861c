"""tools/coverage-ref: coverage of a tangled C file, counted in the book's lines."""

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sharpness import refcoverage  # noqa: E402
from sharpness.booklines import book_locations, tier_of  # noqa: E402

CHAPTER = textwrap.dedent("""\
    % a chapter
    <<[[src/half.c]]>>=
    #include "half.h"
    int half(int n)
    {
        if (n % 2)
            return -1;
        return n / 2;
    }
    @
    """)
# What notangle -L makes of it: the function is chapter lines 4-10, after the
# header's inline function, which every object including it would carry.
TANGLED = textwrap.dedent("""\
    #line 3 "chapters/tier1-half.nw"
    static inline int twice(int n) { return 2 * n; }
    #line 4 "chapters/tier1-half.nw"
    int half(int n)
    {
        if (n % 2)
            return -1;
        return n / 2;
    }
    """)
MAIN = "int half(int);\nint main(int argc, char **argv) { (void)argv; return half(argc * 4) != 2 * argc; }\n"


def test_book_locations_follow_line_directives():
    where = book_locations(TANGLED)
    assert where[0] is None and where[2] is None
    assert where[1] == ("chapters/tier1-half.nw", 3)
    assert where[3] == ("chapters/tier1-half.nw", 4)
    assert where[8] == ("chapters/tier1-half.nw", 9)
    assert tier_of("chapters/tier1-half.nw") == 1 and tier_of("chapters/conformance.nw") is None


def test_merge_adds_counts_and_refuses_different_branches():
    a = {"f.c": {"x.nw:1": [1, [1, 0]], "x.nw:2": [0, []]}}
    b = {"f.c": {"x.nw:1": [2, [0, 0]], "x.nw:2": [3, []]}}
    together = refcoverage.merge(a, b)
    assert together["f.c"] == {"x.nw:1": [3, [1, 0]], "x.nw:2": [3, []]}
    assert refcoverage.totals(together["f.c"]) == (2, 2, 1, 2)
    with pytest.raises(ValueError):
        refcoverage.merge(a, {"f.c": {"x.nw:1": [1, [1]]}})


@pytest.mark.skipif(not (shutil.which("gcc") and shutil.which("gcov")), reason="needs gcc and gcov")
def test_collect_counts_only_the_files_own_book_lines(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "tier1-half.nw").write_text(CHAPTER)
    src, obj = tmp_path / "src", tmp_path / "obj"
    src.mkdir(), obj.mkdir()
    # The header's line 3 is not the file's own: it was tangled from another root.
    (src / "half.c").write_text(TANGLED.replace('#line 3 "chapters/tier1-half.nw"',
                                                '#line 3 "chapters/tier1-other.nw"'))
    (tmp_path / "chapters" / "tier1-other.nw").write_text("\n\nstatic inline int twice(int n) { return 2 * n; }\n")
    (tmp_path / "main.c").write_text(MAIN)
    subprocess.run(["gcc", "-O0", "--coverage", "-c", "src/half.c", "-o", "obj/half.o"],
                   cwd=tmp_path, check=True)
    subprocess.run(["gcc", "--coverage", "main.c", "obj/half.o", "-o", "prog"], cwd=tmp_path, check=True)
    assert subprocess.run([str(tmp_path / "prog")], cwd=tmp_path).returncode == 0

    run = refcoverage.collect(obj, src, tmp_path)
    lines = run["half.c"]
    assert all(key.startswith("chapters/tier1-half.nw:") for key in lines)
    assert lines["chapters/tier1-half.nw:6"][0] == 1         # if (n % 2)
    assert lines["chapters/tier1-half.nw:7"][0] == 0         # return -1: never
    assert lines["chapters/tier1-half.nw:8"][0] == 1
    assert sorted(lines["chapters/tier1-half.nw:6"][1]) == [0, 1]
    covered, total, taken, branches = refcoverage.totals(lines)
    assert covered == total - 1 and (taken, branches) == (1, 2)

    report = refcoverage.uncovered(run, run, tmp_path)
    assert "chapters/tier1-half.nw:7:         return -1;" in report
    assert "chapters/tier1-half.nw:6:     if (n % 2)    [1/2 taken]" in report
    table = refcoverage.table([("unit", run)])
    assert "| half.c |" in table and "50.0%" in table

    # The command line, as make coverage calls it (options between command and names).
    script = Path(__file__).resolve().parents[1] / "coverage-ref"
    for argv in (["collect", "--build", str(tmp_path), "unit"], ["collect", "--build", str(tmp_path), "suite"],
                 ["report", "--build", str(tmp_path), "unit", "suite"]):
        done = subprocess.run([sys.executable, str(script), *argv, "--src", str(src), "--root", str(tmp_path)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    assert "| half.c | 4 | 75.0% | 75.0% | 75.0% | 50.0% | 50.0% | 50.0% |" in done.stdout
    assert (tmp_path / "coverage" / "uncovered.txt").exists()
