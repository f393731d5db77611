"""Exhibit "solar": rooftop PV — kWh a year, CO₂ avoided, share of the park's own electricity use.

URL keys (all optional; bad values fall back to the scenario's value silently):
  ``kwp``   panels installed [kWp], 0–5000
  ``yld``   electricity a year per kWp [kWh/kWp], 1100–1300 (Beijing's range)

Thin on purpose: sliders → cached model call → ``parkloop.exhibits.solar`` → draw.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import streamlit as st

from parkloop.content import t
from parkloop.exhibits import solar as view
from parkloop.ui.charts import charts_on_demand, horizontal_bars
from parkloop.ui.exhibit import exhibit_start, explorer_fragment
from parkloop.ui.figures import chart_summary, chart_table, figure_rows, provenance_list
from parkloop.ui.journey import journey_picture, journey_style
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from parkloop.ui.state import slider_columns

PAGE = "solar"


def _chart(fig: view.SolarFigures, lang: str) -> alt.Chart:
    """What the panels make against what each plant uses, kWh a year."""
    rows = view.chart_rows(fig, lang)
    return horizontal_bars(
        rows,
        category="bar",
        order=[row["bar"] for row in rows],
        value="kwh",
        value_title=t("solar.axis", lang),
        colour="kind",
        colours=view.kind_colours(lang),
        tooltip=[
            alt.Tooltip("bar:N", title=t("solar.tt_bar", lang)),
            alt.Tooltip("label:N", title=t("solar.axis", lang)),
        ],
    )


@explorer_fragment
def explorer(lang: str, plan: dict[str, Any], factors: dict[str, Any]) -> None:
    """Everything a visitor moves and what it changes. A fragment: moving a slider reruns only this
    part, not the title, the story and the lists below (issue 18)."""
    st.header(t("solar.controls", lang), anchor=False)
    sliders = slider_columns(view.sliders(plan["values"], lang))
    result = scenario_result(PLAN, view.overrides(**sliders))
    journey_picture(PAGE, result, lang)
    resident_kwh = factors["equivalents"]["resident_kwh_per_year"]
    fig = view.figures(result, resident_kwh)
    figure_rows(view.shown_figures(fig, sliders, resident_kwh, lang), lang)
    st.info(view.milestone_text(fig, view.is_plan_size(sliders, plan["values"]), lang))
    st.header(t("solar.chart_heading", lang), anchor=False)
    if charts_on_demand(lang):
        chart = _chart(fig, lang)
        st.altair_chart(chart, width="stretch", alt=t("solar.chart_alt", lang))
        chart_table(chart, lang)
    chart_summary(view.chart_summary_text(fig, lang))


def page() -> None:
    """The page; its names stay local (a fragment keeps the script's globals alive for the session)."""
    lang, _ = exhibit_start(PAGE)
    plan, factors = scenario_result(PLAN), factors_data()
    journey_style(PAGE)  # outside the fragment: the same for every slider position
    explorer(lang, plan, factors)
    provenance_list(view.provenance_items(plan, factors, lang), lang)
    with st.expander(t("solar.simplified_heading", lang)):
        # the grid factors it names are the plan's, whatever the sliders say
        st.markdown(
            view.simplified_text(view.figures(plan, factors["equivalents"]["resident_kwh_per_year"]), lang)
        )


page()
