"""Exhibit "sorting" (being built)."""

from parkloop.ui.exhibit import stub

stub("sorting")
