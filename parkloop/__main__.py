"""Run ``python -m parkloop``."""

import sys

from parkloop.cli import main

sys.exit(main())
