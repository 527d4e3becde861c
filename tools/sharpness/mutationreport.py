"""The mutation report: killed, survived and timed out per file, per tier and
per operator, with every survivor's diff. A survivor the equivalents file
accounts for (record["equivalent"], its reason) is listed with the reason and
left out of the scores."""

from .mutation import KILLED, STILLBORN, SURVIVED, TIMED_OUT

VERDICTS = (KILLED, TIMED_OUT, SURVIVED)


def _counted(r):
    return r["verdict"] != STILLBORN and not (r["verdict"] == SURVIVED and r.get("equivalent"))


def _score(records, key):
    """"killed+timed out / counted (percent)" by one verdict column."""
    tried = [r for r in records if _counted(r)]
    caught = sum(r[key] in (KILLED, TIMED_OUT) for r in tried)
    return f"{caught}/{len(tried)} ({100.0 * caught / len(tried):.0f}%)" if tried else "-"


def _table(records, group, title):
    out = [f"| {title} | mutants | suite alone | unit tests alone | together"
           " | killed | timed out | survived |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    groups = sorted({group(r) for r in records}, key=lambda g: (g is None, str(g)))
    for value in groups + ["**all**"]:
        chosen = records if value == "**all**" else [r for r in records if group(r) == value]
        tried = [r for r in chosen if _counted(r)]
        counts = [sum(r["verdict"] == v for r in tried) for v in VERDICTS]
        label = "-" if value is None else value
        out.append(f"| {label} | {len(tried)} | {_score(chosen, 'suite')} | {_score(chosen, 'unit')}"
                   f" | {_score(chosen, 'verdict')} | " + " | ".join(map(str, counts)) + " |")
    return out


def _diffs(records, with_reason=False):
    out = []
    for r in records:
        out += ["```diff", r["diff"], "```"] + ([f"Why: {r['equivalent']}"] if with_reason else []) + [""]
    return out


def markdown(records, seed, sampled, total):
    stillborn = sum(r["verdict"] == STILLBORN for r in records)
    survivors = [r for r in records if r["verdict"] == SURVIVED]
    equivalent = [r for r in survivors if r.get("equivalent")]
    unaccounted = [r for r in survivors if not r.get("equivalent")]
    counted = [r for r in records if _counted(r)]
    out = ["# Mutation testing of the reference runtime", "",
           f"{sampled} of {total} mutants of `ref/src`"
           + (f" (a sample, seed {seed})" if sampled < total else "")
           + f"; {stillborn} did not compile and {len(equivalent)} are known equivalents,"
           f" neither counted; {len(counted)} counted.",
           "A mutant is caught when a scenario or a unit test fails under it (killed)"
           " or it runs out of time (timed out); the scores count both.", "",
           f"- suite's C editions alone: {_score(records, 'suite')}",
           f"- unit tests alone: {_score(records, 'unit')}",
           f"- together: {_score(records, 'verdict')}", "", "## Per file", ""]
    out += _table(records, lambda r: r["file"], "file")
    out += ["", "## Per tier (of the chapter the mutated line is in)", ""]
    out += _table(records, lambda r: None if r["tier"] is None else f"t{r['tier']}", "tier")
    out += ["", "## Per operator", ""]
    out += _table(records, lambda r: r["operator"], "operator")
    out += ["", f"## Survivors not accounted for ({len(unaccounted)})", ""] + _diffs(unaccounted)
    out += [f"## Known equivalents ({len(equivalent)})", ""] + _diffs(equivalent, with_reason=True)
    stale = [r for r in records if r.get("equivalent") and r["verdict"] != SURVIVED
             and r["verdict"] != STILLBORN]
    if stale:
        out += [f"## Listed as equivalent, but caught: remove from the list ({len(stale)})", ""]
        out += _diffs(stale)
    suite_misses = [r for r in counted if r["suite"] == SURVIVED and r["verdict"] != SURVIVED]
    out += [f"## Caught by the unit tests only: gaps in the suite ({len(suite_misses)})", ""]
    out += _diffs(suite_misses)
    return "\n".join(out).rstrip("\n") + "\n"
