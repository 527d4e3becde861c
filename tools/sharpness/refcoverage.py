"""Line and branch coverage of the reference runtime's library, per source file.

The objects are compiled from ref/src/*.c, whose #line directives point into
the book, so gcov reports every object's lines as lines of chapter files, and
a header's inline functions land in every object that includes it. gcov is
therefore run once per object (gcovr 5.2 asserts when it merges objects that
share a source file), in its JSON format, and each object keeps only the
lines that its own source file tangles from: a file's coverage is the
coverage of its own book lines, counted once.

A run's data: {source name: {"chapter:line": [count, [branch counts]]}}."""

import gzip
import json
import subprocess
from pathlib import Path

from .booklines import book_locations


def _key(chapter, line):
    return f"{chapter}:{line}"


def own_lines(source):
    """The book lines (as "chapter:line") a tangled source file is made of."""
    return {_key(*where) for where in book_locations(Path(source).read_text()) if where}


def gcov_json(gcno, cwd):
    """gcov's JSON for one object (gcno: its .gcno; no .gcda means never run)."""
    done = subprocess.run(["gcov", "--json-format", "--stdout", "--branch-probabilities",
                           "--object-directory", str(Path(gcno).parent), str(gcno)],
                          cwd=cwd, capture_output=True, check=True)
    data = done.stdout
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return json.loads(data)


def object_lines(report, own):
    """{"chapter:line": [count, [branch counts]]} of gcov's report, only the lines in own;
    a line that gcov lists twice (two functions on one line) adds up."""
    lines = {}
    for entry in report["files"]:
        for line in entry["lines"]:
            key = _key(entry["file"], line["line_number"])
            if key not in own:
                continue
            count, branches = lines.get(key, [0, []])
            lines[key] = [count + line["count"], branches + [b["count"] for b in line["branches"]]]
    return lines


def collect(objects, sources, cwd):
    """One run's data, from the objects' folder (build-cov/obj) and ref/src."""
    run = {}
    for source in sorted(Path(sources).glob("*.c")):
        gcno = Path(objects) / (source.stem + ".gcno")
        if not gcno.exists():
            raise FileNotFoundError(f"{gcno}: no coverage notes (is the tree built with --coverage?)")
        run[source.name] = object_lines(gcov_json(gcno, cwd), own_lines(source))
    return run


def merge(*runs):
    """The runs together: counts of the same line and branch add up."""
    together = {}
    for run in runs:
        for name, lines in run.items():
            mine = together.setdefault(name, {})
            for key, (count, branches) in lines.items():
                if key not in mine:
                    mine[key] = [count, list(branches)]
                    continue
                old = mine[key]
                if len(old[1]) != len(branches):
                    raise ValueError(f"{name} {key}: the runs disagree on the branches"
                                     " (were they built from the same sources?)")
                mine[key] = [old[0] + count, [a + b for a, b in zip(old[1], branches)]]
    return together


def totals(lines):
    """(lines covered, lines, branches taken, branches) of one file's data."""
    covered = sum(count > 0 for count, _ in lines.values())
    branches = [b for _, bs in lines.values() for b in bs]
    return covered, len(lines), sum(b > 0 for b in branches), len(branches)


def _percent(part, whole):
    return f"{100.0 * part / whole:.1f}%" if whole else "-"


def table(runs):
    """A markdown table: per file, each run's line and branch coverage.
    runs: list of (label, data), all over the same files."""
    labels = [label for label, _ in runs]
    head = ["file", "lines"] + [f"lines {l}" for l in labels] + [f"branches {l}" for l in labels]
    out = ["| " + " | ".join(head) + " |", "|---|" + "---:|" * (len(head) - 1)]
    names = sorted(runs[0][1])

    def row(label, per_run):
        sums = [totals(lines) for lines in per_run]
        line_cells = [f"{_percent(c, n)}" for c, n, _, _ in sums]
        branch_cells = [f"{_percent(t, b)}" for _, _, t, b in sums]
        return "| " + " | ".join([label, str(sums[0][1])] + line_cells + branch_cells) + " |"

    for name in names:
        out.append(row(name, [data[name] for _, data in runs]))
    out.append(row("**all**", [{f"{n}/{k}": v for n, lines in data.items() for k, v in lines.items()}
                                for _, data in runs]))
    return "\n".join(out) + "\n"


def _line_order(key):
    chapter, line = key.rsplit(":", 1)
    return chapter, int(line)


def uncovered(together, suite, book_root):
    """Annotated text: per file, every line no run reaches, then the lines only
    the unit tests reach (a gap in the suite), then the branches never taken,
    each as chapter:line: source, so an editor jumps into the book."""
    chapters = {}

    def text(key):
        chapter, line = _line_order(key)
        if chapter not in chapters:
            chapters[chapter] = (Path(book_root) / chapter).read_text().splitlines()
        return f"{key}: {chapters[chapter][line - 1].rstrip()}"

    out = []
    for name in sorted(together):
        lines = together[name]
        never = sorted((k for k, (c, _) in lines.items() if c == 0), key=_line_order)
        unit_only = sorted((k for k, (c, _) in lines.items()
                            if c > 0 and suite[name].get(k, [0])[0] == 0), key=_line_order)
        partial = sorted((k for k, (c, bs) in lines.items() if c > 0 and any(b == 0 for b in bs)),
                         key=_line_order)
        covered, total, taken, branches = totals(lines)
        out.append(f"== {name}: {covered}/{total} lines, {taken}/{branches} branches")
        for title, keys in (("reached by no test", never),
                            ("reached by the unit tests, not by the suite", unit_only)):
            out.append(f"-- {title}: {len(keys)} lines")
            out += [text(k) for k in keys]
        out.append(f"-- reached, with branches never taken: {len(partial)} lines")
        out += [f"{text(k)}    [{sum(b > 0 for b in lines[k][1])}/{len(lines[k][1])} taken]"
                for k in partial]
        out.append("")
    return "\n".join(out)
