"""The runner, scenarios and goldens as a Python package (pyproject.toml),
and --shard for spreading a run over CI machines."""

import importlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    sys.path.insert(0, str(ROOT / "tools"))
    backend = importlib.import_module("tower_build")
    folder = tmp_path_factory.mktemp("dist")
    return folder / backend.build_wheel(str(folder))


def _scenario_count():
    return len(list((ROOT / "conformance").glob("t[1-9]/*.toml")))


def test_the_wheel_holds_the_runner_the_suite_and_the_command(wheel):
    with zipfile.ZipFile(wheel) as z:
        names = set(z.namelist())
        entry_points = z.read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
        record = z.read(next(n for n in names if n.endswith("/RECORD"))).decode()
    assert {"tower_conform/cli.py", "tower_conform/__main__.py",
            "tower_conform/data/golden/MANIFEST",
            "tower_conform/data/conformance/t1/t1-await-chain-deep.toml"} <= names
    assert not any("__pycache__" in n for n in names)
    assert "tower-conform = tower_conform.cli:main" in entry_points
    assert len(record.splitlines()) == len(names)


def test_the_installed_package_runs_its_bundled_suite(wheel, tmp_path):
    target = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        z.extractall(target)
    env = dict(os.environ, PYTHONPATH=str(target))
    done = subprocess.run([PY, "-m", "tower_conform", "list"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(done.stdout.splitlines()) == _scenario_count()
    done = subprocess.run([PY, "-m", "tower_conform", "run", "--impl", "asyncio",
                           "-k", "t1-await-chain-deep"], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.endswith("1 passed, 0 failed, 0 skipped\n"), \
        done.stdout + done.stderr


@pytest.mark.skipif(subprocess.run([PY, "-m", "pip", "--version"],
                                   capture_output=True).returncode != 0,
                    reason="pip is not installed (Debian: python3-pip)")
def test_pip_installs_it_offline(tmp_path):
    source = tmp_path / "checkout"
    for entry in ("tools/tower_conform", "conformance", "golden"):
        shutil.copytree(ROOT / entry, source / entry)
    for entry in ("pyproject.toml", "tools/tower_build.py"):
        shutil.copy(ROOT / entry, source / entry)
    target = tmp_path / "target"
    done = subprocess.run([PY, "-m", "pip", "install", "--no-index", "--no-cache-dir",
                           "--target", str(target), str(source)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    script = target / "bin" / "tower-conform"
    done = subprocess.run([str(script), "list", "--tier", "1"], cwd=tmp_path,
                          env=dict(os.environ, PYTHONPATH=str(target)),
                          capture_output=True, text=True)
    assert done.returncode == 0 and re.match(r"t1-", done.stdout), done.stderr


def test_shards_together_run_every_scenario_once(suite, conform):
    ids = [f"t1-s{i}" for i in range(7)]
    for id_ in ids:
        suite.add(id_, golden="hello\n")
    seen = []
    for index in (1, 2, 3):
        status, out, _ = conform("run", "-v", "--shard", f"{index}/3", "--cmd", f"{PY} {{py}}",
                                 *suite.args())
        assert status == 0, out
        seen += re.findall(r"^PASS +(t1-s\d)", out, re.M)
    assert sorted(seen) == sorted(ids)
    for bad in ("4/3", "0/3", "x/2", "1/0"):
        with pytest.raises(SystemExit) as exc:
            conform("run", "--shard", bad, "--cmd", f"{PY} {{py}}", *suite.args())
        assert exc.value.code == 2
