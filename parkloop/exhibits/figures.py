"""What every exhibit's logic hands its page: figures as data, and the model's warnings in words.

An exhibit's logic module declares its figures as a list of :class:`Figure` (label, formatted value,
provenance, the one-sentence assumption, all in the visitor's language); the page draws the list with
:func:`parkloop.ui.figures.figure_columns` and never formats or computes a number itself. Pure: no
Streamlit, tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from parkloop.content import CJK_ALLOWLIST
from parkloop.i18n import english_safe, normalize_lang


@dataclass(frozen=True)
class Figure:
    """One big number with its label and its "where from?" (see :func:`parkloop.ui.figures.figure`)."""

    key: str
    """The element key (``fig-…``): tests and outside checks find the figure by it."""
    label: str
    value: str
    provenance: Any = "model"
    """A provenance dict, a :class:`parkloop.provenance.ProvenanceView`, ``"model"`` or ``"rough"``."""
    assumption: str | None = None
    delta: str | None = None


def shown_warnings(warnings: Iterable[str], lang: str) -> list[str]:
    """The model's warnings as a visitor of ``lang`` reads them (no Chinese left in English text)."""
    if normalize_lang(lang) == "en":
        return [english_safe(warning, CJK_ALLOWLIST) for warning in warnings]
    return list(warnings)
