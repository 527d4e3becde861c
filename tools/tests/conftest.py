"""Helpers: tiny temporary suites and fake implementations."""

import sys
import textwrap
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TOOLS))

from tower_conform import cli  # noqa: E402


def toml_text(id_, tier=None, timeout=5, extra=""):
    tier = tier or int(id_[1])
    return textwrap.dedent(f"""\
        id = "{id_}"
        tier = {tier}
        title = "test scenario {id_}"
        rules = ["R{tier}.1"]
        profile = "spec"
        timeout = {timeout}
        """) + textwrap.dedent(extra)


class Suite:
    """A suite in a temporary folder: scenarios, goldens, expectations."""

    def __init__(self, root):
        self.root = root
        self.suite = root / "conformance"
        self.golden = root / "golden"
        self.suite.mkdir()
        self.golden.mkdir()
        self.statuses = {}

    def add(self, id_, edition="print('hello')\n", toml=None, golden=None, status=0, **kw):
        folder = self.suite / f"t{id_[1]}"
        folder.mkdir(exist_ok=True)
        (folder / f"{id_}.toml").write_text(toml if toml is not None else toml_text(id_, **kw))
        (folder / f"{id_}.py").write_text(textwrap.dedent(edition))
        if golden is not None:
            self.set_golden(id_, golden, status)
        return folder

    def set_golden(self, id_, data, status=0):
        if isinstance(data, str):
            data = data.encode()
        (self.golden / f"{id_}.out").write_bytes(data)
        self.statuses[id_] = status
        self.write_manifest()

    def write_manifest(self):
        lines = ["# oracle: CPython test asyncio (/test)"]
        lines += [f"{k}\t{v}" for k, v in sorted(self.statuses.items())]
        (self.golden / "MANIFEST").write_text("\n".join(lines) + "\n")

    def script(self, name, text):
        """An executable fake implementation."""
        path = self.root / name
        shebang, _, body = text.partition("\n")
        path.write_text(shebang + "\n" + textwrap.dedent(body))
        path.chmod(0o755)
        return path

    def args(self):
        return ["--suite", str(self.suite), "--golden", str(self.golden)]


@pytest.fixture
def suite(tmp_path):
    return Suite(tmp_path)


@pytest.fixture
def conform(capsys):
    """Run the CLI in-process: returns (exit status, stdout, stderr)."""
    def run(*argv):
        status = cli.main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return status, out, err
    return run


REF_INCLUDE = Path(__file__).resolve().parents[2] / "ref" / "include"


@pytest.fixture
def syntax_check(tmp_path):
    """Compile C source against ref/include as the Makefile does, syntax only."""
    import shutil
    import subprocess
    cc = shutil.which("cc")
    if cc is None:
        pytest.skip("needs a C compiler")

    def check(text, name="check.c"):
        source = tmp_path / name
        source.write_text(text)
        return subprocess.run(
            [cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-D_GNU_SOURCE",
             f"-I{REF_INCLUDE}", "-fsyntax-only", str(source)],
            capture_output=True, text=True)
    return check


def assert_refused_by_generic(result, statement):
    """The compiler refused statement at a _Generic selection (gcc and clang word it so)."""
    assert result.returncode != 0, f"{statement} compiled"
    assert "generic" in result.stderr.lower(), result.stderr
