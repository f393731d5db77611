"""Exhibit "solar" (being built)."""

from parkloop.ui.exhibit import stub

stub("solar")
