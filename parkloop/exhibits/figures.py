"""What every exhibit's logic hands its page: figures as data, and the model's warnings in words.

An exhibit's logic module declares its figures as a list of :class:`Figure` (label, formatted value,
provenance, the one-sentence assumption, all in the visitor's language); the page draws the list with
:func:`parkloop.ui.figures.figure_columns` and never formats or computes a number itself. Pure: no
Streamlit, tested directly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from parkloop.content import t
from parkloop.i18n import (
    format_number,
    format_percent,
    format_quantity,
    plan_section_label,
)
from parkloop.provenance import ProvenanceView, warning_text


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
    """The model's warnings as a visitor of ``lang`` reads them: each known warning in the catalogs'
    words (:func:`parkloop.provenance.warning_text`), never the model's English on a Chinese page."""
    return [warning_text(warning, lang) for warning in warnings]


def illustrative(detail: str, lang: str) -> ProvenanceView:
    """The provenance of an illustrative figure (the project's own, labelled so): ``detail`` says why."""
    return ProvenanceView("illustrative", t("prov.illustrative", lang), detail)


def scenario_provenance(result: Mapping[str, Any], dotted_key: str) -> dict[str, str]:
    """The provenance of one scenario input (``"incineration.tonnes_per_day"``) in a ``scenario_result``
    (``{}`` when the scenario has none)."""
    return result["provenance"].get(dotted_key, {})


def plan_figure(section: str, detail: str, lang: str) -> ProvenanceView:
    """The provenance of a figure quoted from the park plan itself (``section`` = ``"二(一)2"``), with
    ``detail`` saying what the plan says there."""
    return ProvenanceView("plan", t("prov.plan", lang, section=plan_section_label(section, lang)), detail)


# --------------------------------------------------------------------------------------------
# figures and sliders as tables: one row of data each, turned into Figure / Slider by one builder
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Shown:
    """One number as a page writes it: where it comes from (a field of the exhibit's figures dataclass,
    or a scenario input's dotted key, see :func:`figure_sources`) and how it is formatted."""

    source: str
    unit: str | None = None
    """The unit for :func:`parkloop.i18n.format_quantity`; ``None`` with ``style`` percent or number."""
    style: str = "quantity"
    """``"quantity"``, ``"percent"`` (:func:`format_percent`) or ``"number"`` (:func:`format_number`)."""
    options: Mapping[str, Any] = field(default_factory=dict)
    """Keyword options of the formatter (``sig=2``, ``decimals=0``, ``exact=True`` …)."""

    def text(self, sources: Mapping[str, Any], lang: str) -> str:
        value = sources[self.source]
        if self.style == "percent":
            return format_percent(value, lang, **self.options)
        if self.style == "number":
            return format_number(value, lang, **self.options)
        return format_quantity(value, self.unit, lang, **self.options)


def qty(source: str, unit: str, **options: Any) -> Shown:
    """A quantity with its unit (``qty("oil_t_per_year", "t/yr")``)."""
    return Shown(source, unit, "quantity", options)


def pct(source: str, **options: Any) -> Shown:
    """A fraction written as a percent."""
    return Shown(source, None, "percent", options)


def num(source: str, **options: Any) -> Shown:
    """A bare number."""
    return Shown(source, None, "number", options)


def qtys(unit: str, **placeholders: str) -> dict[str, Shown]:
    """Placeholders that all show a quantity in ``unit``: ``qtys("t", ash="bottom_ash_t")``."""
    return {name: qty(source, unit) for name, source in placeholders.items()}


def pcts(decimals: int, **placeholders: str) -> dict[str, Shown]:
    """Placeholders that all show a percent with ``decimals`` decimals."""
    return {name: pct(source, decimals=decimals) for name, source in placeholders.items()}


def filled(fields: Mapping[str, Shown], sources: Mapping[str, Any], lang: str) -> dict[str, str]:
    """A content key's placeholders (``{name: Shown}``) as text, in ``lang``."""
    return {name: shown.text(sources, lang) for name, shown in fields.items()}


@dataclass(frozen=True)
class Phrase:
    """A content key and its placeholders: a sentence written from an exhibit's numbers (the text under a
    chart …), or a figure's value written in words."""

    key: str
    fields: Mapping[str, Shown] = field(default_factory=dict)

    def text(self, sources: Mapping[str, Any], lang: str) -> str:
        return t(self.key, lang, **filled(self.fields, sources, lang))


@dataclass(frozen=True)
class Ref:
    """A figure's provenance taken from the sources as it is (it depends on the scenario or factors)."""

    source: str


@dataclass(frozen=True)
class FigureSpec:
    """One figure of an exhibit's table: the element key, the label's content key, the value, and the
    placeholders of its assumption. The assumption's key is the label's with ``_out`` dropped and
    ``_note`` added (``biogas.oil_out`` → ``biogas.oil_note``)."""

    key: str
    label: str
    value: Shown | Phrase
    fields: Mapping[str, Shown] = field(default_factory=dict)
    provenance: Any = "model"
    """As :attr:`Figure.provenance`, or a :class:`Ref` to one in the sources."""

    @property
    def note(self) -> str:
        return self.label.removesuffix("_out") + "_note"

    def figure(self, sources: Mapping[str, Any], lang: str) -> Figure:
        note = Phrase(self.note, self.fields).text(sources, lang)
        provenance = sources[self.provenance.source] if isinstance(self.provenance, Ref) else self.provenance
        return Figure(self.key, t(self.label, lang), self.value.text(sources, lang), provenance, note)


def figure_sources(figures: Any, *inputs: Mapping[str, Any]) -> dict[str, Any]:
    """What a :class:`Shown` may name: the fields and properties of an exhibit's figures dataclass and
    the ``inputs`` (scenario values by dotted key, the sliders' values …)."""
    sources = dict(vars(figures))
    for name, member in vars(type(figures)).items():
        if isinstance(member, property):
            sources[name] = getattr(figures, name)
    for mapping in inputs:
        sources.update(mapping)
    return sources


def build_figures(
    rows: Sequence[Sequence[FigureSpec]], sources: Mapping[str, Any], lang: str
) -> list[list[Figure]]:
    """Rows of :class:`FigureSpec` as rows of :class:`Figure`, in ``lang`` (see :func:`figure_sources`)."""
    return [[spec.figure(sources, lang) for spec in row] for row in rows]


@dataclass(frozen=True)
class SliderSpec:
    """One slider of an exhibit's table: the :class:`Slider` and the scenario input it sets."""

    name: str
    """The argument of the module's ``overrides`` (and the key of the page's slider values)."""
    scenario_key: str
    url_key: str
    default_name: str
    """The key of the module's ``defaults``."""
    label: str
    """The label's content key; with ``help`` its help text is at ``<label>_help``."""
    limits: tuple[float, float, float]
    """``(min_value, max_value, step)`` as the slider shows them."""
    percent: bool = False
    """The slider shows a percent, the model holds the fraction."""
    format: str | None = None
    help: bool = True
    integer: bool = True

    def slider(self, default: float, lang: str) -> Slider:
        low, high, step = self.limits
        words = t(f"{self.label}_help", lang) if self.help else None
        return Slider(
            self.name,
            t(self.label, lang),
            self.url_key,
            default,
            low,
            high,
            step,
            self.integer,
            self.format,
            words,
        )


def _flat(columns: Iterable[Iterable[SliderSpec]]) -> list[SliderSpec]:
    return [spec for column in columns for spec in column]


def slider_defaults(
    columns: Iterable[Iterable[SliderSpec]], plan_values: Mapping[str, Any]
) -> dict[str, float]:
    """The sliders' opening values from the plan scenario's inputs (fractions as percent), by
    ``default_name``; ``columns`` as :func:`build_sliders` takes them."""
    return {
        spec.default_name: round(plan_values[spec.scenario_key] * 100.0, 6)
        if spec.percent
        else float(plan_values[spec.scenario_key])
        for spec in _flat(columns)
    }


def slider_overrides(columns: Iterable[Iterable[SliderSpec]], values: Iterable[float]) -> dict[str, float]:
    """The scenario overrides of the sliders' ``values`` (one a slider, column by column; percent →
    fraction)."""
    return {
        spec.scenario_key: round(value / 100.0, 6) if spec.percent else float(value)
        for spec, value in zip(_flat(columns), values, strict=True)
    }


def build_sliders(
    columns: Sequence[Sequence[SliderSpec]], plan_values: Mapping[str, Any], lang: str
) -> list[list[Slider]]:
    """Columns of :class:`SliderSpec` as columns of :class:`Slider`, opening on the plan, in ``lang``."""
    base = slider_defaults(columns, plan_values)
    return [[spec.slider(base[spec.default_name], lang) for spec in column] for column in columns]


@dataclass(frozen=True)
class SliderTable:
    """An exhibit's sliders as columns of :class:`SliderSpec`: what its logic module calls ``sliders``,
    ``defaults`` and ``overrides``."""

    columns: tuple[tuple[SliderSpec, ...], ...]

    def sliders(self, plan_values: Mapping[str, Any], lang: str) -> list[list[Slider]]:
        """The sliders in their columns, opening on the plan; named like the arguments of
        :meth:`overrides`."""
        return build_sliders(self.columns, plan_values, lang)

    def defaults(self, plan_values: Mapping[str, Any]) -> dict[str, float]:
        """Slider defaults from the plan scenario's own inputs (so the page opens on the plan)."""
        return slider_defaults(self.columns, plan_values)

    def overrides(self, *values: float, **named: float) -> dict[str, float]:
        """The scenario overrides the sliders stand for (percent → the model's fractions): their values
        in order, or by :attr:`SliderSpec.name` (``overrides(**slider_values)``)."""
        specs = _flat(self.columns)
        values += tuple(named.pop(spec.name) for spec in specs[len(values) :])
        if named:
            raise TypeError(f"unknown sliders: {', '.join(named)}")
        return slider_overrides(self.columns, values)


# --------------------------------------------------------------------------------------------
# a Sankey's nodes as data, and the "where the numbers come from" list as a table
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SankeySpec:
    """An exhibit's Sankey: its nodes in order with their colours by meaning (names in
    :data:`parkloop.ui.charts.COLOURS`), the content prefix of the nodes' words, and the one target whose
    links stand out (``highlight``: colour and opacity) from the rest (``other``)."""

    colours: Mapping[str, str]
    prefix: str
    """``"biogas.node"``: node ``leak`` reads ``t("biogas.node.leak")``."""
    target: str
    highlight: tuple[str, float]
    other: tuple[str, float]

    @property
    def nodes(self) -> tuple[str, ...]:
        return tuple(self.colours)

    def link_colour(self, target: str) -> tuple[str, float]:
        """A link's colour and opacity by where it goes."""
        return self.highlight if target == self.target else self.other

    def node_labels(self, lang: str) -> dict[str, str]:
        """Each node in words, in ``lang``."""
        return {node: t(f"{self.prefix}.{node}", lang) for node in self.nodes}


Source = Callable[[str], Any]


def provenance_table(
    rows: Iterable[tuple[str, Source, str]], prefix: str, lang: str
) -> list[tuple[str, Any]]:
    """A "where the numbers come from" list: each row ``(label, lookup, key)`` reads as the label
    ``t(f"{prefix}.{label}")`` and ``lookup(key)`` (a scenario input's provenance, a factor's …)."""
    return [(t(f"{prefix}.{label}", lang), lookup(key)) for label, lookup, key in rows]
