"""Exhibit "biogas": food waste → biogas → electricity or fuel gas; oil → biodiesel; digestate → incinerator.

URL keys (all optional; bad values fall back to the plan's value silently):
  ``t``     food waste digested [t/d], 0–2000
  ``split`` share of the methane burned in gas engines [%], 0–100 (the rest is upgraded to fuel gas)
  ``oil``   oil extracted for biodiesel [% of the food waste], 1.0–3.5
  ``dig``   share of the digestate burned in the incinerator [%], 0–100 (the rest is landfilled)

Thin on purpose: sliders → cached model call → ``parkloop.exhibits.biogas`` → draw.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import biogas as view
from parkloop.ui.charts import spec_sankey_chart
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, figure_rows, model_warnings, provenance_list
from parkloop.ui.model_data import BASELINE, PLAN, factors_data, scenario_result
from parkloop.ui.state import slider_columns

PAGE = "biogas"


def _plan_check(fig: view.BiogasFigures, values: dict[str, Any], lang: str) -> None:
    """The plan's own biogas and digestate figures next to the model's: a warning when they disagree."""
    check = view.handling_check(fig)
    box = st.warning if check.exceeds else st.info
    box(view.plan_check_text(check, fig, values, lang))


def _energy(result: dict[str, Any], constants: dict[str, float], lang: str, mode: str) -> None:
    """Where the methane's energy goes (a Sankey) and the sentence under it."""
    st.subheader(t("biogas.chart_heading", lang))
    st.markdown(view.chart_note_text(result, lang))
    links = view.energy_links(result, constants["ch4_lhv_mj_per_nm3"], constants["mj_per_kwh"])
    spec_sankey_chart(view.SANKEY, links, lang, mode, height=360, value_suffix=" GJ")
    chart_summary(view.chart_summary_text(links, lang))


def _carbon(fig: view.BiogasFigures, values: dict[str, Any], constants: dict[str, float], lang: str) -> None:
    """What is counted (what leaks) and what the products replace, shown apart."""
    st.subheader(t("biogas.carbon_heading", lang))
    baseline_rate = scenario_result(BASELINE)["values"]["kitchen_waste.oil_extraction_rate"]
    st.markdown(view.carbon_text(fig, values, baseline_rate, constants["biodiesel_t_co2_per_t_oil"], lang))


lang, mode = exhibit_start(PAGE)
plan, factors = scenario_result(PLAN), factors_data()
st.subheader(t("biogas.controls", lang))
sliders = slider_columns(view.sliders(plan["values"], lang))
st.markdown(view.split_text(sliders["power_percent"], lang))
result = scenario_result(PLAN, view.overrides(**sliders))
fig = view.figures(result)
st.subheader(t("biogas.products", lang))
figure_rows(view.shown_figures(fig, result["values"], lang), lang)
_plan_check(fig, result["values"], lang)
_energy(result, factors["constants"], lang, mode)
_carbon(fig, result["values"], factors["constants"], lang)
provenance_list(view.provenance_items(plan, factors, lang), lang)
with st.expander(t("biogas.simplified_heading", lang)):
    st.markdown(page_section(PAGE, "simplified", lang))
model_warnings(result["warnings"], t("biogas.model_warnings", lang), lang)
