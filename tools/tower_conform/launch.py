"""Run a Python edition under another event loop, unmodified.

    python3 launch.py MODULE[:HOOK] EDITION [ARGS...]

Installs the loop (see install below), then runs the edition as __main__ with
sys.argv and sys.path[0] as if it had been started directly. Standard library
only and no package imports: it runs under whatever interpreter has the loop.
"""

import asyncio
import importlib
import os
import runpy
import sys


def _use_loop_factory(factory):
    """Every new event loop, asyncio.run's included, comes from factory."""
    class Policy(asyncio.DefaultEventLoopPolicy):
        def new_event_loop(self):
            return factory()
    asyncio.set_event_loop_policy(Policy())


def install(spec):
    """The documented hook (conformance/README.md):

    MODULE        MODULE.EventLoopPolicy is installed as the policy (uvloop),
                  else MODULE.install() is called (gbulb).
    MODULE:HOOK   HOOK is an event loop policy (class or instance), or a
                  callable taking no arguments that returns a policy, returns
                  a new event loop (a loop factory: asyncio.run and
                  new_event_loop use it), or returns None having installed
                  the loop itself (it may replace asyncio.run, for a loop
                  that must own it, as asyncio-on-Trio does).
    """
    name, _, attr = spec.partition(":")
    module = importlib.import_module(name)
    if not attr:
        if hasattr(module, "EventLoopPolicy"):
            asyncio.set_event_loop_policy(module.EventLoopPolicy())
        elif hasattr(module, "install"):
            module.install()
        else:
            sys.exit(f"launch.py: {name} has neither EventLoopPolicy nor install();"
                     f" name its hook: {name}:HOOK")
        return
    if not hasattr(module, attr):
        sys.exit(f"launch.py: {name} has no {attr}")
    hook = getattr(module, attr)
    if isinstance(hook, type) and issubclass(hook, asyncio.AbstractEventLoopPolicy):
        hook = hook()
    if isinstance(hook, asyncio.AbstractEventLoopPolicy):
        asyncio.set_event_loop_policy(hook)
        return
    made = hook()
    if isinstance(made, asyncio.AbstractEventLoopPolicy):
        asyncio.set_event_loop_policy(made)
    elif isinstance(made, asyncio.AbstractEventLoop):
        made.close()
        _use_loop_factory(hook)
    elif made is not None:
        sys.exit(f"launch.py: {spec} returned {type(made).__name__}, not a policy,"
                 " an event loop or None")


def main():
    if len(sys.argv) < 3:
        sys.exit("usage: launch.py MODULE[:HOOK] EDITION [ARGS...]")
    spec, edition = sys.argv[1], os.path.abspath(sys.argv[2])
    install(spec)
    sys.argv = [sys.argv[2]] + sys.argv[3:]
    sys.path[0] = os.path.dirname(edition)
    runpy.run_path(edition, run_name="__main__")


if __name__ == "__main__":
    main()
