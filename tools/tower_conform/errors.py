"""Errors that stop the runner before or instead of a verdict."""


class SuiteError(Exception):
    """The suite itself is wrong (malformed scenario, expectations or MANIFEST).

    Carries every problem found, so one run lists them all instead of making
    the author fix them one at a time.
    """

    def __init__(self, problems):
        if isinstance(problems, str):
            problems = [problems]
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class UsageError(Exception):
    """The command line or the environment cannot do what was asked."""


class Interrupted(BaseException):
    """A signal asked the runner to stop (SIGINT, SIGTERM, SIGHUP). A
    BaseException, like KeyboardInterrupt, so that no `except Exception` in a
    worker swallows it."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum
