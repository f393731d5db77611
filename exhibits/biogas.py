"""Exhibit "biogas" (being built)."""

from parkloop.ui.exhibit import stub

stub("biogas")
