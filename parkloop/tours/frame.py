"""What the app frame does for QR tours: ``?station=<id>`` opens that station's exhibit.

``route(lang)`` is called by ``app.py`` before navigation; placeholder until tours land.
"""

from __future__ import annotations


def route(lang: str) -> None:
    return None
