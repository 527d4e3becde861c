"""tools/index-filter, run through tools/weave: which names the book links and indexes."""

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not shutil.which("noweave"), reason="needs noweb")

BOOK = textwrap.dedent("""\
    \\section{The runtime}
    <<[[src/runtime.c]]>>=
    #include "runtime.h"
    <<helpers>>
    int tw_count(int seconds)
    {
        int end = seconds;   /* the end of tw_count's wait, not tw_wait */
        return rounded(end) + (int)sizeof("tw_wait again");
    }
    int tw_wait(void) { return tw_count(1); }
    @
    <<helpers>>=
    static int rounded(int x) { return x; }
    static int twice(int x) { return x * 2; }
    static int four(void) { return twice(2); }
    @ %def rounded twice four
    A quoted [[tw_wait]] and a quoted [[main_body]].
    \\section{An edition}
    <<[[scenarios/t1-example.c]]>>=
    static int end;
    static int main_body(int seconds) { return tw_count(seconds) + end; }
    <<the edition's own wait>>
    int main(void) { return main_body(2) + tw_wait(); }
    @
    <<the edition's own wait>>=
    static int tw_wait(void) { return 0; }
    @
    """)


@pytest.fixture(scope="module")
def woven(tmp_path_factory):
    book = tmp_path_factory.mktemp("book") / "book.nw"
    book.write_text(BOOK)
    return subprocess.run([str(TOOLS / "weave"), str(book)], check=True,
                          capture_output=True, text=True).stdout


def lines_of(woven, text):
    return [l for l in woven.splitlines() if text in l]


def plain(name):
    return name.replace("{\\_}", "_")


def linked(line):
    return [plain(n) for n in re.findall(r"\\nwlinkedident[cq]\{((?:\w|\{\\_\})+)\}", line)]


def index_entries(woven, kind):
    """(name, chunk label) of each \\nwindexdefn or \\nwindexuse."""
    return [(key.replace(":un", "_"), label) for key, label in
            re.findall(r"\\nwindex%s\{\\nwixident\{.*?\}\}\{([\w:]+)\}\{([^}]*)\}" % kind, woven)]


def defined(woven):
    return {name for name, _ in index_entries(woven, "defn")}


def test_the_runtime_names_are_indexed_and_the_programs_are_not(woven):
    names = defined(woven)
    assert {"tw_count", "tw_wait", "rounded", "twice", "four"} <= names
    assert not names & {"main", "main_body", "end"}


def test_words_in_strings_and_comments_are_not_links(woven):
    [line] = lines_of(woven, "the end of")
    assert linked(line) == []
    [line] = lines_of(woven, "again")
    assert linked(line) == ["rounded"]


def test_a_local_variable_does_not_link_to_an_edition(woven):
    [line] = lines_of(woven, "int end = seconds")
    assert linked(line) == []


def test_an_edition_links_the_runtime_but_not_its_own_names(woven):
    [line] = lines_of(woven, "static int main_body")
    assert linked(line) == ["tw_count"]
    [line] = lines_of(woven, "int main(void)")
    assert linked(line) == []   # main_body is local; its own tw_wait shadows the runtime's


def test_quoted_code_links_only_runtime_names(woven):
    [line] = lines_of(woven, "A quoted")
    assert linked(line) == ["tw_wait"]


def test_a_name_used_only_in_its_own_chunk_is_used_there(woven):
    uses = index_entries(woven, "use")
    defs = dict(index_entries(woven, "defn"))
    assert ("twice", defs["twice"]) in uses
    # four is never used: no use is made up for it
    assert not [u for u in uses if u[0] == "four"]


def test_a_name_named_again_in_a_def_line_is_defined_once(woven):
    # autodefs finds rounded, twice and four, and the "@ %def" line names them again
    for name in ("rounded", "twice", "four"):
        assert [n for n, _ in index_entries(woven, "defn")].count(name) == 1, name
