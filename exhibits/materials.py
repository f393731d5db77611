"""Exhibit "materials": construction waste and bottom ash → recycled aggregate and bricks.

URL keys (all optional; bad values fall back to the scenario's value silently):
  ``t``    construction waste received [t/d], 0–3000
  ``rec``  share of it recycled [%], 50–100 (the rest is rejected to landfill)
  ``agg``  share of the recycled output sold as aggregate [%], 0–100 (the rest becomes bricks)
  ``ash``  share of the incinerator's bottom ash made into bricks [%], 0–100

Thin on purpose: sliders → cached model call → ``parkloop.exhibits.materials`` → draw.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st

from parkloop.content import t
from parkloop.exhibits import materials as view
from parkloop.ui.charts import charts_on_demand, horizontal_bars
from parkloop.ui.exhibit import exhibit_start, explorer_fragment
from parkloop.ui.figures import chart_summary, chart_table, figure_rows, provenance_list
from parkloop.ui.journey import journey_picture, journey_style
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from parkloop.ui.state import slider_columns

PAGE = "materials"


def _chart(fig: view.MaterialsFigures, lang: str) -> alt.Chart:
    """Each product's tonnes a year, stacked by where it came from (rubble or bottom ash)."""
    chart = horizontal_bars(
        view.chart_rows(fig, lang),
        category="product",
        order=[t(f"materials.product.{product}", lang) for product in view.PRODUCTS],
        value="sum(tonnes)",
        value_title=t("materials.axis", lang),
        colour="origin",
        colours=view.origin_colours(lang),
        tooltip=[
            alt.Tooltip("product:N", title=t("materials.tt_product", lang)),
            alt.Tooltip("origin:N", title=t("materials.tt_origin", lang)),
            alt.Tooltip("label:N", title=t("materials.axis", lang)),
        ],
    )
    return chart.encode(order=alt.Order("origin:N", sort="descending"))


@explorer_fragment
def explorer(lang: str, plan: dict[str, Any], constants: dict[str, float]) -> None:
    """Everything a visitor moves and what it changes. A fragment: moving a slider reruns only this
    part, not the title, the story and the lists below (issue 18)."""
    st.header(t("materials.controls", lang), anchor=False)
    sliders = slider_columns(view.sliders(plan["values"], lang))
    result = scenario_result(PLAN, view.overrides(**sliders))
    journey_picture(PAGE, result, lang)
    fig = view.figures(
        result, constants["natural_aggregate_kg_co2_per_t"], constants["fired_brick_kg_co2_per_t"]
    )
    st.header(t("materials.products", lang), anchor=False)
    figure_rows(view.shown_figures(fig, lang), lang)
    st.header(t("materials.chart_heading", lang), anchor=False)
    if charts_on_demand(lang):
        chart = _chart(fig, lang)
        st.altair_chart(chart, width="stretch", alt=t("materials.chart_alt", lang))
        chart_table(chart, lang)
    chart_summary(view.chart_summary_text(fig, lang))
    st.markdown(view.factors_text(fig, constants, lang))


def page() -> None:
    """The page; its names stay local (a fragment keeps the script's globals alive for the session)."""
    lang, _ = exhibit_start(PAGE)
    plan, factors = scenario_result(PLAN), factors_data()
    constants = factors["constants"]
    journey_style(PAGE)  # outside the fragment: the same for every slider position
    explorer(lang, plan, constants)
    provenance_list(view.provenance_items(plan, factors, lang), lang)
    with st.expander(t("materials.simplified_heading", lang)):
        st.markdown(view.simplified_text(constants, lang))


page()
