"""What the runner tells a runtime's author: evidence, root causes, counts."""

import os
import re
import sys
import time
import xml.etree.ElementTree as ET

PY = sys.executable


def _fails_with(exception_line, code=1):
    return f"import sys\nprint('hello')\nsys.stderr.write('noise\\n{exception_line}\\n')\nsys.exit({code})\n"


# --- 12. stderr on FAIL ----------------------------------------------------------

def test_a_different_exit_status_shows_the_end_of_stderr(suite, conform):
    suite.add("t1-exits", _fails_with("ValueError: boom", 3), golden="hello\n")
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 1
    assert "last stderr:" in out and "ValueError: boom" in out
    status, out, _ = conform("run", "-v", "--cmd", f"{PY} {{py}}", *suite.args())
    assert out.count("ValueError: boom") == 1, out


# --- 13. root causes ---------------------------------------------------------------

RAISES = ("print('hello')\n"
          "raise AttributeError(\"'Loop' object has no attribute 'shutdown'\")\n")


def test_failures_are_grouped_by_root_cause(suite, conform):
    for i in range(3):
        suite.add(f"t2-attr-{i}", RAISES, golden="hello\n")
    suite.add("t2-segv", "import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n",
              golden="hello\n")
    suite.add("t2-differs", "print('hallo')\n", golden="hello\n")
    suite.add("t2-fine", golden="hello\n")
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 1
    table = out[out.index("root causes"):]
    assert table.splitlines()[0] == "root causes: 5 failures, 3 causes"
    rows = table.splitlines()[1:4]
    assert re.match(r"\s+3  AttributeError: 'Loop' object has no attribute 'shutdown'"
                    r"  \(t2-attr-0, t2-attr-1, t2-attr-2\)$", rows[0]), rows
    assert any("killed by SIGSEGV" in r and "t2-segv" in r for r in rows[1:])
    assert any("first difference: -hello +hallo" in r for r in rows[1:]), rows


def test_no_root_cause_table_without_failures(suite, conform):
    suite.add("t2-fine", golden="hello\n")
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 0 and "root causes" not in out


# --- 16. jobs and time limits ---------------------------------------------------------

def test_default_jobs_follow_the_cores(suite, conform):
    suite.add("t1-hello", golden="hello\n")
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert f", -j {len(os.sched_getaffinity(0))}" in out.splitlines()[0]


def test_timeout_overrides_every_limit(suite, conform):
    suite.add("t1-slow", "import time\ntime.sleep(30)\n", golden="hello\n", timeout=60)
    start = time.monotonic()
    status, out, _ = conform("run", "--timeout", "1", "--cmd", f"{PY} {{py}}", *suite.args())
    assert time.monotonic() - start < 10
    assert re.search(r"^TIMEOUT +t1-slow .*time limit \(1s\)", out, re.M), out
    status, _, err = conform("run", "--timeout", "nan", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 2 and "--timeout" in err


# --- 11. naming a runtime ----------------------------------------------------------

def test_name_labels_the_run_and_picks_its_expectations(suite, conform, tmp_path):
    suite.add("t1-hello", golden="hello\n")
    suite.add("t1-wrong", golden="right\n")
    (suite.suite / "expectations").mkdir()
    (suite.suite / "expectations" / "myrt.toml").write_text('[t1-wrong]\nreason = "known"\n')
    junit = tmp_path / "out.xml"
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", "--name", "myrt",
                             "--version-cmd", "echo myrt 1.2.3", "--junit", junit,
                             *suite.args())
    assert status == 0, out
    assert out.splitlines()[0].startswith("2 scenarios on myrt 1.2.3 (--cmd ")
    assert re.search(r"^XFAIL +t1-wrong .*known", out, re.M)
    root = ET.parse(junit).getroot()
    assert root.get("name") == "tower-conformance.myrt"
    assert root.find(".//property[@name='version']").get("value") == "myrt 1.2.3"
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", "--version-cmd", "false",
                             *suite.args())
    assert status == 2 and "--version-cmd" in err


# --- 14. requirements and profiles -------------------------------------------------

def test_a_missing_declared_requirement_is_unsupported(suite, conform):
    suite.add("t4-group", "import asyncio\nprint('hello')\nasyncio.NoSuchGroup\n",
              golden="hello\n", extra='requires = ["asyncio.NoSuchGroup"]\n')
    suite.add("t4-syntax", "print('hello')\nmatch = (\n", golden="hello\n",
              extra='requires = ["python>=3.99"]\n')
    suite.add("t4-other", "import asyncio\nprint('hello')\nasyncio.Elsewhere\n",
              golden="hello\n", extra='requires = ["asyncio.NoSuchGroup"]\n')
    suite.add("t4-builtin", "print('hello')\nno_such_builtin\n", golden="hello\n",
              extra='requires = ["builtins.no_such_builtin"]\n')
    suite.add("t4-typo", "print('hello')\nno_such_typo\n", golden="hello\n",
              extra='requires = ["builtins.no_such_builtin"]\n')
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 1
    assert re.search(r"^UNSUPPORTED +t4-group .*requires asyncio.NoSuchGroup.*AttributeError", out, re.M)
    assert re.search(r"^UNSUPPORTED +t4-syntax .*requires python>=3.99.*SyntaxError", out, re.M)
    assert re.search(r"^UNSUPPORTED +t4-builtin .*requires builtins.no_such_builtin.*NameError",
                     out, re.M)
    assert re.search(r"^FAIL +t4-other", out, re.M)
    assert re.search(r"^FAIL +t4-typo", out, re.M)
    assert re.search(r"^profile +pass +fail +unsupported\n *spec +0 +2 +3$", out, re.M), out


def test_a_malformed_requirement_is_a_suite_error(suite, conform):
    suite.add("t4-bad", golden="hello\n", extra='requires = ["python 3"]\n')
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 2 and "field 'requires[0]'" in err


# --- 15. drafting expectations ------------------------------------------------------

def test_write_expectations_drafts_a_file_that_pins_each_failure(suite, conform, tmp_path):
    suite.add("t1-fine", golden="hello\n")
    folder = suite.add("t1-wrong", "print('hallo')\n", golden="hello\n")
    suite.add("t1-raises", RAISES, golden="hello\n")
    drafted = tmp_path / "myrt.toml"
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", "--write-expectations", drafted,
                             *suite.args())
    assert status == 1
    text = drafted.read_text()
    assert "[t1-wrong]" in text and "[t1-raises]" in text and "[t1-fine]" not in text
    assert re.search(r'^digest = "sha256:[0-9a-f]{16}"$', text, re.M)
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", "--expectations", drafted,
                             *suite.args())
    assert status == 0, out
    (folder / "t1-wrong.py").write_text("print('hullo')\n")
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", "--expectations", drafted,
                             *suite.args())
    assert status == 1
    assert re.search(r"^FAIL +t1-wrong .*fails differently than expected", out, re.M), out
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", "--write-expectations",
                             tmp_path / "no" / "x.toml", *suite.args())
    assert status == 2 and "--write-expectations" in err


# --- 17. the CPython version matrix ---------------------------------------------------

def test_report_has_a_column_per_other_cpython(suite, conform, tmp_path):
    from tower_conform import impls
    oracle_version = impls.oracle().version.split()[-1]
    site = tmp_path / "fake-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import platform\nplatform.python_version = lambda: '3.99.0'\n")
    fake = suite.script("python3.99", f'#!/bin/sh\nPYTHONPATH={site} exec {impls.oracle().path} "$@"\n')
    suite.add("t1-version", "import platform\nprint(platform.python_version())\n",
              golden=f"{oracle_version}\n")
    suite.add("t1-same", golden="hello\n")
    (suite.suite / "expectations").mkdir()
    (suite.suite / "expectations" / "cpython-3.99.toml").write_text(
        '[t1-version]\nreason = "3.99 says so"\n')
    out_file = tmp_path / "report.md"
    status, out, _ = conform("report", "--out", out_file, "--cpythons", f"{fake},{fake}",
                             *suite.args())
    text = out_file.read_text()
    assert status == 0, out + text
    assert re.search(r"^\| tier \| scenarios \| asyncio \|.* cpython-3\.99 \|$", text, re.M), text
    assert "| t1 | 2 | 2/2 |" in text and "1/2 +1 xfail |" in text
    assert "## cpython-3.99" in text and "3.99 says so" in text


def test_run_of_a_matrix_column_pins_the_digest_the_report_sees(suite, conform, tmp_path):
    """run --impl cpython-X.Y names the column as the report does: the diff's
    header, and with it the digest --write-expectations pins, is the report's."""
    from tower_conform import impls
    site = tmp_path / "fake-site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(
        "import platform\nplatform.python_version = lambda: '3.99.0'\n")
    fake = suite.script("python3.99", f'#!/bin/sh\nPYTHONPATH={site} exec {impls.oracle().path} "$@"\n')
    oracle_version = impls.oracle().version.split()[-1]
    suite.add("t1-version", "import platform\nprint(platform.python_version())\n",
              golden=f"{oracle_version}\n")
    (suite.suite / "expectations").mkdir()
    drafted = suite.suite / "expectations" / "cpython-3.99.toml"
    status, out, _ = conform("run", "--impl", "cpython-3.99", "--python", fake, "-v",
                             "--write-expectations", drafted, *suite.args())
    assert status == 1 and "+++ cpython-3.99 stdout (normalised)" in out, out
    assert "digest = " in drafted.read_text()
    out_file = tmp_path / "report.md"
    status, out, _ = conform("report", "--out", out_file, "--cpythons", str(fake),
                             *suite.args())
    text = out_file.read_text()
    assert status == 0, out + text
    assert "| t1 | 1 | 1/1 |" in text and "0/1 +1 xfail |" in text and "fails differently" not in text, text
    status, _, err = conform("run", "--impl", "cpython-3.98", "--python", fake, *suite.args())
    assert status == 2 and "is not a working CPython 3.98" in err


def test_the_matrix_search_finds_pyenv_versions(tmp_path):
    from tower_conform import impls
    for version in ("3.12.1", "2.7.18"):
        python = tmp_path / "versions" / version / "bin" / "python3"
        python.parent.mkdir(parents=True)
        python.write_text("")
    found = impls.cpython_candidates({"PYENV_ROOT": str(tmp_path), "PATH": ""})
    assert found[:2] == [str(tmp_path / "versions" / v / "bin" / "python3")
                         for v in ("2.7.18", "3.12.1")]


def test_report_has_a_column_for_a_named_command(suite, conform, tmp_path):
    suite.add("t1-hello", golden="hello\n")
    out_file = tmp_path / "report.md"
    status, out, _ = conform("report", "--out", out_file, "--cpythons", "none",
                             "--cmd", f"{PY} {{py}}", "--name", "myrt", *suite.args())
    assert status == 0, out
    text = out_file.read_text()
    assert re.search(r"^\| tier \| scenarios \| asyncio \|.* myrt \|$", text, re.M), text
    assert "- **myrt**: myrt (--cmd" in text
