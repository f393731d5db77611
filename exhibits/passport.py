"""Page "passport" (being built)."""

from parkloop.ui.exhibit import stub

stub("passport")
