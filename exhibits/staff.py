"""Page "staff" (being built)."""

from parkloop.ui.exhibit import stub

stub("staff")
