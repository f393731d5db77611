"""CSV cells a spreadsheet shows as text and never runs (CSV injection, OWASP).

A spreadsheet treats a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula, so such text gets a leading apostrophe — ``-12`` too, since ``-2+3`` is a formula as much as
``=cmd``. Numbers the program writes (an ``int`` or a ``float``, e.g. a negative CO₂ balance) stay
numbers: no formula fits in one. Used by every CSV ParkLoop writes (kiosk usage, class results).

>>> [escape_cell(cell) for cell in ("=cmd", "-12", "power", -925000.0, None)]
["'=cmd", "'-12", 'power', '-925000', '']
"""

from __future__ import annotations

import math

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet treats a cell starting with one of these as a formula."""


def escape_cell(value: object) -> str:
    """``value`` as a CSV cell: text starting like a formula gets a leading apostrophe; a number is
    written as a number (a float with 6 significant digits, nothing for inf or NaN); ``None`` is empty."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if math.isfinite(value) else ""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell` (only an apostrophe that :func:`escape_cell` could have added)."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES) else text
