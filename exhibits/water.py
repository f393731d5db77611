"""Exhibit "water" (being built)."""

from parkloop.ui.exhibit import stub

stub("water")
