"""Run a selection of scenarios on one implementation, in parallel."""

import collections
import dataclasses
import contextlib
import concurrent.futures
import os
import traceback

from . import causes
from . import golden as golden_mod
from . import impls, ports
from .compare import ERROR, FLAKY, UNSUPPORTED, Result, apply_expectation, judge
from .execute import abort, base_env, execute


def default_jobs():
    """The cores this process may run on, as lit and pytest-xdist count them."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


@contextlib.contextmanager
def pool_of(jobs=None):
    """A thread pool that, when its user is interrupted (or its output pipe
    breaks), cancels what has not started and kills what runs, instead of
    waiting for every job as leaving a ThreadPoolExecutor normally does."""
    with concurrent.futures.ThreadPoolExecutor(jobs or default_jobs()) as pool:
        try:
            yield pool
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            abort()
            raise


def run_once(scenario, impl, layout, golden, timeout_scale=1.0, timeout=None):
    try:
        return _run_once(scenario, impl, layout, golden, timeout_scale, timeout)
    except Exception as exc:  # a runner bug must cost one verdict, not the run
        return Result(scenario, ERROR, f"runner error: {type(exc).__name__}: {exc}",
                      traceback.format_exc())


def _run_once(scenario, impl, layout, golden, timeout_scale, timeout):
    if impl.edition(scenario, None, layout) is None:
        return Result(scenario, UNSUPPORTED, f"{impl.name} has no edition of {scenario.id}")
    outcome = execute_scenario(scenario, impl, layout, timeout_scale, timeout=timeout)
    return judge(scenario, outcome, golden, actual_name=f"{impl.name} stdout")


def execute_scenario(scenario, impl, layout, timeout_scale=1.0, oracle_python=None,
                     timeout=None):
    """Run an implementation's edition of a scenario (it must have one) within
    its time limit, or timeout seconds, times timeout_scale. A peer program
    always runs under the oracle's interpreter, whatever runs the edition: it
    is the other end of the connection, CPython's asyncio."""
    with ports.for_peer(scenario.peer) as port:
        edition = impl.edition(scenario, port, layout)
        env = base_env(port, edition.env)
        peer_command = None
        if scenario.peer and scenario.peer.program:
            python = oracle_python or impls.oracle().path
            peer_command = ([python, str(scenario.peer.program)], base_env(port))
        limit = (timeout or scenario.timeout) * timeout_scale
        return execute(edition.argv, scenario.folder, limit,
                       env, scenario.peer, port, peer_command)


def _merge(runs):
    """One result for the repeated runs of a scenario: FLAKY when they disagree."""
    verdicts = [r.verdict for r in runs]
    first_bad = next((r for r in runs if r.verdict != runs[0].verdict), runs[0])
    if len(set(verdicts)) == 1:
        merged = runs[0]
    else:
        tally = ", ".join(f"{n} {v}" for v, n in collections.Counter(verdicts).most_common())
        odd = first_bad if first_bad.verdict != "PASS" else runs[0]
        merged = dataclasses.replace(
            odd, verdict=FLAKY, message=f"verdicts differ across {len(runs)} runs: {tally}",
            evidence=f"one {odd.verdict} run: {odd.message}\n{odd.evidence}".rstrip())
    merged.history = tuple(verdicts)
    merged.duration = max(r.duration for r in runs)
    return merged


def run(scenarios, impl, layout, expectations, jobs=None, repeat=1,
        timeout_scale=1.0, on_result=None, timeout=None):
    """Run every scenario repeat times; call on_result(result) as each
    scenario's last run finishes; return the results in suite order."""
    manifest = golden_mod.read_manifest(layout.golden)
    goldens = {s.id: golden_mod.load(layout.golden, manifest, s.id) for s in scenarios}
    # Fixed-port scenarios queue behind one another, and a long time limit
    # hints at a long scenario: start those first, so the run takes about as
    # long as its slowest scenario.
    order = sorted(scenarios, key=lambda s: (not (s.peer and s.peer.fixed_port), -s.timeout))
    runs = collections.defaultdict(list)
    results = {}
    with pool_of(jobs) as pool:
        futures = {pool.submit(run_once, s, impl, layout, goldens[s.id], timeout_scale,
                               timeout): s
                   for _ in range(repeat) for s in order}
        for future in concurrent.futures.as_completed(futures):
            scenario = futures[future]
            runs[scenario.id].append(future.result())
            if len(runs[scenario.id]) == repeat:
                merged = _merge(runs[scenario.id])
                merged.digest = causes.digest(merged)
                result = apply_expectation(merged, expectations.get(scenario.id), merged.digest)
                results[scenario.id] = result
                if on_result:
                    on_result(result)
    return [results[s.id] for s in scenarios]
