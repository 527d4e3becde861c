"""tools/web-edition: a tiny book through tools/weave --stream, read as a reader clicks."""

import importlib.machinery
import importlib.util
import re
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1]
ROOT = TOOLS.parent

pytest.importorskip("pygments", reason="the web edition highlights code with Pygments")
pytestmark = pytest.mark.skipif(not shutil.which("noweave"), reason="needs noweb")

_loader = importlib.machinery.SourceFileLoader("web_edition", str(TOOLS / "web-edition"))
web_edition = importlib.util.module_from_spec(importlib.util.spec_from_loader("web_edition", _loader))
_loader.exec_module(web_edition)

DRAWING = '<ol class="tower"><li class="floor"><strong>Tier 1: Coroutines</strong></li></ol>\n'

BOOK = textwrap.dedent(r"""
    \begin{document}
    \part{The tower}
    \label{part:tower}
    \chapter{Tier 1: Coroutines}
    \label{tier1}
    \begin{figure}[ht]
    \input{floors.tex}
    \caption{The tower.}
    \label{fig:tower}
    \end{figure}
    As figure~\ref{fig:tower} shows.
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
    (tmp / "floors.html").write_text(DRAWING)
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


def test_the_figure_is_the_drawing_the_build_made_for_both_editions(site):
    _, text = page(site, "tier-1-coroutines")
    figure = re.search(r"<figure.*?</figure>", text, re.S).group(0)
    assert DRAWING.strip() in figure and '<figcaption id="figure-1-1">The tower.</figcaption>' in figure
    assert 'figure&nbsp;<a class="ref" href="#figure-1-1">1.1</a> shows' in text
    assert "PDF edition" not in figure


def test_a_figure_without_its_drawing_stops_the_build_naming_it(tmp_path):
    stream = subprocess.run([str(TOOLS / "weave"), "--stream", "-"], input=BOOK, check=True,
                            capture_output=True, text=True).stdout
    (tmp_path / "book.stream").write_text(stream)
    done = subprocess.run([str(TOOLS / "web-edition"), str(tmp_path / "book.stream"),
                           str(tmp_path / "html")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode != 0
    assert "floors.tex" in done.stderr and str(tmp_path / "floors.html") in done.stderr


def test_code_is_highlighted_and_keeps_its_links(site):
    index_name, _ = page(site, "index-of-identifiers")
    _, text = page(site, "tier-1-coroutines")
    runtime = re.search(r'<pre class="c">(.*?)</pre>', text, re.S).group(1)
    assert '<span class="k">int</span>' in runtime and '<span class="k">return</span>' in runtime
    assert re.search(r'<span class="cm">/\* tw_run here is a comment \*/</span>', runtime)
    _, scenarios = page(site, "scenarios-and-tests-of-tier-1")
    edition = re.search(r'<pre class="c">(.*?)</pre>', scenarios, re.S).group(1)
    assert re.search(rf'<a class="id" href="{index_name}#i-tw_run">tw_run</a>', edition)
    python = re.search(r'<pre class="py">(.*?)</pre>', scenarios, re.S).group(1)
    assert '<span class="k">import</span>' in python and '<span class="nf">greet</span>' in python
    # each line keeps its number and its colours close on it
    for line in python.split("\n"):
        assert line.startswith('<span class="ln">')
        assert line.count("<span") == line.count("</span>")


def test_a_rule_anchor_stands_at_the_rule_not_the_top_of_the_page(site):
    _, text = page(site, "tier-1-coroutines")
    assert re.search(r'<dt>R1.2</dt><dd><span id="rule-R1-2"></span>', text)
    assert text.index('id="rule-R1-2"') > text.index("<h1")


def test_the_check_follows_each_rule_to_its_scenario_and_back(site):
    [(rules_name, rules)] = [(n, t) for n, t in site.items() if "tier-1-coroutines" in n]
    # R1.8 of the tiny book cites no scenario, though the scenario pins it:
    # the check names both ends
    ok, wrong = web_edition.check_rules_and_scenarios(site)[1:]
    assert not ok and wrong == ["rule-R1-8 cites no scenario",
                                "t1-seed-basic-coroutine pins rule-R1-8, which does not cite it"]
    cite = re.search(r'<a class="ref" href="[^"]+"><code>t1-seed-basic-coroutine</code></a>', rules)
    cited = rules.replace('<span id="rule-R1-8"></span>', '<span id="rule-R1-8"></span>' + cite.group(0))
    assert web_edition.check_rules_and_scenarios({**site, rules_name: cited})[1]
    scenario_name, scenario = page(site, "scenarios-and-tests-of-tier-1")
    no_way_back = scenario.replace("#rule-R1-2", "#top")
    ok, wrong = web_edition.check_rules_and_scenarios(
        {**site, rules_name: cited, scenario_name: no_way_back})[1:]
    assert not ok and "rule-R1-2: t1-seed-basic-coroutine does not link back" in wrong
    no_transcript = scenario.replace('data-golden="t1-seed-basic-coroutine"', "")
    ok, wrong = web_edition.check_rules_and_scenarios(
        {**site, rules_name: cited, scenario_name: no_transcript})[1:]
    assert not ok and any("lacks its Python edition, C edition or transcript" in w for w in wrong)


def test_a_scenario_without_a_c_edition_needs_none_only_when_it_has_none(site):
    [(rules_name, rules)] = [(n, t) for n, t in site.items() if "tier-1-coroutines" in n]
    cite = re.search(r'<a class="ref" href="[^"]+"><code>t1-seed-basic-coroutine</code></a>', rules)
    cited = rules.replace('<span id="rule-R1-8"></span>', '<span id="rule-R1-8"></span>' + cite.group(0))
    scenario_name, scenario = page(site, "scenarios-and-tests-of-tier-1")
    no_chunk = scenario.replace('<div class="chunk"', '<div class="gone"')
    pages = {**site, rules_name: cited, scenario_name: no_chunk}
    ok, wrong = web_edition.check_rules_and_scenarios(pages, c_editions=set())[1:]
    assert ok, wrong
    ok, wrong = web_edition.check_rules_and_scenarios(pages, c_editions={"t1-seed-basic-coroutine"})[1:]
    assert not ok and any("lacks its Python edition, C edition or transcript" in w for w in wrong)


def test_a_roots_file_name_is_code_not_brackets(site):
    _, text = page(site, "tier-1-coroutines")
    assert "⟨<code>src/run.c</code>&nbsp;" in text and "[[" not in text
