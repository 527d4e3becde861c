"""tools/chunk-shape, run through tools/weave: the shape of each code chunk the PDF is told."""

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not shutil.which("noweave"), reason="needs noweb")

# Eight lines: the longest (the return) may wrap, one in eight; the second
# longest (the string's) is the longest of the rest; the longest word is
# the chunk's own name, which does not break.
EDITION = textwrap.dedent("""\
    <<[[scenarios/t1-shape.c]]>>=
    int main(void)
    {
        const char *s = "a-string-without-a-space";
        int a_rather_longer_name_here = 1;
        return printf("%s %d and then a good deal more text\\n", s, a);
    }
    /* end */
    <<a short chunk>>
    @
    <<a short chunk>>=
    int x;
    @
    """)


def weave(tmp_path, *args, text=EDITION):
    book = tmp_path / "book.nw"
    book.write_text(text)
    return subprocess.run([str(TOOLS / "weave"), *args, str(book)], check=True,
                          capture_output=True, text=True).stdout


def test_each_chunk_is_preceded_by_its_shape(tmp_path):
    woven = weave(tmp_path)
    shapes = re.findall(r"\\nwcodeshape\{(\d+)\}\{(\d+)\}\{(\d+)\}\\nwbegincode", woven)
    assert len(shapes) == woven.count("\\nwbegincode") == 2
    lines, most, word = map(int, shapes[0])
    assert lines == 8
    assert most == len('    const char *s = "a-string-without-a-space";')
    assert word == len("<<[[scenarios/t1-shape.c]]>>=") + 16
    assert tuple(map(int, shapes[1]))[:2] == (1, len("int x;"))


def test_a_chunk_name_counts_as_a_word(tmp_path):
    woven = weave(tmp_path)
    second = re.findall(r"\\nwcodeshape\{\d+\}\{\d+\}\{(\d+)\}", woven)[1]
    assert int(second) == len("<<a short chunk>>=") + 16


def test_a_use_of_a_chunk_counts_as_a_word(tmp_path):
    text = EDITION.replace("<<a short chunk>>", "<<a chunk whose name is longer than the edition's>>")
    first = re.findall(r"\\nwcodeshape\{\d+\}\{\d+\}\{(\d+)\}", weave(tmp_path, text=text))[0]
    assert int(first) == len("<<a chunk whose name is longer than the edition's>>") + 8


def test_the_web_edition_stream_is_unmeasured(tmp_path):
    assert "nwcodeshape" not in weave(tmp_path, "--stream")
