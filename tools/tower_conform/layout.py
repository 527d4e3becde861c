"""Where the pieces of a suite live on disk."""

import dataclasses
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
REPO_ROOT = PACKAGE_DIR.parents[1]
# Installed as a package (pyproject.toml), the scenarios and goldens are in it.
BUNDLED_ROOT = PACKAGE_DIR / "data"


def default_root():
    """The checkout the runner lives in, else the suite bundled with the package."""
    return REPO_ROOT if (REPO_ROOT / "conformance").is_dir() else BUNDLED_ROOT


@dataclasses.dataclass(frozen=True)
class Layout:
    root: Path      # repository root: {root} in templates, build/ for ref
    suite: Path     # conformance/: t<tier>/ folders and expectations/
    golden: Path    # golden/: <id>.out and MANIFEST

    @classmethod
    def from_args(cls, suite=None, golden=None, root=None):
        root = Path(root).resolve() if root else default_root()
        suite = Path(suite).resolve() if suite else root / "conformance"
        golden = Path(golden).resolve() if golden else root / "golden"
        return cls(root=root, suite=suite, golden=golden)

    @property
    def expectations(self):
        return self.suite / "expectations"

    @property
    def ref_editions(self):
        return self.root / "build" / "scenarios"
