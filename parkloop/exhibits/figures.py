"""What every exhibit's logic hands its page: figures as data, and the model's warnings in words.

An exhibit's logic module declares its figures as a list of :class:`Figure` (label, formatted value,
provenance, the one-sentence assumption, all in the visitor's language); the page draws the list with
:func:`parkloop.ui.figures.figure_columns` and never formats or computes a number itself. Pure: no
Streamlit, tested directly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.i18n import english_safe, normalize_lang, plan_section_label
from parkloop.provenance import ProvenanceView


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


@dataclass(frozen=True)
class Slider:
    """One slider a page draws bound to the URL (:func:`parkloop.ui.state.url_sliders`), declared by the
    exhibit's logic: its words in the visitor's language, its URL key, where it opens and its range."""

    name: str
    """What the logic calls the value (the key of the dict the page gets back)."""
    label: str
    key: str
    """The URL key (``?t=4000``): links and QR codes depend on it, so it never changes."""
    default: float
    min_value: float
    max_value: float
    step: float
    integer: bool = False
    format: str | None = None
    help: str | None = None


def shown_warnings(warnings: Iterable[str], lang: str) -> list[str]:
    """The model's warnings as a visitor of ``lang`` reads them (no Chinese left in English text)."""
    if normalize_lang(lang) == "en":
        return [english_safe(warning, CJK_ALLOWLIST) for warning in warnings]
    return list(warnings)


def illustrative(detail: str, lang: str) -> ProvenanceView:
    """The provenance of an illustrative figure (the project's own, labelled so): ``detail`` says why."""
    return ProvenanceView("illustrative", t("prov.illustrative", lang), detail)


def scenario_provenance(result: Mapping[str, Any], dotted_key: str) -> dict[str, str]:
    """The provenance of one scenario input (``"incineration.tonnes_per_day"``) in a ``scenario_result``
    (``{}`` when the scenario has none): what :func:`parkloop.ui.model_data.provenance` gives, without
    Streamlit."""
    return result["provenance"].get(dotted_key, {})


def plan_figure(section: str, detail: str, lang: str) -> ProvenanceView:
    """The provenance of a figure quoted from the park plan itself (``section`` = ``"二(一)2"``), with
    ``detail`` saying what the plan says there."""
    return ProvenanceView("plan", t("prov.plan", lang, section=plan_section_label(section, lang)), detail)
