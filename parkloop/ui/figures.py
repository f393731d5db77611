"""How exhibits show a figure, its provenance, and the words under a chart.

Every figure a visitor sees can say where it comes from (glossary "Honest figures"): the plan (with its
section), a cited source, or an illustrative assumption — in plain words, one tap away. Every chart has a
one-sentence summary under it, for screen readers and for people who prefer words.

Provenance is given as a dict ``{"kind", "ref", "note"}`` (what
:func:`parkloop.exhibits.figures.scenario_provenance` returns for a scenario input, or a factor's entry in
``factors_data()["provenance"]``), or as a ready :class:`parkloop.provenance.ProvenanceView`, or as
the literal strings ``"model"`` (computed by the park model from the inputs shown) and ``"rough"``
(an everyday equivalent, labelled as rough).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

import streamlit as st

from parkloop.content import t
from parkloop.exhibits.figures import Figure, shown_warnings
from parkloop.model import paths
from parkloop.provenance import ProvenanceView, describe_provenance, load_sources
from parkloop.ui.tables import show_table

BADGE_COLOUR = {
    "plan": "blue",
    "cited": "green",
    "derived": "blue",
    "illustrative": "orange",
    "override": "violet",
    "model": "gray",
}


def provenance_view(provenance: Any, lang: str) -> ProvenanceView:
    """Any accepted provenance form → the words a visitor reads."""
    if isinstance(provenance, ProvenanceView):
        return provenance
    if provenance == "model":
        return ProvenanceView("model", t("prov.model", lang), t("prov.model_detail", lang))
    if provenance == "rough":
        return ProvenanceView("illustrative", t("prov.rough", lang), t("prov.rough_detail", lang))
    if isinstance(provenance, str):
        kind, _, rest = provenance.partition(":")
        ref, _, note = rest.partition("—")
        provenance = {"kind": kind.strip(), "ref": ref.strip(), "note": note.strip()}
    return describe_provenance(provenance, lang, _sources())


@lru_cache(maxsize=1)
def _sources() -> dict[str, dict[str, Any]]:
    """The bibliography, read once for every session and shared (read, never changed). Not
    ``st.cache_data``: that unpickles a copy on every call, and a page asks once per figure (issue 18:
    a quarter of a /power rerun's own time)."""
    return load_sources()


paths.clear_on_data_dir_change(_sources.cache_clear)


def badge(provenance: Any, lang: str) -> str:
    """A Markdown badge naming the kind of provenance (the words carry the meaning, colour repeats it)."""
    view = provenance_view(provenance, lang)
    label = view.label.replace("[", "(").replace("]", ")")
    return f":{BADGE_COLOUR.get(view.kind, 'gray')}-badge[{label}]"


def escape_md(text: str) -> str:
    """Text from data or a visitor, safe inside Markdown (no HTML, no links, no formatting)."""
    return (
        html.escape(str(text))
        .replace("\\", "\\\\")
        .replace("*", "\\*")
        .replace("_", "\\_")
        .replace("[", "\\[")
        .replace("]", "\\]")
        .replace("$", "\\$")
        .replace("`", "\\`")
    )


def figure(
    label: str,
    value: str,
    lang: str,
    *,
    provenance: Any = "model",
    assumption: str | None = None,
    delta: str | None = None,
    key: str | None = None,
) -> None:
    """A big number with its label, and a "where from?" disclosure with the provenance in plain words
    (``assumption``: one sentence of the main assumption behind the number, in ``lang``)."""
    draw_figure(Figure(key or "", label, value, provenance, assumption, delta), lang)


def badge_html(view: ProvenanceView) -> str:
    """The kind of provenance as a small coloured label (the words carry the meaning, colour repeats it)."""
    colour = BADGE_COLOUR.get(view.kind, "gray")
    return f'<span class="parkloop-badge parkloop-badge-{colour}">{html.escape(view.label)}</span>'


def _line(text: str) -> str:
    """One line of text, escaped (a blank line inside would end Markdown's HTML block)."""
    return html.escape(" ".join(str(text).split("\n")))


def _paragraphs(text: str | None) -> str:
    return "".join(
        f"<p>{html.escape(part.strip())}</p>" for part in (text or "").split("\n\n") if part.strip()
    )


def card_html(item: Figure, lang: str) -> str:
    """One figure as a card: its label, the big number and a ``<details>`` "where from?" holding the
    provenance's badge, its detail and the assumption. Escaped: no markup from data.

    HTML, not ``st.metric`` in a bordered container with an ``st.popover``: those were four elements a
    card, and every element is a message the server builds and sends on every rerun (issue 18). A
    ``<details>`` opens with a tap, Enter or Space, and a screen reader announces it as collapsed or
    expanded. The card carries its key as the class ``st-key-<key>``, as a keyed container did."""
    view = provenance_view(item.provenance, lang)
    key = f" st-key-{html.escape(item.key)}" if item.key else ""
    delta = f'<p class="parkloop-figure-delta">{_line(item.delta)}</p>' if item.delta else ""
    body = badge_html(view) + _paragraphs(view.detail) + _paragraphs(item.assumption)
    return (
        f'<div class="parkloop-figure{key}">'
        f'<p class="parkloop-figure-label">{_line(item.label)}</p>'
        f'<p class="parkloop-figure-value">{_line(item.value)}</p>{delta}'
        f'<details class="parkloop-where-from"><summary>{html.escape(t("prov.where_from", lang))}</summary>'
        f'<div class="parkloop-where-from-body">{body}</div></details></div>'
    )


def figures_html(groups: Sequence[Sequence[Figure]], lang: str, layout: str) -> str:
    """Cards in groups side by side (``layout="columns"``: a group is a column) or one under the other
    (``"rows"``: a group is a row). On a phone everything stacks, in the order given. One line of HTML:
    a blank line would end Markdown's HTML block."""
    inner = "".join(
        f'<div class="parkloop-figure-group">{"".join(card_html(item, lang) for item in group)}</div>'
        for group in groups
    )
    return f'<div class="parkloop-figures parkloop-figures-{layout}">{inner}</div>'


def _draw(groups: Sequence[Sequence[Figure]], lang: str, layout: str) -> None:
    # st.markdown, not st.html: the Markdown element's code comes with the page's first text; the Html
    # element's arrives later and would draw the cards after the rest (a layout shift; see frame.py)
    st.markdown(figures_html(groups, lang, layout), unsafe_allow_html=True)


def provenance_list(items: Iterable[tuple[str, Any]], lang: str) -> None:
    """An expander "Where the numbers come from" listing ``(label, provenance)`` pairs."""
    with st.expander(t("prov.list_heading", lang)):
        lines = []
        for label, provenance in items:
            view = provenance_view(provenance, lang)
            line = f"- {escape_md(label)}: {badge(view, lang)}"
            if view.detail:
                line += f"  \n  {escape_md(view.detail)}"
            lines.append(line)
        st.markdown("\n".join(lines))


def chart_summary(text: str) -> None:
    """The one-sentence text under a chart (read by screen readers, visible to everyone)."""
    st.html(f'<p class="parkloop-summary" role="note">{html.escape(text)}</p>')


def figure_columns(columns: Sequence[Sequence[Figure]], lang: str) -> None:
    """Figures side by side, one list per column (on a phone the columns stack: first column first).
    All the cards are one element (:func:`card_html`)."""
    _draw(columns, lang, "columns")


def figure_rows(rows: Sequence[Sequence[Figure]], lang: str) -> None:
    """Figures in rows, one card per column of its row (on a phone the cards stack row by row, left to
    right: the order the list gives). All the cards are one element."""
    _draw(rows, lang, "rows")


def draw_figure(item: Figure, lang: str) -> None:
    """One :class:`Figure` as a card."""
    _draw([[item]], lang, "rows")


def model_warnings(warnings: Iterable[str], heading: str, lang: str) -> None:
    """The model's warnings under ``heading`` (the page's own words), or nothing when there are none."""
    shown = shown_warnings(warnings, lang)
    if shown:
        st.warning(heading + "\n\n" + "\n".join(f"- {escape_md(warning)}" for warning in shown))


def _tooltip_columns(layer: Any) -> list[tuple[str, str, str | None]]:
    """``(field, title, d3 format)`` of a chart layer's tooltip: the words the chart itself offers."""
    import altair as alt

    tooltip = getattr(getattr(layer, "encoding", None), "tooltip", alt.Undefined)
    columns = []
    for item in tooltip if isinstance(tooltip, list) else []:
        # the spec as Vega-Lite reads it: altair 6's attributes (item.title) are property setters
        spec = item.to_dict() if hasattr(item, "to_dict") else {"field": str(item).split(":")[0]}
        name = str(spec.get("field", ""))
        title, number_format = spec.get("title"), spec.get("format")
        columns.append(
            (
                name,
                title if isinstance(title, str) else name,
                number_format if isinstance(number_format, str) else None,
            )
        )
    return columns


def _cell(value: Any, number_format: str | None) -> Any:
    if number_format and isinstance(value, int | float):
        return format(value, number_format)  # d3's ",.1f" is Python's
    return value


def chart_table(chart: Any, lang: str) -> None:
    """The numbers of an altair chart as a table, in an expander under it: a keyboard reaches it, a screen
    reader reads it, a visitor who prefers words gets them. One column per field of the chart's tooltip,
    titled and formatted as the tooltip; a layered chart's first layer that has both."""
    import pandas as pd

    for layer in getattr(chart, "layer", None) or [chart]:
        data, columns = getattr(layer, "data", None), _tooltip_columns(layer)
        if isinstance(data, pd.DataFrame) and columns and all(name in data for name, _, _ in columns):
            rows = [
                {title: _cell(row[name], fmt) for name, title, fmt in columns} for _, row in data.iterrows()
            ]
            with st.expander(t("a11y.chart_table", lang)):
                show_table(rows)
            return


def links_table(
    links: Sequence[tuple[str, str, float]], labels: Mapping[str, str], unit: str, lang: str
) -> None:
    """A Sankey's flows as a table (from, to, amount with its ``unit``), in an expander under the chart;
    ``links`` are ``(source id, target id, amount)``, ``labels`` the nodes' words by id."""
    from parkloop.i18n import format_number

    head = [t(f"a11y.flow_{name}", lang) for name in ("from", "to", "amount")]
    rows = [  # the amount as the language counts (31.4万 GJ; 314,000 GJ), as the hover text says it
        dict(zip(head, (labels[s], labels[d], format_number(value, lang) + unit), strict=True))
        for s, d, value in links
    ]
    with st.expander(t("a11y.chart_table", lang)):
        show_table(rows)
