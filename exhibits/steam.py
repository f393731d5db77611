"""Exhibit "steam" (being built)."""

from parkloop.ui.exhibit import stub

stub("steam")
