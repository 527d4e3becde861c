"""bench/rounds.py: rounds in turns, the quiet gate, medians and ranges."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import rounds  # noqa: E402


class FakeMachine:
    """/proc/stat and getrusage as a test drives them: others' CPU per round."""

    def __init__(self, others_per_round, load=0.0, busy=0.0):
        self.others = list(others_per_round)
        self.jiffies = 0
        self.load, self.busy = load, busy

    def install(self, monkeypatch):
        monkeypatch.setattr(rounds, "_cpu_line", self.cpu_line)
        monkeypatch.setattr(rounds, "_own_cpu_seconds", lambda: 0.0)
        monkeypatch.setattr(rounds, "load_average", lambda: self.load)
        monkeypatch.setattr(rounds, "busy_cores", lambda: self.busy)
        monkeypatch.setattr(rounds.time, "sleep", lambda seconds: None)
        clock = iter(range(0, 10_000))
        monkeypatch.setattr(rounds.time, "monotonic", lambda: float(next(clock)))

    def cpu_line(self):
        # user jiffies grow by what "others" used since the last read
        return [self.jiffies, 0, 0, 0, 0, 0, 0, 0]

    def round_done(self):
        self.jiffies += int(self.others.pop(0) * rounds.CLK_TCK)


def test_every_runner_once_a_round_in_turns(monkeypatch):
    FakeMachine([0.0] * 3).install(monkeypatch)
    order = []
    got = rounds.in_turns({"a": lambda: order.append("a") or 1.0,
                           "b": lambda: order.append("b") or 2.0}, rounds.Gate(), rounds=3)
    assert order == ["a", "b"] * 3
    assert got == {"a": [1.0] * 3, "b": [2.0] * 3}


def test_a_disturbed_round_is_taken_again_and_its_results_dropped(monkeypatch):
    machine = FakeMachine([1.5, 0.0])   # others used 1.5 cores in the first attempt
    machine.install(monkeypatch)
    values = iter([10.0, 20.0])

    def runner():
        value = next(values)
        machine.round_done()
        return value

    gate = rounds.Gate()
    got = rounds.in_turns({"a": runner}, gate, rounds=1)
    assert got == {"a": [20.0]}
    assert gate.thrown_away == 1 and "1 thrown away" in gate.summary()


def test_a_runner_that_failed_is_not_run_again(monkeypatch):
    FakeMachine([0.0] * 3).install(monkeypatch)
    calls = []
    got = rounds.in_turns({"bad": lambda: calls.append(1) or "server crashed"},
                          rounds.Gate(), rounds=3)
    assert got == {"bad": ["server crashed"]} and len(calls) == 1


def test_a_busy_machine_spends_the_wait_budget_once(monkeypatch):
    FakeMachine([0.0] * 4, load=8.0).install(monkeypatch)
    monkeypatch.setattr(rounds, "MAX_WAIT", 10.0)
    gate = rounds.Gate()
    rounds.in_turns({"a": lambda: 1.0}, gate, rounds=4)
    assert gate.started_noisy == 4
    assert 10.0 <= gate.waited < 10.0 + 2 + rounds.SAMPLE_SECONDS


@pytest.mark.parametrize("values, expected", [([3, 1, 2], (2, 1, 3)),
                                              ([4, 1, 3, 2], (2.5, 1, 4))])
def test_spread_is_median_min_max(values, expected):
    assert rounds.spread(values) == expected
