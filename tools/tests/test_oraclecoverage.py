"""tools/coverage-oracle: coverage of CPython's asyncio by the suite's Python editions."""

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TOOLS))

from sharpness import oraclecoverage  # noqa: E402

MODULE = textwrap.dedent('''\
    """A module."""
    def used():
        return 1
    def unused():
        """Documented."""
        x = 1
        return x
    def _private():
        return 2
    class Interface:
        def stub(self):
            """Overridden."""
            raise NotImplementedError
        def concrete(self):
            return 3
    class _Hidden:
        def method(self):
            return 4
    ''')


def test_unreached_lists_public_functions_whose_body_never_ran():
    # Lines 2, 4, 10, 14 (the defs) run at import; of the bodies only used()'s did.
    executed = [1, 2, 3, 4, 8, 10, 11, 14, 16, 17]
    assert oraclecoverage.unreached(MODULE, executed) == ["unused", "Interface.concrete"]
    assert oraclecoverage.unreached(MODULE, executed + [6, 15]) == []


def test_replace_section_replaces_or_appends():
    section = "## Coverage of the oracle\n\nnew\n"
    doc = "# Report\n\ntext\n"
    once = oraclecoverage.replace_section(doc, section)
    assert once == "# Report\n\ntext\n\n## Coverage of the oracle\n\nnew\n"
    old = "# Report\n\n## Coverage of the oracle\n\nold\n\n## ref\n\n- x\n"
    assert oraclecoverage.replace_section(old, section) == (
        "# Report\n\n## Coverage of the oracle\n\nnew\n\n## ref\n\n- x\n")
    assert oraclecoverage.replace_section(once, section) == once


def test_markdown_totals_the_modules():
    rows = [("futures", 100, 80, 10, 5, []), ("tasks", 100, 40, 10, 0, ["Task.get_stack"])]
    text = oraclecoverage.markdown(rows, "CPython 3.11.2", 3)
    assert "| `futures` | 100 | 80% | 50% | 0 |" in text
    assert "| **all** | 200 | 60% | 25% | 1 |" in text
    assert "- `tasks`: `Task.get_stack`" in text


def test_rcfile_leaves_out_what_only_the_proactor_calls():
    """protocols._feed_data_to_buffered_proto is the proactor's (Windows)
    helper: its def is excluded as a whole, next to coverage.py's default
    exclusion, which exclude_lines would otherwise drop."""
    rc = oraclecoverage.rcfile("/lib/asyncio", "/tmp/data")
    report = rc.split("[report]\n", 1)[1]
    assert "    def _feed_data_to_buffered_proto\\(\n" in report
    assert "    (pragma|PRAGMA)" in report   # not "#...": the rc file would drop a comment
    assert "/lib/asyncio/proactor_events.py" in rc.split("[report]")[0]
    text = oraclecoverage.markdown([("protocols", 25, 25, 0, 0, [])], "CPython 3.11.2", 1)
    assert "what only they call: `_feed_data_to_buffered_proto`" in text


def _has_coverage(python="/usr/bin/python3"):
    try:
        return subprocess.run([python, "-c", "import coverage"], capture_output=True).returncode == 0
    except OSError:
        return False


@pytest.mark.skipif(not _has_coverage(), reason="needs python3-coverage (make deps-coverage)")
def test_a_scenario_runs_the_pure_python_future(tmp_path):
    """With _asyncio blocked, the Python Future's methods run and are counted:
    under the C accelerator, futures.py's Future.result would never run."""
    done = subprocess.run([sys.executable, str(TOOLS / "coverage-oracle"), "--build", str(tmp_path),
                           "-k", "t3-pending-result-raises"], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 passed, 0 failed" in done.stdout
    report = json.loads((tmp_path / "oracle" / "coverage.json").read_text())
    futures = next(data for path, data in report["files"].items() if path.endswith("asyncio/futures.py"))
    source = Path(next(p for p in report["files"] if p.endswith("asyncio/futures.py"))).read_text()
    lines = source.splitlines()
    result = next(i for i, line in enumerate(lines, 1) if line.strip().startswith("def result(self)"))
    assert set(range(result + 1, result + 12)) & set(futures["executed_lines"])
    assert "| `futures` |" in (tmp_path / "oracle" / "coverage.md").read_text()
