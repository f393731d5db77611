"""Page "teacher" (being built)."""

from parkloop.ui.exhibit import stub

stub("teacher")
