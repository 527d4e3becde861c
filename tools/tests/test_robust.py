"""The runner against hostile editions and hostile input: signals, floods of
output, escaped processes, bad files. Each bound is loose (several times what
a healthy run takes) so that a loaded machine cannot make a test flake."""

import os
import re
import signal
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import toml_text
from test_peer import LINE_SERVER, peer_toml, program_toml

CONFORM = Path(__file__).resolve().parents[1] / "conform"
PY = sys.executable


def _state(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


def _running(pid):
    return _state(pid) not in ("gone", "Z")


def _wait_for(predicate, seconds=20):
    end = time.monotonic() + seconds
    while not predicate():
        assert time.monotonic() < end, "gave up waiting"
        time.sleep(0.05)


def _spawn(suite, tmp_path, *argv):
    """The runner as a program of its own (signals, memory), stdout to a file."""
    out = open(tmp_path / "runner.out", "w")
    err = open(tmp_path / "runner.err", "w")
    return subprocess.Popen([PY, str(CONFORM), "run", *map(str, argv), *suite.args()],
                            stdout=out, stderr=err, start_new_session=True)


def _text(tmp_path, name="runner.out"):
    return (tmp_path / name).read_text()


# --- 1. signals --------------------------------------------------------------

@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_kills_every_group_and_reports_what_finished(suite, tmp_path, sig):
    suite.add("t1-quick", golden="hello\n")
    suite.add("t1-stuck", golden="hello\n", timeout=60)
    pidfile = tmp_path / "child.pid"
    fake = suite.script("fake.sh", f"""#!/bin/sh
        if [ "$1" = t1-quick ]; then echo hello; exit 0; fi
        sleep 1000 &
        echo $! > {pidfile}.new && mv {pidfile}.new {pidfile}
        sleep 1000
        """)
    junit = tmp_path / "out.xml"
    runner = _spawn(suite, tmp_path, "-v", "--cmd", f"{fake} {{id}}", "--junit", junit)
    try:
        _wait_for(lambda: pidfile.exists() and "t1-quick" in _text(tmp_path))
        child = int(pidfile.read_text())
        sent = time.monotonic()
        runner.send_signal(sig)
        status = runner.wait(timeout=20)
        assert time.monotonic() - sent < 10
    finally:
        if runner.poll() is None:
            os.killpg(runner.pid, signal.SIGKILL)
    assert status == 128 + sig
    out, err = _text(tmp_path), _text(tmp_path, "runner.err")
    assert out.splitlines()[-1] == "1 passed, 0 failed, 0 skipped", out
    assert f"interrupted by {sig.name}: 1 of 2 scenarios finished" in err
    assert ET.parse(junit).getroot().get("tests") == "1"
    _wait_for(lambda: not _running(child), 5)


# --- 2, 3, 7. big outputs --------------------------------------------------------

# 8 MB of short lines on each stream: what costs is the number of lines.
FLOOD = """\
import sys
for _ in range(8):
    sys.stdout.buffer.write(b"x\\n" * 512 * 1024)
    sys.stderr.buffer.write(b"x\\n" * 512 * 1024)
sys.stdout.buffer.write(b"the last line\\n")
"""


def test_floods_of_output_delay_no_other_verdict(suite, tmp_path):
    for i in range(6):
        suite.add(f"t1-flood-{i}", FLOOD, golden="hello\n", timeout=60)
    for i in range(10):
        suite.add(f"t1-calm-{i}", "import time\ntime.sleep(0.5)\nprint('hello')\n",
                  golden="hello\n", timeout=10)
    junit = tmp_path / "out.xml"
    start = time.monotonic()
    runner = _spawn(suite, tmp_path, "-j", "16", "--cmd", f"{PY} {{py}}", "--junit", junit)
    _, status, usage = os.wait4(runner.pid, 0)
    elapsed = time.monotonic() - start
    out = _text(tmp_path)
    assert os.waitstatus_to_exitcode(status) == 1, out
    assert out.splitlines()[-1] == "10 passed, 6 failed, 0 skipped", out
    assert len(re.findall(r"^FAIL +t1-flood", out, re.M)) == 6
    assert elapsed < 40, elapsed
    assert usage.ru_maxrss < 600 * 1024, f"{usage.ru_maxrss} KiB"     # Linux: KiB
    assert len(out) < 300_000
    assert junit.stat().st_size < 1_000_000


def test_an_endless_writer_times_out_on_time(suite, conform):
    suite.add("t1-yes", golden="hello\n", timeout=2)
    start = time.monotonic()
    status, out, _ = conform("run", "--cmd", "yes", *suite.args())
    assert status == 1 and re.search(r"^TIMEOUT +t1-yes", out, re.M)
    assert time.monotonic() - start < 2 + 2


def test_junit_system_err_is_capped_with_a_note(suite, conform, tmp_path):
    suite.add("t1-noisy", "import sys\nsys.stderr.write('e' * 100 + '\\n') \n"
              "for _ in range(30000): sys.stderr.write('noise\\n')\nprint('hi')\n",
              golden="hello\n")
    junit = tmp_path / "out.xml"
    status, _, _ = conform("run", "--cmd", f"{PY} {{py}}", "--junit", junit, *suite.args())
    assert status == 1
    text = ET.parse(junit).getroot().find(".//system-err").text
    assert len(text) < 20_000
    assert re.search(r"\d+ earlier lines, \d+ bytes, cut", text), text[:300]


def test_timeout_evidence_shows_the_last_lines_of_a_long_output(suite, conform):
    suite.add("t1-long", FLOOD.replace('sys.stdout.buffer.write(b"the last line\\n")',
                                       'print("the last line", flush=True)\n'
                                       'import time; time.sleep(60)'),
              golden="hello\n", timeout=3)
    status, out, _ = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 1 and re.search(r"^TIMEOUT +t1-long", out, re.M)
    assert "the last line" in out


# --- 4. server editions --------------------------------------------------------

ECHO_STEPS = '  { connect = "tcp" },\n  { send = "ping" },\n  { expect = "ping" },'


@pytest.mark.parametrize("when", ["before", "after"])
def test_a_server_edition_killed_by_a_signal_is_a_crash(suite, conform, when):
    edition = ("import os, signal, socket\n"
               "s = socket.socket(); s.bind(('127.0.0.1', int(os.environ['TOWER_PORT'])))\n"
               "s.listen()\n"
               + ("os.kill(os.getpid(), signal.SIGSEGV)\n" if when == "before" else
                  "print('Serving on', flush=True)\nc, _ = s.accept()\n"
                  "os.kill(os.getpid(), signal.SIGSEGV)\n"))
    suite.add("t9-dies", edition, toml=peer_toml("t9-dies", ECHO_STEPS), golden="Serving on\n")
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert status == 1
    assert re.search(r"^CRASH +t9-dies .*killed by SIGSEGV", out, re.M), out


def test_an_edition_that_exits_while_a_server_program_waits_fails_promptly(suite, conform):
    folder = suite.add("t9-quitter", "import sys\nsys.exit(3)\n",
                       toml=program_toml("t9-quitter", "server", "listening").replace(
                           "timeout = 10", "timeout = 60"),
                       golden="x\n")
    (folder / "t9-quitter.peer.py").write_text(LINE_SERVER)
    start = time.monotonic()
    status, out, _ = conform("run", "--impl", "asyncio", *suite.args())
    assert time.monotonic() - start < 20
    assert status == 1
    assert re.search(r"^FAIL +t9-quitter .*exit status 3.*peer program .* still", out, re.M), out


# --- 5. bad input -----------------------------------------------------------------

def _one_error_line(err):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


@pytest.mark.parametrize("template", ["", "   "])
def test_an_empty_command_is_a_usage_error(suite, conform, template):
    suite.add("t1-hello", golden="hello\n")
    status, _, err = conform("run", "--cmd", template, *suite.args())
    assert status == 2 and "--cmd" in _one_error_line(err)


def test_a_scenario_that_is_not_utf8(suite, conform):
    suite.add("t1-latin", toml=toml_text("t1-latin").replace("test scenario", "caf\xe9"),
              golden="hello\n")
    path = suite.suite / "t1" / "t1-latin.toml"
    path.write_bytes(path.read_text().encode("latin-1"))
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 2 and re.search(r"t1-latin\.toml: .*not UTF-8", _one_error_line(err))


def test_an_expectations_file_that_is_not_utf8_or_a_directory(suite, conform, tmp_path):
    suite.add("t1-hello", golden="hello\n")
    latin = tmp_path / "latin.toml"
    latin.write_bytes('[t1-hello]\nreason = "caf\xe9"\n'.encode("latin-1"))
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", "--expectations", latin,
                             *suite.args())
    assert status == 2 and re.search(r"latin\.toml: .*not UTF-8", _one_error_line(err))
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", "--expectations", tmp_path,
                             *suite.args())
    assert status == 2 and re.search(rf"{tmp_path}: .*directory", _one_error_line(err))


def test_a_manifest_that_is_not_utf8(suite, conform):
    suite.add("t1-hello", golden="hello\n")
    (suite.golden / "MANIFEST").write_bytes(b"# oracle: caf\xe9\nt1-hello\t0\n")
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 2 and re.search(r"MANIFEST: .*not UTF-8", _one_error_line(err))


def test_a_golden_that_is_a_directory(suite, conform):
    suite.add("t1-hello", golden="hello\n")
    (suite.golden / "t1-hello.out").unlink()
    (suite.golden / "t1-hello.out").mkdir()
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 2 and re.search(r"t1-hello\.out: .*directory", _one_error_line(err))


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
def test_a_timeout_that_is_not_finite(suite, conform, value):
    suite.add("t1-hello", golden="hello\n", timeout=value)
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", *suite.args())
    assert status == 2 and "field 'timeout'" in _one_error_line(err)


@pytest.mark.parametrize("value", ["nan", "inf", "1e300", "0", "-1"])
def test_a_timeout_scale_that_makes_no_sense(suite, conform, value):
    suite.add("t1-hello", golden="hello\n")
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}", "--timeout-scale", value,
                             *suite.args())
    assert status == 2 and "--timeout-scale" in _one_error_line(err)


def test_junit_into_a_missing_folder_is_refused_before_running(suite, conform, tmp_path):
    marker = tmp_path / "ran"
    suite.add("t1-hello", f"open({str(marker)!r}, 'w')\nprint('hello')\n", golden="hello\n")
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}",
                             "--junit", tmp_path / "nowhere" / "out.xml", *suite.args())
    assert status == 2 and "nowhere" in _one_error_line(err)
    assert not marker.exists()


def test_an_editions_template_that_matches_no_file(suite, conform, tmp_path):
    suite.add("t1-hello", golden="hello\n")
    suite.add("t1-world", golden="world\n")
    status, _, err = conform("run", "--cmd", f"{PY} {{py}}",
                             "--editions", f"{tmp_path}/typo/{{id}}.py", *suite.args())
    assert status == 2 and "--editions" in _one_error_line(err)


# --- 6. visible diffs ---------------------------------------------------------------

def test_a_literal_backslash_and_a_tab_differ_in_the_diff(suite, conform):
    suite.add("t1-tab", golden="a\\tb\n")
    fake = suite.script("fake.sh", "#!/bin/sh\nprintf 'a\\tb\\n'\n")
    status, out, _ = conform("run", "--cmd", str(fake), *suite.args())
    assert status == 1
    assert "-a\\\\tb" in out and "+a\\tb" in out


def test_zero_width_and_unnormalised_characters_are_visible(suite, conform):
    suite.add("t1-chars", golden="caf\u00e9 ok\n")
    fake = suite.script("fake.py", f"#!{PY}\nprint('cafe\\u0301 o\\u200bk')\n")
    status, out, _ = conform("run", "--cmd", str(fake), *suite.args())
    assert status == 1
    assert "+cafe\\u0301 o\\u200bk" in out, out


# --- 8. processes that escape the group ----------------------------------------------

def test_a_process_that_escapes_the_group_is_reported_and_killed(suite, conform, tmp_path):
    suite.add("t1-escape", golden="hello\n")
    pidfile = tmp_path / "escaped.pid"
    fake = suite.script("fake.py", f"""#!{PY}
        import subprocess
        p = subprocess.Popen(["sleep", "1000"], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        open({str(pidfile)!r}, "w").write(str(p.pid))
        print("hello")
        """)
    status, out, _ = conform("run", "--cmd", str(fake), *suite.args())
    escaped = int(pidfile.read_text())
    try:
        assert status == 0, out
        assert re.search(rf"^PASS +t1-escape .*left 1 process behind.*{escaped}", out, re.M), out
        assert _state(escaped) == "gone"
    finally:
        if _running(escaped):
            os.kill(escaped, signal.SIGKILL)


# --- 9. minor ----------------------------------------------------------------------------

def test_a_multiline_reason_keeps_the_tap_todo_on_one_line(suite, conform, tmp_path):
    suite.add("t1-wrong", golden="right\n")
    exp = tmp_path / "exp.toml"
    exp.write_text('[t1-wrong]\nreason = """first line\nsecond line"""\n')
    status, out, _ = conform("run", "--tap", "--cmd", f"{PY} {{py}}", "--expectations", exp,
                             *suite.args())
    assert status == 0, out
    todo = [line for line in out.splitlines() if "# TODO" in line]
    assert len(todo) == 1 and "second line" in todo[0]
    assert not any(line.startswith("second line") for line in out.splitlines())


@pytest.mark.parametrize("value", ["on", "TRUE", "yes", "1", "true"])
def test_bless_refuses_any_true_ci(suite, conform, monkeypatch, value):
    suite.add("t1-hello")
    monkeypatch.setenv("CI", value)
    status, _, err = conform("bless", *suite.args())
    assert status == 2 and "CI" in err


def test_a_format_spec_in_a_template(suite, conform):
    suite.add("t3-spec", golden="3\n")
    status, out, err = conform("run", "--cmd", "echo {tier:d}", *suite.args())
    assert status == 0, out + err
