"""bless: goldens come from the oracle only, deterministically, never in CI."""

import re
import shutil
import subprocess

import pytest

from tower_conform import impls


def test_bless_refuses_under_ci(suite, conform, monkeypatch):
    suite.add("t1-hello")
    monkeypatch.setenv("CI", "true")
    status, _, err = conform("bless", *suite.args())
    assert status == 2 and "CI=true" in err
    assert not (suite.golden / "t1-hello.out").exists()


def test_bless_writes_goldens_and_manifest_then_diffs_changes(suite, conform, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    suite.add("t1-hello", "print('hello')\n")
    suite.add("t2-exit", "import sys\nprint('bye')\nsys.exit(3)\n")
    suite.set_golden("t3-orphan", "old\n")
    status, out, _ = conform("bless", *suite.args())
    assert status == 0, out
    assert (suite.golden / "t1-hello.out").read_text() == "hello\n"
    manifest = (suite.golden / "MANIFEST").read_text().splitlines()
    oracle = impls.oracle()
    assert manifest[0] == f"# oracle: {oracle.version} asyncio ({oracle.path})"
    assert re.fullmatch(r"# oracle: CPython \d+\.\d+\.\d+ asyncio \(.+\)", manifest[0])
    assert manifest[1:] == ["t1-hello\t0", "t2-exit\t3", "t3-orphan\t0"]
    assert "orphan golden: t3-orphan.out" in out
    assert conform("run", "--impl", "asyncio", "--tier", "1", "2", *suite.args())[0] == 0

    (suite.suite / "t1" / "t1-hello.py").write_text("print('hello, world')\n")
    status, out, _ = conform("bless", "-k", "hello", *suite.args())
    assert status == 0
    assert "changed t1-hello.out" in out
    assert "-hello\n+hello, world" in out
    assert "1 changed" in out


def test_bless_refuses_a_nondeterministic_scenario(suite, conform, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    suite.add("t1-random", "import random\nprint(random.random())\n")
    suite.add("t1-steady", "print('steady')\n")
    status, out, _ = conform("bless", *suite.args())
    assert status == 1
    assert re.search(r"^REFUSED t1-random: nondeterministic", out, re.M)
    assert not (suite.golden / "t1-random.out").exists()
    assert (suite.golden / "t1-steady.out").exists()


def _can_import(module):
    try:
        impls.find_interpreter(module)
        return True
    except Exception:
        return False


LOOP_PROBE = """\
import asyncio, os, sys
async def main():
    print(type(asyncio.get_running_loop()).__module__.split(".")[0])
print(__name__, os.path.basename(sys.argv[0]), sys.path[0] == os.path.dirname(__file__))
asyncio.run(main())
"""


@pytest.mark.parametrize("loop,module", [("uvloop", "uvloop"), ("gbulb", "gbulb")])
def test_third_party_loops_run_the_unmodified_edition(suite, conform, loop, module):
    if not _can_import(module):
        pytest.skip(f"no interpreter here can import {module}")
    suite.add("t2-which-loop", LOOP_PROBE,
              golden=f"__main__ t2-which-loop.py True\n{module}\n")
    status, out, _ = conform("run", "--impl", loop, *suite.args())
    assert status == 0, out


def test_missing_loop_says_what_to_install(conform, suite):
    suite.add("t1-hello", golden="hello\n")
    python = shutil.which("python3")
    done = subprocess.run([python, "-c", "import uvloop"], capture_output=True)
    if done.returncode == 0:
        pytest.skip("the python3 on PATH can import uvloop")
    status, _, err = conform("run", "--impl", "uvloop", "--python", python, *suite.args())
    assert status == 2 and "python3-uvloop" in err and python in err


def test_report_lists_divergences(suite, conform, monkeypatch, tmp_path):
    suite.add("t2-loop-name", "import asyncio\nasync def main():\n"
              "    print(type(asyncio.get_running_loop()).__module__)\nasyncio.run(main())\n")
    suite.add("t2-plain", "print('plain')\n")
    monkeypatch.delenv("CI", raising=False)
    assert conform("bless", *suite.args())[0] == 0
    (suite.suite / "expectations").mkdir()
    for name in ("uvloop", "gbulb"):
        (suite.suite / "expectations" / f"{name}.toml").write_text(
            f'[t2-loop-name]\nreason = "{name} has its own loop class"\n'
            f'link = "https://example.org/{name}"\n')
    out_file = tmp_path / "report.md"
    status, out, _ = conform("report", "--out", out_file, "--cpythons", "none", *suite.args())
    text = out_file.read_text()
    assert status == 0, out + text
    assert "| tier | scenarios | asyncio | uvloop | gbulb |" in text
    assert "| t2 | 2 | 2/2 |" in text
    if _can_import("uvloop"):
        assert "uvloop has its own loop class ([upstream](https://example.org/uvloop))" in text
