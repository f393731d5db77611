"""Exhibit "system" (being built)."""

from parkloop.ui.exhibit import stub

stub("system")
