"""Rounds taken in turns on a quiet machine, and what to report from them.

A benchmark round runs every runtime once; ROUNDS rounds are taken, and each
runtime's figure is the median of its rounds with the range beside it. A
best-of rewards whichever runtime met a quiet moment; a median with its range
says how much the figure can be trusted.

Before a round the machine must be quiet: the 1-minute load average at most
MAX_LOAD and, over a short sample taken while nothing of ours runs, fewer than
MAX_BUSY cores busy. The gate waits, up to MAX_WAIT seconds over the whole
run: a machine that stays busy longer than that is busy, and the run goes on
without waiting or retrying and says how many rounds it took that way. During a round, the CPU time the whole
machine spent busy (/proc/stat) minus the CPU time of this process and its
children (getrusage) is what others used; a round in which others used more
than MAX_OTHER cores on average is thrown away and taken again, up to RETRIES
times (the last attempt is kept whatever it saw). The gate only reads /proc; on a machine without it every round counts.
"""
import os
import resource
import time

ROUNDS = int(os.environ.get("BENCH_REPEATS", "5"))
MAX_LOAD = float(os.environ.get("BENCH_MAX_LOAD", "1.5"))
MAX_BUSY = float(os.environ.get("BENCH_MAX_BUSY", "0.5"))
MAX_WAIT = float(os.environ.get("BENCH_MAX_WAIT", "300"))
MAX_OTHER = float(os.environ.get("BENCH_MAX_OTHER", "0.3"))
RETRIES = int(os.environ.get("BENCH_RETRIES", "3"))
SAMPLE_SECONDS = 0.5
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _cpu_line():
    """The aggregate line of /proc/stat as integers, or None without /proc."""
    try:
        with open("/proc/stat") as f:
            return [int(v) for v in f.readline().split()[1:]]
    except OSError:
        return None


def _busy_and_total(fields):
    """(busy jiffies, all jiffies); idle, iowait and steal are not busy."""
    idle = fields[3] + fields[4] + (fields[7] if len(fields) > 7 else 0)
    # guest time is already counted in user time: leave it out of the total
    total = sum(fields[:8])
    return total - idle, total


def busy_cores(seconds=SAMPLE_SECONDS):
    """How many cores were busy, on average, over SECONDS of sleeping."""
    before = _cpu_line()
    time.sleep(seconds)
    after = _cpu_line()
    if before is None or after is None:
        return 0.0
    (b0, t0), (b1, t1) = _busy_and_total(before), _busy_and_total(after)
    return (b1 - b0) / (t1 - t0) * (os.cpu_count() or 1) if t1 > t0 else 0.0


def load_average():
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


def _own_cpu_seconds():
    return sum(ru.ru_utime + ru.ru_stime for ru in
               (resource.getrusage(resource.RUSAGE_SELF),
                resource.getrusage(resource.RUSAGE_CHILDREN)))


class Gate:
    """Waits for a quiet machine before a round and judges the round after it."""

    def __init__(self):
        self.waited = 0.0
        self.started_noisy = 0
        self.thrown_away = 0
        self.others = []          # cores others used during each kept round

    def patient(self):
        """Whether the run may still wait for quiet (its wait budget is not spent)."""
        return self.waited < MAX_WAIT

    def wait_until_quiet(self):
        while True:
            load, busy = load_average(), busy_cores()
            if load <= MAX_LOAD and busy < MAX_BUSY:
                return
            if not self.patient():
                self.started_noisy += 1
                return
            time.sleep(2)
            self.waited += 2 + SAMPLE_SECONDS

    def take(self, round_fn):
        """Run ROUND_FN() once the machine is quiet, again if others disturbed it."""
        for attempt in range(RETRIES + 1):
            self.wait_until_quiet()
            cpu0, own0, wall0 = _cpu_line(), _own_cpu_seconds(), time.monotonic()
            result = round_fn()
            cpu1, own1, wall1 = _cpu_line(), _own_cpu_seconds(), time.monotonic()
            if cpu0 is None or cpu1 is None:
                return result
            busy = (_busy_and_total(cpu1)[0] - _busy_and_total(cpu0)[0]) / CLK_TCK
            others = max(0.0, busy - (own1 - own0)) / max(wall1 - wall0, 1e-6)
            if others <= MAX_OTHER or attempt == RETRIES or not self.patient():
                self.others.append(others)
                return result
            self.thrown_away += 1

    def summary(self):
        """One line saying how quiet the machine was, for under a table."""
        if not self.others:
            return "quiet gate: no rounds taken"
        return (f"quiet gate: {len(self.others)} rounds kept, {self.thrown_away} thrown away "
                f"(others used > {MAX_OTHER:g} cores), {self.started_noisy} taken on a busy "
                f"machine once {MAX_WAIT:g} s of waiting were spent; others used "
                f"{min(self.others):.2f}-{max(self.others):.2f} cores during kept rounds; "
                f"waited {self.waited:.0f} s in all")


def in_turns(runners, gate, rounds=ROUNDS):
    """{name: [result of each kept round]}: every runner once a round, in turns.

    RUNNERS maps a name to a function of no arguments; a runner whose result
    is a string (an error) is not run again.
    """
    results = {name: [] for name in runners}

    def one_round():
        return {name: run() for name, run in runners.items()
                if not (results[name] and isinstance(results[name][-1], str))}

    for _ in range(rounds):
        for name, result in gate.take(one_round).items():
            results[name].append(result)
    return results


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def spread(values):
    """(median, min, max) of VALUES."""
    return median(values), min(values), max(values)
