"""Started by coverage-oracle through PYTHONPATH in every Python process the
suite starts (editions, peer programs, their children): block asyncio's C
accelerator, so the pure-Python Future and Task of Lib/asyncio are the ones
that run and are measured, then start coverage.py from COVERAGE_PROCESS_START."""

import sys

# A None entry makes `import _asyncio` raise ImportError, which asyncio
# handles by keeping its Python classes.
sys.modules["_asyncio"] = None

import coverage  # noqa: E402

coverage.process_startup()
