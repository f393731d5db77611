"""Exhibit "my-garbage" (being built)."""

from parkloop.ui.exhibit import stub

stub("my-garbage")
