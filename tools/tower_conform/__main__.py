"""python -m tower_conform: the runner of an installed package."""

import sys

from .cli import main

sys.exit(main())
