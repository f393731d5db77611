"""Plotly charts shared by the exhibits: one Sankey builder and the chart settings every page uses.

Plotly, because Vega-Lite (altair) has no Sankey mark and Streamlit renders plotly with its own bundled
plotly.js, offline. The pages keep their own colours, labels and sizes; this module keeps the way a
Sankey is put together (and its readable near-black text) in one place.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go
import streamlit as st

PLOTLY_CONFIG = {
    "displayModeBar": False,
    "displaylogo": False,
}  # no toolbar: it fetches nothing, offers nothing
TEXT_COLOUR = "#111827"  # near-black on white: contrast well above 4.5:1
MARGIN = {"l": 8, "r": 8, "t": 8, "b": 8}
HOVER = "%{customdata}<extra></extra>"  # the hover text is the page's own words, nothing else

Link = tuple[str, str, float]


def indexed_links(order: Sequence[str], links: Sequence[Link]) -> tuple[list[str], list[int], list[int]]:
    """The nodes ``links`` use, in ``order``, and each link's source and target as an index into them."""
    nodes = [n for n in order if any(n in (s, d) for s, d, _ in links)]
    index = {n: i for i, n in enumerate(nodes)}
    return nodes, [index[s] for s, _, _ in links], [index[d] for _, d, _ in links]


def sankey(
    labels: Sequence[str],
    colours: Sequence[str],
    sources: Sequence[int],
    targets: Sequence[int],
    values: Sequence[float],
    link_colours: Sequence[str],
    *,
    height: int,
    font_size: int,
    value_suffix: str = "",
    node_hover: Sequence[str] | None = None,
    link_hover: Sequence[str] | None = None,
    arrangement: str = "fixed",
    pad: int = 18,
    thickness: int = 18,
    node_line: dict[str, object] | None = None,
) -> go.Figure:
    """A Sankey figure with near-black text at ``font_size`` and thin margins.

    ``node_hover`` / ``link_hover`` replace plotly's own hover text (numbers without units) with the
    page's sentences; ``node_line`` outlines the node boxes (plotly's default is a thin grey line)."""
    node: dict[str, object] = {
        "label": list(labels),
        "color": list(colours),
        "pad": pad,
        "thickness": thickness,
    }
    if node_hover is not None:
        node |= {"customdata": list(node_hover), "hovertemplate": HOVER}
    if node_line is not None:
        node["line"] = node_line
    link: dict[str, object] = {
        "source": list(sources),
        "target": list(targets),
        "value": list(values),
        "color": list(link_colours),
    }
    if link_hover is not None:
        link |= {"customdata": list(link_hover), "hovertemplate": HOVER}
    figure = go.Figure(
        go.Sankey(
            arrangement=arrangement,
            valueformat=",.0f",
            valuesuffix=value_suffix,
            node=node,
            link=link,
            textfont={"size": font_size, "color": TEXT_COLOUR},
        )
    )
    figure.update_layout(height=height, margin=MARGIN, font={"size": font_size, "color": TEXT_COLOUR})
    return figure


def charts_on_demand(lang: str) -> bool:
    """Whether to draw this page's chart now. Everywhere but on a phone: yes. On a phone (``?mode=phone``,
    how a QR poster opens a station) the story and the numbers come first and a chart waits for a tap on
    "Show the chart" (kept in the URL as ``?chart=1``): a chart pulls in its drawing library (Vega or
    plotly.js, 0.3–1.5 MB before compression) on a slow mobile link. The sentence under each chart is
    shown either way, so nobody misses what the chart says."""
    from parkloop.content import t
    from parkloop.ui.state import DEFAULT_MODE, MODE_STATE, url_toggle

    if st.session_state.get(MODE_STATE, DEFAULT_MODE) != "phone":
        return True
    return url_toggle(t("chart.show", lang), "chart", default=False, help=t("chart.show_help", lang))
