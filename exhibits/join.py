"""Page "join" (being built)."""

from parkloop.ui.exhibit import stub

stub("join")
