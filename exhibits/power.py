"""Exhibit "Garbage → power": how much electricity, CO₂ and ash a day's garbage makes, which ledger each
number belongs to, and — as a labelled comparison in no total — what the same year's waste would emit in
a landfill, year by year (not Beijing's practice since 2020).

URL keys: ``t`` tonnes a day burned (500–6000), ``food`` / ``paper`` / ``plast`` the share of food, paper
and plastics in the garbage in percent (0–50, 0–25, 0–25); the other components fill the rest in the
plan's proportions (``parkloop.exhibits.power.composition``).

Thin on purpose: widgets → cached model call → ``parkloop.exhibits.power`` → draw.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import power as view
from parkloop.model import ScenarioError
from parkloop.ui.charts import COLOURS, charts_on_demand, counted_rows, number_axis
from parkloop.ui.exhibit import exhibit_start, explorer_fragment
from parkloop.ui.figures import chart_summary, chart_table, figure_columns, model_warnings, provenance_list
from parkloop.ui.journey import journey_picture, journey_style
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from parkloop.ui.state import url_sliders

PAGE = "power"


@explorer_fragment
def explorer(lang: str, plan_values: Mapping[str, Any], inputs: Mapping[str, Any]) -> None:
    """Everything a visitor moves and what it changes. A fragment: moving a slider reruns only this
    part, not the title and the story above it, so a class of phones costs the server less. Its
    arguments are the plan's inputs and what the figures take from the plan and the factors
    (``view.figure_inputs``): a slider's rerun reuses them instead of copying the whole plan out of the
    cache again (issue 18)."""
    plan_mix = plan_values["incineration.composition"]
    controls, results = st.columns([2, 3], gap="large")
    with controls:
        tonnes, mix = _controls(plan_values, lang)
    try:
        result = scenario_result(PLAN, view.overrides(tonnes, mix, plan_mix))
    except ScenarioError:  # a physics bound: the sliders cannot reach one, but say it in words if met
        st.warning(view.refused_text(lang))
        result = scenario_result(PLAN)
    figures = view.power_figures(result)
    with results:
        journey_picture(PAGE, result, lang)
        st.header(t("power.results_heading", lang), anchor=False)
        figure_columns(view.figures_from_inputs(figures, inputs, lang), lang)
        st.markdown(view.counted_text(figures, lang))
    model_warnings(result["warnings"], t("power.warnings", lang), lang)
    _landfill(result, lang)


def below(plan: Mapping[str, Any], factors: Mapping[str, Any], lang: str) -> None:
    """What no slider changes: the simplifications and where the numbers come from. Outside the
    fragment, so a slider's rerun does not send them again (issue 18); drawn right under it."""
    with st.expander(t("power.simplified_heading", lang)):
        st.markdown(page_section(PAGE, "simplified", lang))
    provenance_list(view.provenance_items(plan, factors, lang), lang)


def _controls(plan_values: Mapping[str, Any], lang: str) -> tuple[int, dict[str, float]]:
    """The tonnes slider and the three composition sliders; returns the tonnes and the whole mix."""
    st.header(t("power.controls_heading", lang), anchor=False)
    tonnes = url_sliders([view.tonnes_slider(plan_values, lang)])["tonnes_per_day"]
    st.markdown(f"**{t('power.mix_heading', lang)}**")
    plan_mix = plan_values["incineration.composition"]
    percents = url_sliders(view.share_sliders(plan_mix, lang))
    mix = view.composition(view.shares_from_percent(percents), plan_mix)
    st.markdown(view.bins_line(mix, lang) + "\n\n" + t("power.bins_caption", lang))  # two paragraphs
    return tonnes, mix


def _landfill(result: Mapping[str, Any], lang: str) -> None:
    """The labelled comparison: the same year's waste in a landfill, its methane year by year."""
    st.header(t("power.landfill_heading", lang), anchor=False)
    comparison = view.landfill_comparison(result)
    texts = view.landfill_texts(comparison, lang)
    st.markdown(texts.intro)
    if charts_on_demand(lang):
        chart = _landfill_chart(comparison, lang)
        st.altair_chart(chart, width="stretch")
        chart_table(chart, lang)
    chart_summary(texts.summary)
    st.markdown(texts.after)


def _landfill_chart(comparison: view.LandfillComparison, lang: str) -> alt.Chart:
    """One bar a year: the comparison's methane emitted in that year after landfilling, in CO₂e."""
    return (
        alt.Chart(
            pd.DataFrame(counted_rows(view.chart_rows(comparison), "kt", lang, scale=1000.0)),
            title=t("power.chart_title", lang),
        )
        .mark_bar(color=COLOURS[view.COMPARISON_COLOUR])
        .encode(
            x=alt.X(
                "year:O",
                title=t("power.axis_year", lang),
                axis=alt.Axis(labelAngle=0, values=view.tick_years(comparison.horizon_years)),
            ),
            y=alt.Y("amount:Q", title=t("power.axis_co2e", lang), axis=number_axis(lang)),
            tooltip=[
                alt.Tooltip("year:O", title=t("power.axis_year", lang)),
                alt.Tooltip("amount_text:N", title=t("power.axis_co2e", lang)),
            ],
        )
        .properties(height=320)
    )


def page() -> None:
    """The page. Its names stay local: the fragment keeps this script's globals alive for the session,
    and a copy of the whole plan there would cost every connected phone memory."""
    lang, _ = exhibit_start(PAGE)
    plan, factors = scenario_result(PLAN), factors_data()
    journey_style(PAGE)  # outside the fragment: the same for every slider position
    explorer(lang, plan["values"], view.figure_inputs(plan, factors))
    below(plan, factors, lang)


page()
