"""Page "lessons" (being built)."""

from parkloop.ui.exhibit import stub

stub("lessons")
