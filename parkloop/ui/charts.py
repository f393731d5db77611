"""The charts' look, declared once: the colours, the altair theme every Vega-Lite chart gets, and the
exhibits' Sankey diagrams (Vega-Lite has no Sankey mark: :mod:`parkloop.exhibits.sankey_svg` draws them
as inline SVG on the server, so no chart library is sent for them).

Importing this module registers and enables the ``parkloop`` altair theme (the frame imports it), so a
page's chart says only what it shows — its marks, fields and titles — and never its text colour or font
sizes. Colours are named by what they mean (:data:`COLOURS`); every one is ≥ 4.5:1 on white, so a bar's
label in that colour stays readable, and the words (legend, labels) always carry the meaning too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

TEXT_COLOUR = "#111827"  # near-black on white: contrast well above 4.5:1
INK = "#1f2937"  # axis and legend words: Vega's default grey is below 4.5:1 on white
GRID = "#e5e7eb"
COLOURS: dict[str, str] = {
    "teal": "#0f766e",  # the park's colour: what the park makes or saves (5.5:1 on white)
    "amber": "#b45309",  # a cost, a landfill, what is given up (5.0:1)
    "blue": "#1d4ed8",  # electricity, water, what is used (6.7:1)
    "green": "#15803d",  # food waste and biogas (5.0:1)
    "grey": "#4b5563",  # the rest, the incinerator, "other" (7.6:1)
    "slate": "#64748b",  # a conventional alternative (gas boiler) (4.8:1)
    "red": "#b91c1c",  # above a limit — always together with the words that say so (6.5:1)
    "violet": "#6d28d9",  # upgraded fuel gas (7.1:1)
    "stone": "#78716c",  # rubble, construction waste (4.8:1)
}
CATEGORY = ("teal", "amber", "blue", "green", "grey", "violet", "stone", "red")
"""The order of colours of a chart that names none (Vega's ``category`` range)."""
FONT_SIZE = {"label": 16, "title": 16, "legend": 16, "mark": 16}  # px: at least 16 for a kiosk (issue 15)


@alt.theme.register("parkloop", enable=True)
def altair_theme() -> alt.theme.ThemeConfig:
    """Dark, large axis and legend words; the project's colours; no chart border."""
    return {
        "config": {
            "axis": {
                "labelColor": INK,
                "titleColor": INK,
                "gridColor": GRID,
                "labelFontSize": FONT_SIZE["label"],
                "titleFontSize": FONT_SIZE["title"],
                "labelLimit": 420,
            },
            "legend": {
                "labelColor": INK,
                "titleColor": INK,
                "labelFontSize": FONT_SIZE["legend"],
                "titleFontSize": FONT_SIZE["legend"],
                "labelLimit": 300,
            },
            "text": {"color": INK, "fontSize": FONT_SIZE["mark"]},
            "range": {"category": [COLOURS[name] for name in CATEGORY]},
            "view": {"stroke": None},
        }
    }


# Numbers on a chart's axis as each language counts (glossary §12, as the figures are): 万 and 亿 in
# Chinese (400000 → 40万), thousands grouped and "million" in English (400,000; 1.2 million); Chinese
# groups nothing below 1万. Vega expressions, so the ticks Vega picks are labelled the same way.
AXIS_LABEL_EXPR: dict[str, str] = {
    "zh": (
        "abs(datum.value) >= 1e8 ? format(datum.value / 1e8, '.3~r') + '亿'"
        " : abs(datum.value) >= 1e4 ? format(datum.value / 1e4, '.3~r') + '万'"
        " : format(datum.value, '.4~r')"
    ),
    "en": (
        "abs(datum.value) >= 1e6 ? format(datum.value / 1e6, '.3~r') + ' million'"
        " : format(datum.value, ',.4~r')"
    ),
}


def number_axis(lang: str | None = None, **options: Any) -> alt.Axis:
    """A quantitative axis whose numbers read as ``lang`` counts them (:data:`AXIS_LABEL_EXPR`); without
    ``lang``, the session's language. ``options`` go to ``alt.Axis`` (``tickCount`` …)."""
    if lang is None:
        from parkloop.ui.session import LANG_STATE

        lang = str(st.session_state.get(LANG_STATE, "zh"))
    return alt.Axis(labelExpr=AXIS_LABEL_EXPR.get(lang, AXIS_LABEL_EXPR["zh"]), **options)


def counted_rows(
    rows: Sequence[Mapping[str, Any]], field: str, lang: str, *, scale: float = 1.0, sig: int = 3
) -> list[dict[str, Any]]:
    """``rows`` with ``field`` × ``scale`` as ``amount`` (in whole units, for a :func:`number_axis`) and
    ``amount_text``, that number as ``lang`` writes it (``40万``; ``400,000``, ``1.2 million``): a tooltip
    (``alt.Tooltip("amount_text:N")``) and the chart's table show it, since a Vega tooltip's format knows
    no 万. A view that keeps thousands (``kt``) passes ``scale=1000``."""
    from parkloop.i18n import format_number

    counted = []
    for row in rows:
        value = row.get(field)
        amount = None if value is None else float(value) * scale
        counted.append({**row, "amount": amount, "amount_text": format_number(amount, lang, sig=sig)})
    return counted


def colour_scale(colours: dict[str, str]) -> alt.Scale:
    """A colour scale giving each category (the key, as shown) the colour of its meaning (:data:`COLOURS`)."""
    return alt.Scale(domain=list(colours), range=[COLOURS[name] for name in colours.values()])


def horizontal_bars(
    rows: Sequence[Mapping[str, Any]],
    *,
    category: str,
    order: Sequence[str],
    value: str,
    value_title: str,
    colour: str,
    colours: dict[str, str],
    tooltip: Sequence[alt.Tooltip],
    lang: str | None = None,
) -> alt.Chart:
    """Horizontal bars, one row (44 px) per ``category`` in ``order``; ``value`` is the length (an
    aggregate such as ``sum(tonnes)`` stacks the rows of one category); each bar coloured by its
    ``colour`` field with :func:`colour_scale` (``colours``: value as shown → colour name), the legend
    on top without a title; the value axis counts as ``lang`` does (:func:`number_axis`; tooltips
    carry the page's own formatted words)."""
    return (
        alt.Chart(pd.DataFrame(list(rows)))
        .mark_bar()
        .encode(
            y=alt.Y(f"{category}:N", sort=list(order), title=None),
            x=alt.X(f"{value}:Q", title=value_title, axis=number_axis(lang, tickCount=5)),
            color=alt.Color(
                f"{colour}:N",
                sort=list(colours),
                scale=colour_scale(colours),
                legend=alt.Legend(title=None, orient="top"),
            ),
            tooltip=list(tooltip),
        )
        .properties(height={"step": 44})
    )


Link = tuple[str, str, float]


def draw_sankey(figure_html: str, key: str | None = None) -> None:
    """Draw a Sankey made by :func:`parkloop.exhibits.sankey_svg.sankey_html` (inline SVG: its style is
    the frame's, so it is painted with the page). Through ``st.markdown``: ``st.html`` sanitises every SVG
    element away (see :mod:`parkloop.ui.journey`)."""
    with st.container(key=key):
        st.markdown(figure_html, unsafe_allow_html=True)


def links_sankey(
    order: Sequence[str],
    links: Sequence[Link],
    labels: Mapping[str, str],
    node_colours: Mapping[str, str],
    link_colour: Callable[[str], tuple[str, float]],
    *,
    lang: str,
    link_hover: Sequence[str] | None = None,
    **options: Any,
) -> str:
    """A Sankey (HTML with inline SVG) of ``(source, target, value)`` links between nodes named by id,
    in ``order``: each node in its words (``labels``) and its colour by meaning (``node_colours``: id →
    a name in :data:`COLOURS`); each link coloured by its target (``link_colour``: id → (name,
    opacity)), with its hover text (``link_hover``, default :func:`sankey_hover` without a unit).
    ``options`` go to :func:`parkloop.exhibits.sankey_svg.sankey_html` (``wide``, ``alt`` …)."""
    from parkloop.content import t
    from parkloop.exhibits.sankey_svg import Band, Node, sankey_html

    hover = list(link_hover) if link_hover is not None else sankey_hover(links, labels, "", lang)
    bands = []
    for (source, target, value), text in zip(links, hover, strict=True):
        colour, opacity = link_colour(target)
        bands.append(Band(source, target, float(value), COLOURS[colour], text, opacity))
    options.setdefault("alt", t("chart.sankey_alt", lang, links=t("chart.list_separator", lang).join(hover)))
    return sankey_html(
        [Node(node, labels[node], COLOURS[node_colours[node]]) for node in order], bands, lang=lang, **options
    )


def sankey_hover(links: Sequence[Link], labels: Mapping[str, str], unit: str, lang: str) -> list[str]:
    """Each link's hover text: "from → to: amount", the amount as ``lang`` counts (40万, 400,000) followed
    by ``unit`` (a symbol such as " GJ", as the chart's table shows it)."""
    from parkloop.content import t
    from parkloop.i18n import format_number

    return [
        t(
            "chart.link_hover",
            lang,
            source=labels[source],
            target=labels[target],
            value=format_number(value, lang) + unit,
        )
        for source, target, value in links
    ]


def spec_sankey_chart(
    spec: Any,
    links: Sequence[Link],
    lang: str,
    *,
    height: int,
    value_suffix: str = "",
    key: str | None = None,
) -> None:
    """Draw an exhibit's Sankey (a :class:`parkloop.exhibits.figures.SankeySpec` and its ``links``, the
    amounts in ``value_suffix``), when there are links and :func:`charts_on_demand` says so, and the same
    flows as a table under it."""
    from parkloop.exhibits.sankey_svg import Size

    positive = [link for link in links if link[2] > 0]
    if positive and charts_on_demand(lang):
        labels = spec.node_labels(lang)
        # the amounts as the language counts them: 31.4万 GJ in Chinese, 314,000 GJ in English
        hover = sankey_hover(positive, labels, value_suffix, lang)
        draw_sankey(
            links_sankey(
                spec.nodes,
                positive,
                labels,
                spec.colours,
                spec.link_colour,
                lang=lang,
                link_hover=hover,
                wide=Size(height=height),
            ),
            key=key,
        )
        from parkloop.ui.figures import links_table  # the same flows as a table, for keyboards and words

        links_table(positive, labels, value_suffix, lang)


def charts_on_demand(lang: str) -> bool:
    """Whether to draw this page's chart now. Everywhere but on a phone: yes. On a phone (``?mode=phone``,
    how a QR poster opens a station) the story and the numbers come first and a chart waits for a tap on
    "Show the chart" (kept in the URL as ``?chart=1``): a chart pulls in its drawing library (Vega,
    about 0.3–1 MB before compression) on a slow mobile link. The sentence under each chart is
    shown either way, so nobody misses what the chart says."""
    from parkloop.content import t
    from parkloop.ui.state import DEFAULT_MODE, MODE_STATE, url_toggle

    if st.session_state.get(MODE_STATE, DEFAULT_MODE) != "phone":
        return True
    return url_toggle(t("chart.show", lang), "chart", default=False, help=t("chart.show_help", lang))
