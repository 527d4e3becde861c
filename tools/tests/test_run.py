"""Verdicts against fake implementations started with --cmd."""

import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

PY = sys.executable


def last_line(out):
    return out.rstrip("\n").splitlines()[-1]


def cmd(script, *words):
    return " ".join([str(script), *words])


def test_pass(suite, conform):
    suite.add("t1-hello", golden="hello\n")
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 0, out
    assert last_line(out) == "1 passed, 0 failed, 0 skipped"
    assert "PASS" not in out.splitlines()[1]       # PASS lines only with -v
    status, out, _ = conform("run", "-v", "--cmd", f"{PY} {{py}}", *suite.args())
    assert re.search(r"^PASS +t1-hello", out, re.M)


def test_fail_shows_a_visible_diff(suite, conform):
    suite.add("t1-hello", golden="hello\nworld\n")
    fake = suite.script("fake.sh", r"""#!/bin/sh
        printf 'hello \t\r\n'
        printf 'w\377rld'
        """)
    status, out, _ = conform("run", "--cmd", cmd(fake), *suite.args())
    assert status == 1
    assert re.search(r"^FAIL +t1-hello", out, re.M)
    assert "-hello\n" in out and "+hello·\\t\\r" in out
    assert "+w\\xffrld⏎(no newline at end)" in out
    assert last_line(out) == "0 passed, 1 failed, 0 skipped"


def test_nonzero_exit_is_a_failure(suite, conform):
    suite.add("t1-hello", golden="hello\n")
    fake = suite.script("fake.sh", "#!/bin/sh\necho hello\nexit 3\n")
    status, out, _ = conform("run", "--cmd", cmd(fake), *suite.args())
    assert status == 1
    assert "exit: expected exit status 0 (golden/MANIFEST), got exit status 3" in out


def test_expected_nonzero_exit_passes(suite, conform):
    suite.add("t1-hello", golden="hello\n", status=3)
    fake = suite.script("fake.sh", "#!/bin/sh\necho hello\nexit 3\n")
    assert conform("run", "--cmd", cmd(fake), *suite.args())[0] == 0


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


def test_hang_is_a_timeout_and_nothing_is_left_running(suite, conform, tmp_path):
    suite.add("t1-hang", golden="hello\n", timeout=1)
    pidfile = tmp_path / "child.pid"
    fake = suite.script("fake.sh", f"""#!/bin/sh
        echo started
        sleep 1000 &
        echo $! > {pidfile}
        sleep 1000
        """)
    start = time.monotonic()
    status, out, _ = conform("run", "--cmd", cmd(fake), *suite.args())
    assert time.monotonic() - start < 10
    assert status == 1
    assert re.search(r"^TIMEOUT +t1-hang", out, re.M)
    assert "started" in out                       # the last output is the evidence
    assert _state(int(pidfile.read_text())) in ("gone", "Z")


def test_children_left_behind_after_exit_are_killed(suite, conform, tmp_path):
    suite.add("t1-leaver", golden="hello\n")
    pidfile = tmp_path / "child.pid"
    fake = suite.script("fake.sh", f"""#!/bin/sh
        sleep 1000 >/dev/null 2>&1 &
        echo $! > {pidfile}
        echo hello
        """)
    assert conform("run", "--cmd", cmd(fake), *suite.args())[0] == 0
    assert _state(int(pidfile.read_text())) in ("gone", "Z")


def test_crash_names_the_signal(suite, conform):
    suite.add("t1-crash", golden="hello\n")
    fake = suite.script("fake.py", f"""#!{PY}
        import os, signal
        print("hello", flush=True)
        os.kill(os.getpid(), signal.SIGSEGV)
        """)
    status, out, _ = conform("run", "--cmd", cmd(fake), *suite.args())
    assert status == 1
    assert re.search(r"^CRASH +t1-crash .*killed by SIGSEGV", out, re.M)


def test_megabytes_of_output_are_truncated(suite, conform):
    suite.add("t1-flood", golden="hello\n", timeout=20)
    fake = suite.script("fake.py", f"""#!{PY}
        import sys
        line = b"x" * 1023 + b"\\n"
        for _ in range(10 * 1024):
            sys.stdout.buffer.write(line)
        """)
    status, out, _ = conform("run", "--cmd", cmd(fake), *suite.args())
    assert status == 1
    assert re.search(r"^FAIL +t1-flood", out, re.M)
    assert "stdout truncated" in out
    assert len(out) < 200_000                      # the diff is capped too


def test_command_that_does_not_exist(suite, conform, tmp_path):
    suite.add("t1-hello", golden="hello\n")
    status, out, _ = conform("run", "--cmd", f"{tmp_path}/no-such-runtime {{id}}", *suite.args())
    assert status == 1
    assert re.search(r"^ERROR +t1-hello .*cannot start .*no-such-runtime.*No such file", out, re.M)


def test_missing_golden(suite, conform):
    suite.add("t1-hello")
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 1
    assert re.search(r"^NOGOLDEN +t1-hello .*bless", out, re.M)
    status, out, _ = conform("check", *suite.args())
    assert status == 1 and "missing golden: t1-hello" in out


def test_orphan_golden(suite, conform):
    suite.add("t1-hello", golden="hello\n")
    suite.set_golden("t1-gone", "bye\n")
    status, out, _ = conform("check", *suite.args())
    assert status == 1
    assert "orphan golden: t1-gone.out" in out and "orphan golden: MANIFEST entry t1-gone" in out


def test_placeholders(suite, conform):
    suite.add("t3-args", golden="ok\n")
    fake = suite.script("fake.py", f"""#!{PY}
        import os, sys
        id_, tier, py, dir_, root = sys.argv[1:]
        assert id_ == "t3-args" and tier == "3", sys.argv
        assert py == os.path.join(dir_, "t3-args.py") and os.getcwd() == dir_
        assert os.path.isdir(root)
        assert sys.stdin.read() == ""
        print("ok")
        """)
    status, out, _ = conform("run", "--cmd", cmd(fake, "{id} {tier} {py} {dir} {root}"),
                             *suite.args())
    assert status == 0, out


def test_unsupported_when_the_edition_is_missing(suite, conform, tmp_path):
    suite.add("t1-have", golden="hello\n")
    suite.add("t1-lack", golden="hello\n")
    (tmp_path / "t1-have").write_text("")
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", "--editions", f"{tmp_path}/{{id}}",
                             *suite.args())
    assert status == 0
    assert re.search(r"^UNSUPPORTED +t1-lack", out, re.M)
    assert last_line(out) == "1 passed, 0 failed, 1 skipped"


def _expectations(tmp_path, text):
    path = tmp_path / "expect.toml"
    path.write_text(text)
    return path


def test_expected_failure_and_unexpected_pass(suite, conform, tmp_path):
    suite.add("t2-broken", golden="right\n")
    suite.add("t2-fixed", golden="hello\n")
    exp = _expectations(tmp_path, '[t2-broken]\nreason = "prints the wrong thing"\n'
                        'link = "https://example.org/1"\n[t2-fixed]\nreason = "was broken"\n')
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", "--expectations", exp, *suite.args())
    assert status == 1
    assert re.search(r"^XFAIL +t2-broken .*prints the wrong thing", out, re.M)
    assert re.search(r"^XPASS +t2-fixed", out, re.M)
    assert last_line(out) == "1 passed, 1 failed, 0 skipped"
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", "--expectations", exp,
                             "--allow-xpass", *suite.args())
    assert status == 0 and last_line(out) == "2 passed, 0 failed, 0 skipped"


def test_expectation_for_an_unknown_scenario_is_an_error(suite, conform, tmp_path):
    suite.add("t2-fixed", golden="hello\n")
    exp = _expectations(tmp_path, '[t2-renamed]\nreason = "old"\n')
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", "--expectations", exp, *suite.args())
    assert status == 2 and "[t2-renamed]: no scenario has this id" in err


def test_builtin_expectations_file_is_checked(suite, conform):
    suite.add("t2-fixed", golden="hello\n")
    (suite.suite / "expectations").mkdir()
    (suite.suite / "expectations" / "uvloop.toml").write_text('[t2-x]\nreason = "r"\n')
    status, _, err = conform("check", *suite.args())
    assert status == 2 and "uvloop.toml: [t2-x]" in err


def test_junit_and_tap(suite, conform, tmp_path):
    suite.add("t1-good", golden="hello\n")
    suite.add("t2-bad", golden="other\n")
    junit = tmp_path / "out.xml"
    fake = suite.script("fake.sh", "#!/bin/sh\n[ $1 = t1-good ] && echo hello && exit\n"
                        "printf 'hello\\n\\033[31m\\001'\necho oops >&2\n")
    status, out, _ = conform("run", "--cmd", cmd(fake, "{id}"), "--junit", junit, "--tap",
                             *suite.args())
    assert status == 1
    root = ET.parse(junit).getroot()
    assert root.tag == "testsuites" and root.get("tests") == "2" and root.get("failures") == "1"
    cases = {c.get("name"): c for c in root.iter("testcase")}
    assert cases["t2-bad"].find("failure").get("type") == "FAIL"
    assert cases["t1-good"].find("failure") is None
    assert "oops" in cases["t2-bad"].find("system-err").text
    assert "\\x1b[31m" in cases["t2-bad"].find("failure").text
    lines = out.splitlines()
    assert lines[0] == "TAP version 13"
    assert "1..2" in lines
    assert any(re.match(r"not ok \d - t2-bad", line) for line in lines)
    assert any(re.match(r"ok \d - t1-good", line) for line in lines)
    assert lines[-1] == "# 1 passed, 1 failed, 0 skipped"


def test_repeat_reports_a_flaky_scenario(suite, conform, tmp_path):
    suite.add("t1-coin", golden="heads\n")
    counter = tmp_path / "count"
    fake = suite.script("fake.py", f"""#!{PY}
        import fcntl
        with open({str(counter)!r}, "a+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            f.seek(0)
            n = len(f.read())
            f.write("x")
        print("heads" if n % 2 else "tails")
        """)
    status, out, _ = conform("run", "--cmd", cmd(fake), "--repeat", "4", *suite.args())
    assert status == 1
    assert re.search(r"^FLAKY +t1-coin .*4 runs: 2 \w+, 2 \w+", out, re.M)


def test_exit_status_2_on_usage_errors(suite, conform):
    suite.add("t1-hello", golden="hello\n")
    assert conform("run", "--cmd", "x {nope}", *suite.args())[0] == 2
    assert conform("run", "--cmd", "x", "-k", "nothing-matches", *suite.args())[0] == 2
    with pytest.raises(SystemExit) as exc:
        conform("run", *suite.args())             # neither --impl nor --cmd
    assert exc.value.code == 2


def test_parallel_run_takes_about_the_slowest_scenario(suite, conform):
    for i in range(12):
        suite.add(f"t1-nap-{i}", "import time\ntime.sleep(1)\nprint('hello')\n", golden="hello\n")
    start = time.monotonic()
    status, out, _ = conform("run", "-j", "12", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 0, out
    assert time.monotonic() - start < 10           # serial would take 12 s


def test_entry_script(suite):
    import subprocess
    suite.add("t1-hello", golden="hello\n")
    done = subprocess.run([str(Path(__file__).parents[1] / "conform"), "list", *suite.args()],
                          capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=""))
    assert done.returncode == 0 and done.stdout.startswith("t1-hello\t"), done.stderr


def test_ref_editions_are_built_executables(suite, tmp_path):
    from tower_conform import golden, impls, runner
    from tower_conform.layout import Layout
    from tower_conform.scenario import discover
    suite.add("t1-built", golden="virtual\n")
    suite.add("t1-not-built", golden="virtual\n")
    layout = Layout.from_args(suite.suite, suite.golden, root=tmp_path)
    built = layout.ref_editions / "t1-built"
    built.parent.mkdir(parents=True)
    built.write_text('#!/bin/sh\necho "$TOWER_CLOCK"\n')
    built.chmod(0o755)
    assert impls.ref_built(layout)
    results = runner.run(discover(layout), impls.RefImpl(), layout, {})
    assert [(r.id, r.verdict) for r in results] == [("t1-built", "PASS"),
                                                     ("t1-not-built", "UNSUPPORTED")]
    assert golden.read_manifest(layout.golden).statuses == {"t1-built": 0, "t1-not-built": 0}


def test_ref_build_elsewhere_and_wrap(suite, conform, tmp_path):
    """check-asan runs a sanitized tree; check-valgrind wraps every edition."""
    suite.add("t1-wrapped", golden="wrapped: virtual\n")
    edition = tmp_path / "asan" / "scenarios" / "t1-wrapped"
    edition.parent.mkdir(parents=True)
    edition.write_text('#!/bin/sh\necho "$TOWER_CLOCK"\n')
    edition.chmod(0o755)
    wrapper = suite.script("wrapper", '#!/bin/sh\nprintf "wrapped: "\nexec "$@"\n')
    status, out, _ = conform("run", *suite.args(), "--impl", "ref",
                             "--ref-build", tmp_path / "asan", "--wrap", wrapper)
    assert status == 0, out
    assert out.splitlines()[-1] == "1 passed, 0 failed, 0 skipped"


def test_ref_clock_real(suite, conform, tmp_path):
    """--ref-clock real runs the ref editions on the real clock: the same
    golden must come out as on the virtual clock the suite uses."""
    suite.add("t1-clock", golden="real\n")
    edition = tmp_path / "build" / "scenarios" / "t1-clock"
    edition.parent.mkdir(parents=True)
    edition.write_text('#!/bin/sh\necho "$TOWER_CLOCK"\n')
    edition.chmod(0o755)
    status, out, _ = conform("run", *suite.args(), "--impl", "ref",
                             "--ref-build", tmp_path / "build", "--ref-clock", "real")
    assert status == 0, out
    assert "TOWER_CLOCK=real" in out.splitlines()[0]
    status, _, err = conform("run", *suite.args(), "--impl", "asyncio", "--ref-clock", "real")
    assert status == 2 and "--ref-clock goes with --impl ref" in err


def test_ref_build_needs_ref(suite, conform):
    suite.add("t1-x", golden="hello\n")
    status, _, err = conform("run", *suite.args(), "--impl", "asyncio", "--ref-build", "x")
    assert status == 2 and "--ref-build goes with --impl ref" in err
