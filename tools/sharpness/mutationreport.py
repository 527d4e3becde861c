"""The mutation report: killed, survived and timed out per file, per tier and
per operator, with every survivor's diff."""

from .mutation import KILLED, STILLBORN, SURVIVED, TIMED_OUT

VERDICTS = (KILLED, TIMED_OUT, SURVIVED)


def _score(records, key):
    """"killed+timed out / tried (percent)" by one verdict column."""
    tried = [r for r in records if r[key] != STILLBORN]
    caught = sum(r[key] in (KILLED, TIMED_OUT) for r in tried)
    return f"{caught}/{len(tried)} ({100.0 * caught / len(tried):.0f}%)" if tried else "-"


def _table(records, group, title):
    out = [f"| {title} | mutants | suite alone | unit tests alone | together"
           " | killed | timed out | survived |", "|---|---:|---:|---:|---:|---:|---:|---:|"]
    groups = sorted({group(r) for r in records}, key=lambda g: (g is None, str(g)))
    for value in groups + ["**all**"]:
        chosen = records if value == "**all**" else [r for r in records if group(r) == value]
        tried = [r for r in chosen if r["verdict"] != STILLBORN]
        counts = [sum(r["verdict"] == v for r in tried) for v in VERDICTS]
        label = "-" if value is None else value
        out.append(f"| {label} | {len(tried)} | {_score(chosen, 'suite')} | {_score(chosen, 'unit')}"
                   f" | {_score(chosen, 'verdict')} | " + " | ".join(map(str, counts)) + " |")
    return out


def markdown(records, seed, sampled, total):
    tried = [r for r in records if r["verdict"] != STILLBORN]
    stillborn = len(records) - len(tried)
    out = ["# Mutation testing of the reference runtime", "",
           f"{sampled} of {total} mutants of `ref/src`"
           + (f" (a sample, seed {seed})" if sampled < total else "")
           + f"; {stillborn} did not compile and are not counted; {len(tried)} tried.",
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
    survivors = [r for r in tried if r["verdict"] == SURVIVED]
    out += ["", f"## Survivors ({len(survivors)})", ""]
    for r in survivors:
        out += ["```diff", r["diff"], "```", ""]
    suite_only_misses = [r for r in tried if r["suite"] == SURVIVED and r["verdict"] != SURVIVED]
    out += [f"## Caught by the unit tests only: gaps in the suite ({len(suite_only_misses)})", ""]
    for r in suite_only_misses:
        out += ["```diff", r["diff"], "```", ""]
    return "\n".join(out).rstrip("\n") + "\n"
