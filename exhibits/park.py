"""Exhibit "park" (being built)."""

from parkloop.ui.exhibit import stub

stub("park")
