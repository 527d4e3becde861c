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
