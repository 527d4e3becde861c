"""tools/conform bless: regenerate goldens from the oracle, and only from it."""

import os

from . import golden as golden_mod
from .compare import unified_diff
from .errors import UsageError
from .impls import PythonImpl, oracle_line
from .normalize import normalize
from .runner import execute_scenario, pool_of


def refuse_in_ci():
    # Any value but an explicit "no": CI systems spell yes in many ways.
    ci = os.environ.get("CI", "").strip()
    if ci and ci.lower() not in ("0", "false", "no", "off"):
        raise UsageError(f"bless refuses to run under CI={ci}: goldens are regenerated"
                         " by a maintainer, from the oracle, and reviewed as a diff")


def _describe_failure(outcome):
    if outcome.start_error:
        return outcome.start_error
    if outcome.timed_out:
        return "timed out" + (f" ({outcome.peer_error})" if outcome.peer_error else "")
    if outcome.peer_error:
        return outcome.peer_error
    if outcome.dropped:
        return "output exceeds the capture cap"
    return None


def _transcript(scenario, outcomes):
    """(golden, None) when every run agrees, else (None, why not)."""
    for outcome in outcomes:
        problem = _describe_failure(outcome)
        if problem:
            return None, f"the oracle run failed: {problem}"
    texts = [normalize(o.stdout, scenario.normalize, scenario.rewrites) for o in outcomes]
    statuses = [o.status for o in outcomes]
    for i in range(1, len(outcomes)):
        if texts[i] != texts[0] or statuses[i] != statuses[0]:
            why = f"nondeterministic: runs 1 and {i + 1} differ"
            if statuses[i] != statuses[0]:
                why += f" (exit {statuses[0]} vs {statuses[i]})"
            diff = unified_diff(texts[0], texts[i], "run 1", f"run {i + 1}")
            return None, why + ("\n" + diff if diff else "")
    return golden_mod.Golden(texts[0], statuses[0]), None


def bless(selected, everything, layout, python=None, runs=3, jobs=None, write=print):
    """Bless the selected scenarios; return the exit status (0, or 1 when
    some golden could not be written)."""
    refuse_in_ci()
    impl = PythonImpl("asyncio", python)
    oracle = oracle_line(impl.interpreter)
    manifest = golden_mod.read_manifest(layout.golden)
    if manifest.oracle and manifest.oracle != oracle and len(selected) < len(everything):
        write(f"warning: MANIFEST was written by {manifest.oracle}; a partial bless"
              f" now mixes oracles: bless the whole suite")
    write(f"oracle: {oracle}")
    layout.golden.mkdir(parents=True, exist_ok=True)

    with pool_of(jobs) as pool:
        futures = {s.id: [pool.submit(execute_scenario, s, impl, layout, 1.0,
                                      impl.interpreter.path) for _ in range(runs)]
                   for s in selected}
        outcomes = {id_: [f.result() for f in fs] for id_, fs in futures.items()}

    new = changed = unchanged = 0
    refused = []
    for scenario in selected:
        golden, why = _transcript(scenario, outcomes[scenario.id])
        if golden is None:
            refused.append(scenario.id)
            write(f"REFUSED {scenario.id}: {why}")
            continue
        old = golden_mod.load(layout.golden, manifest, scenario.id)
        path = golden_mod.golden_path(layout.golden, scenario.id)
        if not isinstance(old, golden_mod.Golden):
            new += 1
            lines = golden.data.count(b"\n")
            write(f"new     {path.name} ({lines} lines, exit {golden.status})")
        elif old == golden:
            unchanged += 1
        else:
            changed += 1
            write(f"changed {path.name}")
            if old.data != golden.data:
                write(unified_diff(old.data, golden.data, f"a/golden/{path.name}",
                                   f"b/golden/{path.name}"))
            if old.status != golden.status:
                write(f"exit status: {old.status} -> {golden.status}")
        if not path.exists() or path.read_bytes() != golden.data:
            path.write_bytes(golden.data)
        manifest.statuses[scenario.id] = golden.status
    manifest.oracle = oracle
    golden_mod.write_manifest(layout.golden, manifest)

    for orphan in golden_mod.orphans(layout.golden, manifest, everything):
        write(f"orphan golden: {orphan} (no scenario has this id; delete it)")
    for id_ in golden_mod.missing(layout.golden, manifest, everything):
        write(f"missing golden: {id_}")
    write(f"bless: {len(selected)} scenarios, {new} new, {changed} changed,"
          f" {unchanged} unchanged, {len(refused)} refused"
          + (f" ({', '.join(refused)})" if refused else ""))
    return 1 if refused else 0
