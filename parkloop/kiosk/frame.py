"""What the app frame does for kiosks, before and after each page. Called by ``app.py`` in every mode.

``before_page`` may draw (an attract screen) and return ``True`` to say "the page itself is not drawn
this run". Placeholders until kiosk mode lands: they do nothing.
"""

from __future__ import annotations


def before_page(lang: str, mode: str, slug: str) -> bool:
    return False


def after_page(lang: str, mode: str, slug: str) -> None:
    return None
