"""Exhibit "materials" (being built)."""

from parkloop.ui.exhibit import stub

stub("materials")
