"""The mutants of a C source file: small, plausible mistakes, one per mutant.

Mutation sites are found in the code alone: comments, string and character
literals and preprocessor lines are masked first. Every mutant changes one
line, or swaps two, so a mutant's line numbers are the original's and the
#line directives keep pointing into the book.

The operators:
  negate-comparison      == and !=, < and >=, > and <= exchanged
  off-by-one-comparison  < and <=, > and >= exchanged
  delete-call            a call statement removed (not a release of memory:
                         a leak is invisible to the suite without valgrind)
  swap-calls             two adjacent call statements exchanged, one of them
                         a scheduling call (schedule, call_soon, wake, notify...)
  change-constant        an integer literal: 0 -> 1, 1 -> 0, n -> n + 1
  replace-return         return's value replaced (by 0, or 0 by 1, false by true)
  drop-state-assignment  an assignment to a state field (->state, or a flag
                         set to true or false) removed
"""

import dataclasses
import re

OPERATORS = ("negate-comparison", "off-by-one-comparison", "delete-call", "swap-calls",
             "change-constant", "replace-return", "drop-state-assignment")

NEGATED = {"==": "!=", "!=": "==", "<": ">=", ">=": "<", ">": "<=", "<=": ">"}
OFF_BY_ONE = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}
# A comparison operator, not part of << >> -> <<= >>= or an assignment.
COMPARISON = re.compile(r"(?<![<>=!\-])(==|!=|<=|>=|<|>)(?![<>=])")
INTEGER = re.compile(r"(?<![\w.])(\d+)(?![\w.])")
CALL_STATEMENT = re.compile(r"^(\s*)((?:[A-Za-z_]\w*(?:->|\.))*[A-Za-z_]\w*)\s*\(.*\)\s*;\s*$")
RETURN = re.compile(r"^(\s*)return\s+(.+?)\s*;\s*$")
STATE_ASSIGNMENT = re.compile(r"^\s*[\w\[\]().>-]*(?:->|\.)(?:\w*state\w*\s*=\s*[^=].*"
                              r"|\w+\s*=\s*(?:true|false))\s*;\s*$")
SCHEDULING = re.compile(r"schedule|call_soon|call_later|wake|notify|resume|set_result"
                        r"|set_exception|cancel")
RELEASE = re.compile(r"(?:^|_)(free|release|unref|decref|destroy|dispose)(?:_|$)")
KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "case", "else", "do"}


@dataclasses.dataclass(frozen=True)
class Mutant:
    file: str          # the source's name, e.g. future.c
    line: int          # 1-based line of the first changed line
    operator: str
    before: tuple      # the original lines (one, or two for a swap)
    after: tuple       # what replaces them

    def apply(self, text):
        lines = text.splitlines(keepends=True)
        start = self.line - 1
        span = lines[start:start + len(self.before)]
        if tuple(line.rstrip("\n") for line in span) != self.before:
            raise ValueError(f"{self.file}:{self.line}: the source changed under the mutant")
        lines[start:start + len(self.before)] = [line + "\n" for line in self.after]
        return "".join(lines)

    def diff(self, where=None):
        """The change as a small unified diff; where names the book's line."""
        head = f"@@ {self.file}:{self.line}" + (f" ({where})" if where else "") + f" {self.operator} @@"
        return "\n".join([head] + [f"-{line}" for line in self.before]
                         + [f"+{line}" for line in self.after])


def mask(text):
    """The text with comments, string and character literals and preprocessor
    lines blanked (newlines kept, so offsets and line numbers stay)."""
    out = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        if at_line_start and text[i:].lstrip(" \t").startswith("#"):
            end = i
            while True:       # a directive, with its backslash continuations
                end = text.find("\n", end)
                if end == -1:
                    end = n
                    break
                if text[end - 1] != "\\":
                    break
                end += 1
            out.append(_blank(text[i:end]))
            i = end
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end == -1 else end + 2
        elif text.startswith("//", i):
            end = text.find("\n", i)
            end = n if end == -1 else end
        elif c in "\"'":
            end = i + 1
            while end < n and text[end] != c and text[end] != "\n":
                end += 2 if text[end] == "\\" else 1
            end = min(end + 1, n)
        else:
            out.append(c)
            at_line_start = c == "\n" or (at_line_start and c in " \t")
            i += 1
            continue
        out.append(_blank(text[i:end]))
        at_line_start = False
        i = end
    return "".join(out)


def _blank(chunk):
    return "".join(ch if ch == "\n" else " " for ch in chunk)


def _replace(line, start, end, new):
    return line[:start] + new + line[end:]


def _call_name(code_line):
    """The function a call statement calls, or None."""
    found = CALL_STATEMENT.match(code_line)
    if not found:
        return None
    name = re.split(r"->|\.", found.group(2))[-1]
    if name in KEYWORDS or code_line.count("(") != code_line.count(")"):
        return None
    return name


def _return_value(value):
    return {"0": "1", "1": "0", "true": "false", "false": "true", "-1": "0"}.get(value, "0")


def mutants(name, text):
    """Every mutant of one source file, in order of line and operator."""
    found = []
    lines = text.splitlines()
    code = mask(text).splitlines()
    for number, (line, masked) in enumerate(zip(lines, code), 1):
        if not masked.strip():
            continue

        def add(operator, after, before=(line,)):
            found.append(Mutant(name, number, operator, tuple(before), tuple(after)))

        for match in COMPARISON.finditer(masked):
            op = match.group(1)
            add("negate-comparison", [_replace(line, match.start(), match.end(), NEGATED[op])])
            if op in OFF_BY_ONE:
                add("off-by-one-comparison",
                    [_replace(line, match.start(), match.end(), OFF_BY_ONE[op])])
        called = _call_name(masked)
        if called and not RELEASE.search(called):
            indent = CALL_STATEMENT.match(masked).group(1)
            add("delete-call", [indent + ";"])
        if number < len(lines):
            following = _call_name(code[number])
            if called and following and (SCHEDULING.search(called) or SCHEDULING.search(following)):
                add("swap-calls", [lines[number], line], before=(line, lines[number]))
        for match in INTEGER.finditer(masked):
            value = int(match.group(1))
            new = {0: 1, 1: 0}.get(value, value + 1)
            add("change-constant", [_replace(line, match.start(), match.end(), str(new))])
        returned = RETURN.match(masked)
        if returned and returned.group(2) != "NULL":
            value = returned.group(2)
            start = masked.index(value, len(returned.group(1)) + len("return"))
            add("replace-return",
                [_replace(line, start, start + len(value), _return_value(value))])
        if STATE_ASSIGNMENT.match(masked):
            add("drop-state-assignment", [masked[:len(masked) - len(masked.lstrip())] + ";"])
    return found
