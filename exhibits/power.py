"""Exhibit "power" (being built)."""

from parkloop.ui.exhibit import stub

stub("power")
