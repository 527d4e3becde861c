"""tools/book-duplicates: duplicates over the book's code, reported at the chapters' lines."""

import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "book-duplicates"

pytestmark = pytest.mark.skipif(not shutil.which("duplicates"), reason="needs the duplicates command")

HELPER = """\
    static int add_up(int a, int b)
    {
        int total = 0;
        total += a;
        total += b;
        if (total > 100)
            total = 100;
        return total;
    }
    """

FIRST = textwrap.dedent("""\
    \\chapter{Tier 1: A}
    The same words in prose, which duplicates does not count.
    The same words in prose, which duplicates does not count.

    <<[[src/a.c]]>>=
    <<the helpers>>
    int use_a(void) { return add_up(1, 2); }
    @

    The helpers:

    <<the helpers>>=
    """) + textwrap.dedent(HELPER) + "@\n"

SECOND = textwrap.dedent("""\
    \\chapter{Tier 2: B}
    The same words in prose, which duplicates does not count.
    The same words in prose, which duplicates does not count.

    <<[[src/b.c]]>>=
    """) + textwrap.dedent(HELPER) + "@\n"


def run(tmp_path, *args):
    return subprocess.run([str(SCRIPT), *map(str, args)], cwd=tmp_path,
                          capture_output=True, text=True)


def test_repeated_code_is_found_at_the_chapters_lines(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "tier1-a.nw").write_text(FIRST)
    (tmp_path / "chapters" / "tier2-b.nw").write_text(SECOND)
    done = run(tmp_path, "chapters/tier1-a.nw", "chapters/tier2-b.nw")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("1 pair of places (2 files read)")
    # the helper's body is lines 13-20 of the first chapter, 6-13 of the second
    assert lines[1].startswith("D1 chapters/tier1-a.nw:13-20 ~ chapters/tier2-b.nw:6-13")
    assert ".nw.c" not in done.stdout


def test_the_copies_keep_only_code_on_the_chapters_lines(tmp_path):
    (tmp_path / "tier1-a.nw").write_text(FIRST)
    keep = tmp_path / "copies"
    assert run(tmp_path, "--keep", keep, "tier1-a.nw").returncode == 0
    copy = (keep / "tier1-a.nw.c").read_text().split("\n")
    chapter = FIRST.split("\n")
    assert len(copy) == len(chapter)
    for number, (kept, original) in enumerate(zip(copy, chapter), 1):
        code = 13 <= number <= 21 or number == 7
        assert kept == (original if code else ""), number


def test_a_python_root_gives_a_python_copy(tmp_path):
    (tmp_path / "tier1-a.nw").write_text(FIRST + "<<[[tools/x.py]]>>=\nprint('hi')\n@\n")
    keep = tmp_path / "copies"
    assert run(tmp_path, "--keep", keep, "tier1-a.nw").returncode == 0
    assert sorted(p.name for p in keep.glob("*.nw.*")) == ["tier1-a.nw.c", "tier1-a.nw.py"]
    assert "print('hi')" in (keep / "tier1-a.nw.py").read_text()
    assert "print('hi')" not in (keep / "tier1-a.nw.c").read_text()


def test_bad_input_is_named(tmp_path):
    done = run(tmp_path, "no-such.nw")
    assert done.returncode != 0 and "no such chapter file: no-such.nw" in done.stderr
    done = run(tmp_path, "--change", "x.nw")
    assert done.returncode != 0 and "unknown option --change" in done.stderr


def test_keep_never_empties_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "tier1-a.nw").write_text(FIRST)
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "precious.c").write_text("int x;\n")
    done = run(tmp_path, "--keep", "mine", "tier1-a.nw")
    assert done.returncode != 0 and "not a folder of copies" in done.stderr
    assert (tmp_path / "mine" / "precious.c").exists()
    assert run(tmp_path, "--keep", "copies", "tier1-a.nw").returncode == 0
    assert run(tmp_path, "--keep", "copies", "tier1-a.nw").returncode == 0
