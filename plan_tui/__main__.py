"""``python -m plan_tui`` runs the same command line as ``plan-tui``."""

import sys

from .cli import main

sys.exit(main())
