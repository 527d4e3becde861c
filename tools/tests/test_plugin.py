"""--impl python:MODULE[:FACTORY]: the Python editions under any loop."""

import sys

import pytest

FAKELOOP = '''\
import asyncio


class TracingLoop(asyncio.SelectorEventLoop):
    pass


class OwnLoop(asyncio.SelectorEventLoop):
    pass


def new_loop():
    return TracingLoop()


class EventLoopPolicy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return TracingLoop()


def own_run():
    """A loop that must own asyncio.run, as asyncio-on-Trio does."""
    def run(main, *, debug=None):
        loop = OwnLoop()
        try:
            return loop.run_until_complete(main)
        finally:
            loop.close()
    asyncio.run = run
'''

EDITION = """\
import asyncio

async def main():
    print(type(asyncio.get_running_loop()).__name__)

asyncio.run(main())
"""


@pytest.fixture
def fakeloop(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "fakeloop.py").write_text(FAKELOOP)
    monkeypatch.setenv("PYTHONPATH", str(folder))
    return folder


@pytest.mark.parametrize("spec, loop", [("fakeloop", "TracingLoop"),
                                        ("fakeloop:new_loop", "TracingLoop"),
                                        ("fakeloop:EventLoopPolicy", "TracingLoop"),
                                        ("fakeloop:own_run", "OwnLoop")])
def test_python_impl_runs_the_editions_under_the_named_loop(suite, conform, fakeloop, spec, loop):
    suite.add("t1-loop", EDITION, golden=f"{loop}\n")
    status, out, _ = conform("run", "--impl", f"python:{spec}", "--python", sys.executable,
                             *suite.args())
    assert status == 0, out
    assert "fakeloop" in out.splitlines()[0]


def test_python_impl_of_a_module_that_does_not_import(suite, conform, fakeloop):
    suite.add("t1-loop", EDITION, golden="x\n")
    status, _, err = conform("run", "--impl", "python:nosuchloop", *suite.args())
    assert status == 2 and "nosuchloop" in err


def test_python_impl_with_a_hook_that_does_not_exist(suite, conform, fakeloop):
    suite.add("t1-loop", EDITION, golden="TracingLoop\n")
    status, _, err = conform("run", "--impl", "python:fakeloop:nothing", *suite.args())
    assert status == 2 and "nothing" in err


def test_a_malformed_impl_is_a_usage_error(suite, conform):
    suite.add("t1-loop", EDITION, golden="x\n")
    with pytest.raises(SystemExit) as exc:
        conform("run", "--impl", "python:", *suite.args())
    assert exc.value.code == 2
