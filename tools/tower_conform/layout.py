"""Where the pieces of a suite live on disk."""

import dataclasses
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclasses.dataclass(frozen=True)
class Layout:
    root: Path      # repository root: {root} in templates, build/ for ref
    suite: Path     # conformance/: t<tier>/ folders and expectations/
    golden: Path    # golden/: <id>.out and MANIFEST

    @classmethod
    def from_args(cls, suite=None, golden=None, root=None):
        root = Path(root).resolve() if root else REPO_ROOT
        suite = Path(suite).resolve() if suite else root / "conformance"
        golden = Path(golden).resolve() if golden else root / "golden"
        return cls(root=root, suite=suite, golden=golden)

    @property
    def expectations(self):
        return self.suite / "expectations"

    @property
    def ref_editions(self):
        return self.root / "build" / "scenarios"
