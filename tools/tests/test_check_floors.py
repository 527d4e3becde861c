"""tools/check-floors: the check that no floor of the runtime leans on a higher one."""

import importlib.machinery
import importlib.util
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "check-floors"

_loader = importlib.machinery.SourceFileLoader("check_floors", str(SCRIPT))
check_floors = importlib.util.module_from_spec(importlib.util.spec_from_loader("check_floors", _loader))
_loader.exec_module(check_floors)

pytestmark = pytest.mark.skipif(not (shutil.which("cc") and shutil.which("nm")),
                                reason="needs cc and nm to build the objects")

CHAPTERS = {1: ("base", "Base"), 2: ("mid", "Middle"), 3: ("top", "Top")}


class Tree:
    """A tiny tangled runtime in a temporary folder: chapters, sources, objects."""

    def __init__(self, root):
        self.root = root
        self.src = root / "src"
        self.include = root / "include"
        self.objects = root / "obj"
        for tier, (slug, title) in CHAPTERS.items():
            self.write(f"chapters/tier{tier}-{slug}.nw",
                       f"@ Some prose.\n\\chapter{{Tier {tier}: {title}}}\nMore prose.\n")

    def write(self, path, text):
        path = self.root / path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text))
        return path

    def tangled(self, path, tier, body, chapter=None):
        """A file as notangle -L writes it: its chapter's #line comes first."""
        if chapter is None:
            slug = CHAPTERS[tier][0]
            chapter = f"chapters/tier{tier}-{slug}.nw"
        return self.write(path, f'#line 1 "{chapter}"\n' + textwrap.dedent(body))

    def build(self):
        self.objects.mkdir(exist_ok=True)
        for source in sorted(self.src.glob("*.c")):
            subprocess.run(["cc", "-c", "-I", str(self.include), str(source),
                            "-o", str(self.objects / (source.stem + ".o"))], check=True)

    def args(self, *extra):
        return ["--src", self.src, "--include", self.include, "--objects", self.objects,
                "--root", self.root, *extra]


def clean_tower(root):
    """Three floors, each using the ones below, a private header and a libc call."""
    tree = Tree(root)
    tree.tangled("include/tower/base.h", 1, "int base_value(void);\n")
    tree.tangled("src/base_private.h", 1, '#include "tower/base.h"\n')
    tree.tangled("src/base.c", 1, """\
        #include <string.h>
        #include "base_private.h"
        int base_value(void) { return (int)strlen("one"); }
        """)
    tree.tangled("include/tower/mid.h", 2, '#include "tower/base.h"\nint mid_value(void);\n')
    tree.tangled("src/mid.c", 2, """\
        #include "tower/mid.h"
        int mid_value(void) { return base_value() + 1; }
        """)
    tree.tangled("include/tower/top.h", 3, '#include "tower/mid.h"\nint top_value(void);\n')
    tree.tangled("src/top_level.c", 3, """\
        #include "tower/top.h"
        int top_value(void) { return mid_value() + base_value(); }
        """)
    return tree


@pytest.fixture
def tower(tmp_path):
    return clean_tower(tmp_path)


@pytest.fixture
def floors(capsys):
    """Run the check in-process: returns (exit status, stdout, stderr)."""
    def run(tree, *extra):
        tree.build()
        status = check_floors.main([str(a) for a in tree.args(*extra)])
        out, err = capsys.readouterr()
        return status, out, err
    return run


def test_clean_tower_passes_and_prints_the_floors_from_the_top(tower, floors):
    status, out, err = floors(tower)
    assert status == 0, out + err
    lines = out.splitlines()
    assert lines[:6] == [
        "floor 3  Top: top_level.c tower/top.h",
        "    rests on 1-2",
        "floor 2  Middle: mid.c tower/mid.h",
        "    rests on 1",
        "floor 1  Base: base.c base_private.h tower/base.h",
        "    rests on the ground",
    ]
    assert lines[-1] == "floors: 0 upward references, 0 upward chunks, 0 cycles (1 passed, 0 failed)"
    assert "upward" not in out.replace("0 upward", "")


def test_upward_call_fails_naming_file_tiers_and_symbol(tower, floors):
    tower.tangled("src/base.c", 1, """\
        #include "base_private.h"
        int top_value(void);
        int base_value(void) { return 1; }
        int base_peek(void) { return top_value(); }
        """)
    status, out, _ = floors(tower)
    assert status == 1
    assert "upward reference: base.c (tier 1) uses top_level.c (tier 3): top_value" in out
    assert out.splitlines()[-1].startswith("floors: 1 upward references, ")
    assert out.splitlines()[-1].endswith("(0 passed, 1 failed)")


def test_upward_include_fails(tower, floors):
    tower.tangled("src/base.c", 1, """\
        #include "base_private.h"
        #include "tower/top.h"
        int base_value(void) { return 1; }
        """)
    status, out, _ = floors(tower)
    assert status == 1
    assert "upward reference: base.c (tier 1) uses tower/top.h (tier 3): #include" in out
    assert out.splitlines()[-1] == "floors: 1 upward references, 0 upward chunks, 0 cycles (0 passed, 1 failed)"


def test_two_files_using_each_other_are_a_cycle_with_its_edges(tower, floors):
    tower.tangled("src/mid.c", 2, """\
        #include "tower/mid.h"
        int mid_twin(void);
        int mid_value(void) { return base_value() + mid_twin(); }
        int mid_helper(void) { return 2; }
        """)
    tower.tangled("src/mid_twin.c", 2, """\
        int mid_helper(void);
        int mid_twin(void) { return mid_helper(); }
        """)
    status, out, _ = floors(tower)
    assert status == 1
    assert "cycle 1: mid.c (tier 2) mid_twin.c (tier 2)" in out
    assert "cycle 1 edge: mid.c (tier 2) uses mid_twin.c (tier 2): mid_twin" in out
    assert "cycle 1 edge: mid_twin.c (tier 2) uses mid.c (tier 2): mid_helper" in out
    assert out.splitlines()[-1] == "floors: 0 upward references, 0 upward chunks, 1 cycles (0 passed, 1 failed)"


def test_files_without_a_tier_are_an_input_error_naming_them(tower, floors):
    tower.tangled("include/tower/old.h", 1, "int old_value(void);\n", chapter="book.nw")
    tower.write("src/untangled.h", "int by_hand(void);\n")
    status, out, err = floors(tower)
    assert status == 2
    assert 'old.h: first #line names "book.nw"' in err
    assert "untangled.h: no #line directive" in err
    assert "floors:" not in out


def test_missing_object_is_an_input_error_naming_it(tower, floors, capsys):
    tower.build()
    tower.tangled("src/late.c", 3, "int late_value(void) { return 0; }\n")
    status = check_floors.main([str(a) for a in tower.args()])
    err = capsys.readouterr().err
    assert status == 2
    assert "missing object" in err and "late.o" in err


def test_include_that_resolves_nowhere_is_an_input_error(tower, floors, capsys):
    tower.tangled("include/tower/mid.h", 2, '#include "tower/nowhere.h"\nint mid_value(void);\n')
    tower.tangled("include/tower/nowhere.h", 2, "")  # compiles, then goes away
    tower.build()
    (tower.include / "tower" / "nowhere.h").unlink()
    status = check_floors.main([str(a) for a in tower.args()])
    err = capsys.readouterr().err
    assert status == 2
    assert 'mid.h: #include "tower/nowhere.h" resolves nowhere' in err


def test_tex_draws_every_floor_with_its_title_and_files_the_same_each_time(tower, floors, tmp_path):
    figure = tmp_path / "doc" / "floors.tex"
    assert floors(tower, "--tex", figure)[0] == 0
    first = figure.read_bytes()
    assert floors(tower, "--tex", figure)[0] == 0
    assert figure.read_bytes() == first
    tex = first.decode()
    for title in ("Tier 1: Base", "Tier 2: Middle", "Tier 3: Top"):
        assert title in tex
    for name in ("base.c", r"base\_private.h", "tower/base.h", "mid.c", "tower/mid.h",
                 r"top\_level.c", "tower/top.h"):
        assert name in tex
    assert "top_level" not in tex
    assert tex.index("Tier 1: Base") < tex.index("Tier 2: Middle") < tex.index("Tier 3: Top")
    assert "rests on 1--2" in tex and "rests on the ground" in tex
    assert tex.count(r"\begin{tikzpicture}") == 1 and "documentclass" not in tex


def test_html_draws_the_same_floors_as_the_tex_the_top_first(tower, floors, tmp_path):
    tex, page = tmp_path / "floors.tex", tmp_path / "floors.html"
    assert floors(tower, "--tex", tex, "--html", page)[0] == 0
    drawn = page.read_text()
    for title in ("Tier 1: Base", "Tier 2: Middle", "Tier 3: Top"):
        assert f"<strong>{title}</strong>" in drawn and title in tex.read_text()
    for name in ("base.c", "base_private.h", "tower/base.h", "mid.c", "top_level.c"):
        assert f"<code>{name}</code>" in drawn
    assert drawn.index("Tier 3: Top") < drawn.index("Tier 2: Middle") < drawn.index("Tier 1: Base")
    assert "rests on 1–2" in drawn and "rests on the ground" in drawn
    assert drawn.count('<li class="floor"') == 3 and "<html" not in drawn


def test_html_marks_a_floor_that_reaches_up(tower, floors, tmp_path):
    tower.tangled("src/base.c", 1, """\
        #include "base_private.h"
        #include "tower/top.h"
        int base_value(void) { return 1; }
        """)
    page = tmp_path / "floors.html"
    assert floors(tower, "--html", page)[0] == 1
    assert "<strong>reaches up to 3</strong>" in page.read_text()


def test_a_title_in_latex_reads_as_html():
    assert (check_floors.html_title(r"Tier 7: Transports and \texttt{Base\_Transport} \& co")
            == "Tier 7: Transports and <code>Base_Transport</code> &amp; co")


def test_tex_is_written_even_when_the_check_fails(tower, floors, tmp_path):
    tower.tangled("src/base.c", 1, """\
        #include "base_private.h"
        #include "tower/top.h"
        int base_value(void) { return 1; }
        """)
    figure = tmp_path / "floors.tex"
    assert floors(tower, "--tex", figure)[0] == 1
    assert r"reaches up to 3" in figure.read_text()


def test_floor_without_a_readable_chapter_is_shown_by_number(tower, floors):
    (tower.root / "chapters" / "tier2-mid.nw").unlink()
    status, out, _ = floors(tower)
    assert status == 0
    assert "floor 2: mid.c tower/mid.h" in out.splitlines()


def test_title_with_braces_inside_is_read_whole(tmp_path):
    chapter = tmp_path / "tier7-transports.nw"
    chapter.write_text("\\chapter{Tier 7: Transports and \\texttt{BaseTransport}}\n")
    assert check_floors.chapter_title(chapter, 7) == r"Transports and \texttt{BaseTransport}"
    assert check_floors.chapter_title(chapter, 6) is None


def test_runs_as_a_command_with_make_check_status(tower):
    tower.build()
    done = subprocess.run([str(SCRIPT), *map(str, tower.args())], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1].endswith("(1 passed, 0 failed)")


def test_components_are_found_without_recursion_in_a_fixed_order():
    # A chain longer than Python's recursion limit, closed into one loop, and a
    # separate two-node loop: a recursive Tarjan would overflow on the first.
    chain = list(range(5000))
    successors = {n: [n + 1] for n in chain[:-1]}
    successors[chain[-1]] = [0]
    successors.update({"a": ["b"], "b": ["a"], "c": ["a"]})
    nodes = ["c", *chain, "a", "b"]
    found = check_floors.strongly_connected_components(nodes, successors)
    loops = [sorted(map(str, c)) for c in found if len(c) > 1]
    assert loops == [["a", "b"], sorted(map(str, chain))]
    assert found == check_floors.strongly_connected_components(nodes, successors)


def test_the_frames_umbrella_header_is_the_roof_that_no_floor_may_use(tower, floors):
    tower.tangled("include/everything.h", None, '#include "tower/top.h"\n', chapter="tower.nw")
    status, out, _ = floors(tower)
    assert status == 0, out
    assert "roof  The roof: everything.h" in out
    tower.tangled("src/base.c", 1, """\
        #include "everything.h"
        int base_value(void) { return 1; }
        """)
    status, out, _ = floors(tower)
    assert status == 1
    assert "upward reference: base.c (tier 1) uses everything.h (tier 4): #include" in out


def test_text_of_a_higher_chapter_in_a_lower_file_fails_naming_chapter_and_lines(tower, floors):
    # A higher chapter added a piece to a chunk of base.c: its #line names the chapter.
    tower.tangled("src/base.c", 1, """\
        #include "base_private.h"
        int base_value(void) { return 1; }
        #line 40 "chapters/tier3-top.nw"
        int base_extra(void) { return 3; }
        #line 7 "chapters/tier1-base.nw"
        int base_more(void) { return 4; }
        #line 52 "chapters/tier3-top.nw"
        int base_last(void) { return 5; }
        """)
    status, out, _ = floors(tower)
    assert status == 1
    assert ("upward chunk: base.c (tier 1) has text of chapters/tier3-top.nw (tier 3): "
            "#line 40 (line 4), #line 52 (line 8)") in out
    assert "    takes text from 3" in out.splitlines()
    assert "upward reference:" not in out
    assert out.splitlines()[-1] == \
        "floors: 0 upward references, 2 upward chunks, 0 cycles (0 passed, 1 failed)"


def test_text_of_lower_chapters_in_a_higher_file_and_the_roofs_text_pass(tower, floors, tmp_path):
    tower.tangled("src/top_level.c", 3, """\
        #include "tower/top.h"
        int top_value(void) { return mid_value() + base_value(); }
        #line 12 "chapters/tier1-base.nw"
        int top_from_base(void) { return 1; }
        #line 30 "chapters/tier2-mid.nw"
        int top_from_mid(void) { return 2; }
        """)
    tower.tangled("include/everything.h", None, """\
        #include "tower/top.h"
        #line 9 "chapters/tier3-top.nw"
        int everything(void);
        """, chapter="tower.nw")
    figure = tmp_path / "floors.tex"
    status, out, _ = floors(tower, "--tex", figure)
    assert status == 0, out
    assert "upward chunk:" not in out and "takes text" not in out
    assert out.splitlines()[-1] == \
        "floors: 0 upward references, 0 upward chunks, 0 cycles (1 passed, 0 failed)"
    assert "takes text" not in figure.read_text()


def test_a_header_whose_inline_code_uses_the_file_that_includes_it_is_a_cycle(tower, floors):
    tower.tangled("src/base_private.h", 1, """\
        #include "tower/base.h"
        extern int base_count;
        static inline int base_next(void) { return ++base_count; }
        """)
    tower.tangled("src/base.c", 1, """\
        #include "base_private.h"
        int base_count;
        int base_value(void) { return base_next(); }
        """)
    status, out, _ = floors(tower)
    assert status == 1
    assert "cycle 1: base.c (tier 1) base_private.h (tier 1)" in out
    assert "cycle 1 edge: base_private.h (tier 1) uses base.c (tier 1): base_count" in out
    assert "cycle 1 edge: base.c (tier 1) uses base_private.h (tier 1): #include" in out


def test_declarations_apart_from_the_inline_fast_path_are_no_cycle(tower, floors):
    tower.tangled("src/base_state.h", 1, "extern int base_count;\nint base_value(void);\n")
    tower.tangled("src/base_private.h", 1, """\
        #include "base_state.h"
        static inline int base_next(void) { return ++base_count; }
        """)
    tower.tangled("src/base.c", 1, """\
        #include "base_state.h"
        int base_count;
        int base_value(void) { return base_count; }
        """)
    tower.tangled("src/mid.c", 2, """\
        #include "tower/mid.h"
        #include "base_private.h"
        int mid_value(void) { return base_next() + base_value(); }
        """)
    status, out, _ = floors(tower)
    assert status == 0, out
    assert out.splitlines()[-1] == "floors: 0 upward references, 0 upward chunks, 0 cycles (1 passed, 0 failed)"


def test_what_an_included_header_uses_is_not_the_includers(tower):
    tower.tangled("src/base_state.h", 1, "extern int base_count;\n")
    tower.tangled("src/base_private.h", 1, """\
        #include "base_state.h"
        static inline int base_next(void) { return ++base_count; }
        """)
    tower.tangled("src/base.c", 1, """\
        #include "base_state.h"
        #include "tower/base.h"
        int base_count;
        int base_value(void) { return base_count; }
        """)
    tower.tangled("src/mid_private.h", 2, '#include "base_private.h"\n#include "tower/mid.h"\n')
    tower.build()
    files = check_floors.find_sources(tower.src, tower.include)
    check_floors.assign_tiers(files, "tower.nw")
    includes = check_floors.include_references(files, tower.include)
    edges = check_floors.header_references(files, tower.objects, tower.include, "nm", "cc", includes)
    named = {(a.path.name, b.path.name): names for (a, b), names in edges.items()}
    assert named == {("base_private.h", "base.c"): {"base_count"}}
