"""Scenario metadata `requires = [...]`: what an edition needs of the language
or the library (`python>=3.11`, `asyncio.TaskGroup`). An edition that dies of
a missing requirement it declares is UNSUPPORTED, not FAIL."""

import re

_PYTHON = re.compile(r"^python>=(\d+)\.(\d+)$")
_API = re.compile(r"^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$")
# A missing module, attribute or builtin (`anext` before 3.10: NameError).
_MISSING_NAME = re.compile(r"^(?:ImportError|ModuleNotFoundError|AttributeError|NameError)\b")


def problem(requirement):
    """Why a requirement is malformed, or None."""
    if _PYTHON.match(requirement) or (_API.match(requirement)
                                      and not requirement.startswith("python")):
        return None
    return f"{requirement!r} is neither python>=X.Y nor a dotted name such as asyncio.TaskGroup"


def unmet(requires, exception_line):
    """The declared requirement an edition's last exception shows missing, or None.

    A SyntaxError is blamed on a declared language level; an ImportError,
    AttributeError or NameError on a declared name whose last part it
    mentions (`builtins.anext` for NameError: name 'anext' is not defined)."""
    if not exception_line:
        return None
    for requirement in requires:
        if _PYTHON.match(requirement):
            if exception_line.startswith("SyntaxError"):
                return requirement
        elif _MISSING_NAME.match(exception_line):
            if re.search(rf"\b{re.escape(requirement.rsplit('.', 1)[-1])}\b", exception_line):
                return requirement
    return None
