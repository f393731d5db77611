"""Exhibit "Waste heat → steam": the heat the food-waste plants need, how much of it the incinerator's
waste-heat steam covers, what their gas boiler still burns, and the electricity the turbine gives up for
the steam. The steam stays inside the park: it lowers what the park itself emits, it is no "avoided" credit.

URL key: ``st`` steam sent out in tonnes a year (0–200,000; the plan's figure is 98,000).

Thin on purpose: slider → two cached model calls (with the steam, and without) → ``parkloop.exhibits.steam``.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import steam as view
from parkloop.ui.charts import (
    TEXT_COLOUR,
    charts_on_demand,
    colour_scale,
    counted_rows,
    horizontal_bars,
    number_axis,
)
from parkloop.ui.exhibit import exhibit_start, explorer_fragment
from parkloop.ui.figures import chart_summary, chart_table, figure_columns, model_warnings, provenance_list
from parkloop.ui.journey import journey_picture, journey_style
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from parkloop.ui.state import url_sliders

PAGE = "steam"


def _heat(figures: view.SteamFigures, lang: str, charts: bool) -> None:
    """The chart of the plants' heat against the steam sent, its sentence, and the words if steam is lost
    (``charts``: whether to draw the page's charts, asked once: :func:`charts_on_demand`)."""
    st.header(t("steam.heat_heading", lang), anchor=False)
    if charts:
        chart = _heat_chart(figures, lang)
        st.altair_chart(chart, width="stretch")
        chart_table(chart, lang)
    chart_summary(view.heat_summary_text(figures, lang))


def _heat_chart(figures: view.SteamFigures, lang: str) -> alt.Chart:
    """Two stacked bars in GJ a year (万/亿 in Chinese): what the plants need (steam used + gas boiler)
    and what is sent (steam used + lost)."""
    labels, bars = view.heat_labels(lang), view.heat_bar_labels(lang)
    return horizontal_bars(
        counted_rows(view.heat_rows(figures, labels, bars), "tgj", lang, scale=1000.0),
        category="row",
        order=list(bars.values()),
        value="amount",
        value_title=t("steam.axis_gj", lang),
        colour="part",
        colours={labels[key]: colour for key, colour in view.HEAT_COLOURS.items()},
        tooltip=[
            alt.Tooltip("part:N", title=t("steam.axis_item", lang)),
            alt.Tooltip("amount_text:N", title=t("steam.axis_gj", lang)),
        ],
        lang=lang,
    )


def _gains_and_costs(figures: view.SteamFigures, lang: str, charts: bool) -> None:
    """The chart of what sending steam saves and costs, its sentence, and which ledger each is in."""
    st.header(t("steam.chart_heading", lang), anchor=False)
    if charts:
        chart = _gains_chart(figures, lang)
        st.altair_chart(chart, width="stretch")
        chart_table(chart, lang)
    chart_summary(view.chart_summary_text(figures, lang))
    st.markdown(view.two_ledgers_text(figures, lang))


def _gains_chart(figures: view.SteamFigures, lang: str) -> alt.LayerChart:
    """One bar per item in t CO₂ a year, in 万 in Chinese (the avoided emissions given up left of zero)."""
    labels = view.bar_labels(lang)
    bars = (
        alt.Chart(pd.DataFrame(counted_rows(view.chart_rows(figures, labels), "kt", lang, scale=1000.0)))
        .mark_bar(height=36)
        .encode(
            y=alt.Y("item:N", sort=list(labels.values()), title=None),
            x=alt.X("amount:Q", title=t("steam.axis_co2", lang), axis=number_axis(lang, tickCount=6)),
            color=alt.Color("key:N", scale=colour_scale(view.BAR_COLOURS), legend=None),
            tooltip=[
                alt.Tooltip("item:N", title=t("steam.axis_item", lang)),
                alt.Tooltip("amount_text:N", title=t("steam.axis_co2", lang)),
            ],
        )
        .properties(height=200)
    )
    zero = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color=TEXT_COLOUR).encode(x="x:Q")
    return alt.layer(bars, zero)


@explorer_fragment
def explorer(lang: str, plan: dict[str, Any], factors: dict[str, Any]) -> None:
    """Everything a visitor moves and what it changes. A fragment: moving a slider reruns only this
    part, not the title, the story and the lists below (issue 18)."""
    controls, results = st.columns([2, 3], gap="large")
    with controls:
        st.header(t("steam.controls_heading", lang), anchor=False)
        steam_t = url_sliders([view.steam_slider(plan["values"], lang)])["steam_t_per_year"]
        st.markdown(page_section(PAGE, "how", lang))
    result = scenario_result(PLAN, view.overrides(steam_t))
    figures = view.steam_figures(result, scenario_result(PLAN, view.overrides(0)))
    with results:
        journey_picture(PAGE, result, lang)
        st.header(t("steam.results_heading", lang), anchor=False)
        wasted = view.wasted_text(figures, lang)
        if wasted:
            st.warning(wasted)
        figure_columns(view.shown_figures(figures, steam_t, plan, factors, lang), lang)
    model_warnings(view.other_warnings(result["warnings"]), t("steam.warnings", lang), lang)
    charts = charts_on_demand(lang)  # one "show the charts" toggle on a phone, for both
    _heat(figures, lang, charts)
    _gains_and_costs(figures, lang, charts)


def page() -> None:
    """The page; its names stay local (a fragment keeps the script's globals alive for the session)."""
    lang, _ = exhibit_start(PAGE)
    plan, factors = scenario_result(PLAN), factors_data()
    journey_style(PAGE)  # outside the fragment: the same for every slider position
    explorer(lang, plan, factors)
    with st.expander(t("steam.simplified_heading", lang)):
        st.markdown(page_section(PAGE, "simplified", lang))
    provenance_list(view.provenance_items(plan, factors, lang), lang)


page()
