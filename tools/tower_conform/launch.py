"""Run a Python edition under another event loop, unmodified.

    python3 launch.py uvloop|gbulb EDITION [ARGS...]

Installs the loop's policy, then runs the edition as __main__ with sys.argv
and sys.path[0] as if it had been started directly. Standard library only
and no package imports: it runs under whatever interpreter has the loop.
"""

import os
import runpy
import sys


def _install(loop):
    if loop == "uvloop":
        import asyncio
        import uvloop
        asyncio.set_event_loop_policy(uvloop.EventLoopPolicy())
    elif loop == "gbulb":
        import gbulb
        gbulb.install()
    else:
        sys.exit(f"launch.py: unknown loop {loop!r}")


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: launch.py uvloop|gbulb EDITION [ARGS...]")
    loop, edition = sys.argv[1], os.path.abspath(sys.argv[2])
    _install(loop)
    sys.argv = [sys.argv[2]] + sys.argv[3:]
    sys.path[0] = os.path.dirname(edition)
    runpy.run_path(edition, run_name="__main__")


if __name__ == "__main__":
    main()
