"""Exhibit "air" (being built)."""

from parkloop.ui.exhibit import stub

stub("air")
