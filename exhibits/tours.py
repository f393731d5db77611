"""Page "tours" (being built)."""

from parkloop.ui.exhibit import stub

stub("tours")
