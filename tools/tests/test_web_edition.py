"""tools/web-edition: a tiny book through tools/weave --stream, read as a reader clicks."""

import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1]
ROOT = TOOLS.parent

pytestmark = pytest.mark.skipif(not shutil.which("noweave"), reason="needs noweb")

BOOK = textwrap.dedent(r"""
    \begin{document}
    \part{The tower}
    \label{part:tower}
    \chapter{Tier 1: Coroutines}
    \label{tier1}
    \section{Rules}
    \begin{description}
    \item[R1.2]\phantomsection\label{rule:R1.2} \texttt{await} runs it
      (scenario \scenario{t1-seed-basic-coroutine}).
    \item[R1.8]\phantomsection\label{rule:R1.8} \texttt{asyncio.run} runs one.
    \end{description}
    \section{Implementation}
    The runtime's [[tw_run]] is in part~\ref{part:tower}, a \emph{quoted} name.
    <<[[src/run.c]]>>=
    int tw_run(void) { return 0; /* tw_run here is a comment */ }
    @
    \part{Scenarios and tests}
    \chapter{Scenarios and tests of tier 1}
    \subsection{\texttt{t1-seed-basic-coroutine}}
    \pyedition{t1-seed-basic-coroutine}
    <<[[scenarios/t1-seed-basic-coroutine.c]]>>=
    int main(void) { return tw_run(); }
    @
    \golden{t1-seed-basic-coroutine}
    \chapter{Index of identifiers}
    \nowebindex
    \end{document}
    """)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("web")
    (tmp / "book.nw").write_text(BOOK)
    stream = subprocess.run([str(TOOLS / "weave"), "--stream", str(tmp / "book.nw")],
                            check=True, capture_output=True, text=True).stdout
    (tmp / "book.stream").write_text(stream)
    out = tmp / "html"
    subprocess.run([str(TOOLS / "web-edition"), str(tmp / "book.stream"), str(out)],
                   check=True, cwd=ROOT)
    return {p.name: p.read_text() for p in out.glob("*.html")}


def page(site, words):
    [name] = [n for n in site if words in n]
    return name, site[name]


def target(site, here, href):
    file, _, anchor = href.partition("#")
    text = site[file or here]
    assert f'id="{anchor}"' in text, href
    return file or here


def test_a_rule_links_to_its_scenario_and_back(site):
    rules_name, rules = page(site, "tier-1-coroutines")
    [href] = re.findall(r'<a class="ref" href="([^"]+)"><code>t1-seed-basic-coroutine', rules)
    scenario_page = target(site, rules_name, href)
    assert "scenarios-and-tests-of-tier-1" in scenario_page
    [back] = re.findall(r'Pins rules? <a class="ref" href="([^"]+)">R1.2</a>', site[scenario_page])
    assert target(site, scenario_page, back) == rules_name


def test_the_edition_sits_beside_its_transcript(site):
    _, text = page(site, "scenarios-and-tests-of-tier-1")
    python, chunk, transcript = (text.index('class="py"'), text.index('class="chunk"'),
                                 text.index('data-golden="t1-seed-basic-coroutine"'))
    assert python < chunk < transcript
    assert "Coroutine started" in text[transcript:]


def test_identifiers_link_to_the_index_and_comments_do_not(site):
    index_name, index = page(site, "index-of-identifiers")
    assert 'id="i-tw_run"' in index
    name, text = page(site, "tier-1-coroutines")
    runtime = re.search(r'<pre class="c">(.*?)</pre>(.*?)</div>', text, re.S)
    assert "tw_run here is a comment" in re.sub(r"<[^>]+>", "", runtime.group(1))
    assert 'class="id"' not in runtime.group(1)          # the definition and the comment
    assert re.search(rf'Defines <a class="id" href="{index_name}#i-tw_run"', runtime.group(2))
    _, scenarios = page(site, "scenarios-and-tests-of-tier-1")
    edition = re.search(r'<pre class="c">(.*?)</pre>', scenarios, re.S).group(1)
    assert re.findall(r'<a class="id" href="([^"]*)">tw_run</a>', edition) == [f"{index_name}#i-tw_run"]


def test_no_latex_shows_through_and_references_resolve(site):
    for name, text in site.items():
        outside_code = re.sub(r"<pre.*?</pre>", "", text, flags=re.S)
        assert not re.search(r"\\[a-zA-Z]+", outside_code), name
        assert "data-label" not in text and 'class="missing"' not in text, name
    _, text = page(site, "tier-1-coroutines")
    assert "<em>quoted</em>" in text and ">I</a>" in text   # part~\ref{part:tower}
