"""Coverage of the oracle: which parts of CPython's asyncio the suite's Python
editions and peer programs reach.

Every process the suite starts imports oracle_site/sitecustomize.py (through
PYTHONPATH), which blocks the C accelerator _asyncio and starts coverage.py;
the data files are combined and read back as coverage.py's JSON report. The
public functions and methods that no scenario reaches are found by reading
each module's syntax tree against the lines that ran."""

import ast
from pathlib import Path

SITE = Path(__file__).resolve().parent / "oracle_site"
# Modules no scenario can reach on Linux (the proactor is the Windows event
# loop's engine), and the REPL.
LEFT_OUT = ("windows_events.py", "windows_utils.py", "proactor_events.py", "__main__.py")
# Functions of a shared module that only a left-out module calls: the
# proactor's way of feeding a BufferedProtocol lives in protocols.py, and the
# selector loop fills the protocol's buffer itself (selector_events.py).
# coverage.py leaves out a whole def whose line matches.
PROACTOR_ONLY = ("_feed_data_to_buffered_proto",)
# coverage.py's own default exclusion, which exclude_lines replaces, less
# its leading "#\s*": in an rc file a line that starts with # is a comment.
NO_COVER = r"(pragma|PRAGMA)[:\s]?\s*(no|NO)\s*(cover|COVER)"


def rcfile(asyncio_dir, data_file):
    """The coverage.py configuration: branch coverage of Lib/asyncio only."""
    omit = ", ".join(f"{asyncio_dir}/{name}" for name in LEFT_OUT)
    return (f"[run]\nbranch = True\nparallel = True\ndata_file = {data_file}\n"
            f"source = {asyncio_dir}\nomit = {omit}\n"
            # The runner and most children never import asyncio.
            "disable_warnings = no-data-collected, module-not-imported\n"
            "[report]\nexclude_lines =\n    " + NO_COVER + "\n"
            + "".join(f"    def {name}\\(\n" for name in PROACTOR_ONLY))


def environment(base, rc):
    env = dict(base)
    env["PYTHONPATH"] = str(SITE) + (":" + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["COVERAGE_PROCESS_START"] = str(rc)
    return env


def _public(name):
    return not name.startswith("_")


def _is_docstring(statement):
    return (isinstance(statement, ast.Expr) and isinstance(statement.value, ast.Constant)
            and isinstance(statement.value.value, str))


def _is_stub(body):
    """An interface's placeholder: nothing, pass, or raise NotImplementedError;
    a subclass overrides it, so no scenario could run it."""
    if not body:
        return True
    if len(body) > 1:
        return False
    statement = body[0]
    if isinstance(statement, ast.Pass):
        return True
    if isinstance(statement, ast.Raise) and statement.exc is not None:
        exc = statement.exc.func if isinstance(statement.exc, ast.Call) else statement.exc
        return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"
    return False


def public_functions(tree):
    """(qualified name, body line range) of the module's public functions and
    the public methods of its public classes, stubs left out; a docstring is
    not the body."""
    found = []

    def body_lines(node):
        body = node.body[1:] if node.body and _is_docstring(node.body[0]) else node.body
        if _is_stub(body):
            return None
        return range(body[0].lineno, body[-1].end_lineno + 1)

    functions = (ast.FunctionDef, ast.AsyncFunctionDef)
    for node in tree.body:
        if isinstance(node, functions) and _public(node.name):
            found.append((node.name, body_lines(node)))
        elif isinstance(node, ast.ClassDef) and _public(node.name):
            for item in node.body:
                if isinstance(item, functions) and _public(item.name):
                    found.append((f"{node.name}.{item.name}", body_lines(item)))
    return [(name, lines) for name, lines in found if lines is not None]


def unreached(source_text, executed):
    """The public functions and methods none of whose body lines ran."""
    ran = set(executed)
    return [name for name, lines in public_functions(ast.parse(source_text))
            if not ran.intersection(lines)]


def modules(report, asyncio_dir):
    """Per module of Lib/asyncio (every one, run or not, but the left-out ones):
    (name, statements, covered, branches, covered branches, unreached functions)."""
    files = {Path(path).name: data for path, data in report["files"].items()}
    rows = []
    for path in sorted(Path(asyncio_dir).glob("*.py")):
        if path.name in LEFT_OUT:
            continue
        data = files.get(path.name)
        text = path.read_text()
        if data is None:       # never imported: every statement is missed
            names = [name for name, _ in public_functions(ast.parse(text))]
            statements = _statement_count(text)
            rows.append((path.stem, statements, 0, None, 0, names))
            continue
        s = data["summary"]
        rows.append((path.stem, s["num_statements"], s["covered_lines"], s.get("num_branches", 0),
                     s.get("covered_branches", 0), unreached(text, data["executed_lines"])))
    return rows


def _statement_count(text):
    """Lines that start a statement: an estimate for a module that never ran."""
    return len({node.lineno for node in ast.walk(ast.parse(text)) if isinstance(node, ast.stmt)})


def _percent(part, whole):
    return f"{100.0 * part / whole:.0f}%" if whole else "-"


def markdown(rows, oracle, scenarios):
    """The section of docs/conformance.md: the table, then the unreached functions."""
    out = ["## Coverage of the oracle", "",
           f"What the suite's {scenarios} Python editions and their peer programs reach of"
           f" {oracle}'s `asyncio`, measured by `make coverage-oracle` (coverage.py, with the C"
           " accelerator `_asyncio` blocked, so that the pure-Python `Future` and `Task` are"
           f" the ones measured; left out: {', '.join(n[:-3] for n in LEFT_OUT)}, and what only"
           f" they call: {', '.join(f'`{n}`' for n in PROACTOR_ONLY)}).", "",
           "| module | statements | lines | branches | public functions not reached |",
           "|---|---:|---:|---:|---:|"]
    statements = covered = branches = taken = missing = 0
    for name, n, c, b, t, names in rows:
        out.append(f"| `{name}` | {n} | {_percent(c, n)} | {_percent(t, b or 0)} | {len(names)} |")
        statements, covered, branches, taken = statements + n, covered + c, branches + (b or 0), taken + t
        missing += len(names)
    out.append(f"| **all** | {statements} | {_percent(covered, statements)}"
               f" | {_percent(taken, branches)} | {missing} |")
    out += ["", "Public functions and methods that no scenario reaches:", ""]
    out += [f"- `{name}`: " + ", ".join(f"`{n}`" for n in names) for name, *_, names in rows if names]
    return "\n".join(out) + "\n"


def replace_section(document, section):
    """The document with its "## Coverage of the oracle" section (up to the next
    "## " heading or the end) replaced by section, or section appended."""
    heading = section.splitlines()[0]
    lines = document.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if line.rstrip("\n") == heading), None)
    if start is None:
        return document.rstrip("\n") + "\n\n" + section
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    rest = "".join(lines[end:])
    return "".join(lines[:start]) + section + ("\n" + rest if rest else "")
