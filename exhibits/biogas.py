"""Exhibit "biogas": two food-waste plants and the park's landfill → one biogas blend → electricity or fuel
gas (the gas above the handling capacity flared); oil → biodiesel; digestate → incinerator.

URL keys (all optional; bad values fall back to the plan's value silently):
  ``t``     household food waste at the new food-waste plant (厨余) [t/d], 0–2000; the restaurant plant
            (餐厨, 400 t/d) does not move with it
  ``cap``   biogas handling capacity [Nm³/d], 10000–150000 (the plan: 50000)
  ``split`` share of the handled methane burned in gas engines [%], 0–100 (the rest is upgraded to fuel gas)
  ``oil``   oil extracted at the restaurant food-waste plant [% of its waste], 1.0–3.5
  ``dig``   share of the digestate burned in the incinerator [%], 0–100 (the rest is landfilled)

Thin on purpose: sliders → cached model call → ``parkloop.exhibits.biogas`` → draw. The sliders and
what they change are one fragment (a slider's move reruns only that).
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import biogas as view
from parkloop.ui.charts import spec_sankey_chart
from parkloop.ui.exhibit import exhibit_start, explorer_fragment
from parkloop.ui.figures import chart_summary, figure_rows, model_warnings, provenance_list
from parkloop.ui.journey import journey_picture, journey_style
from parkloop.ui.model_data import BASELINE, PLAN, factors_data, scenario_result
from parkloop.ui.state import slider_columns

PAGE = "biogas"


def _gas(fig: view.BiogasFigures, result: dict[str, Any], plan: dict[str, Any], lang: str) -> None:
    """The three sources and their blend, the handling capacity and the flare, and the box that says it."""
    st.header(t("biogas.gas_heading", lang), anchor=False)
    figure_rows(view.shown_figures(fig, result["values"], plan, lang, "gas"), lang)
    box = st.warning if view.flares(fig) else st.info
    box(view.handling_text(fig, result["values"], lang))


def _energy(result: dict[str, Any], constants: dict[str, float], lang: str) -> None:
    """Where the methane's energy goes (a Sankey) and the sentence under it."""
    st.header(t("biogas.chart_heading", lang), anchor=False)
    links = view.energy_links(result, constants)
    st.markdown(view.chart_note_text(links, lang))
    spec_sankey_chart(view.SANKEY, links, lang, height=400, value_suffix=" GJ", key="sankey-biogas")
    chart_summary(view.chart_summary_text(links, lang))


def _carbon(fig: view.BiogasFigures, values: dict[str, Any], constants: dict[str, float], lang: str) -> None:
    """The park's own emissions and what the products avoid elsewhere, apart; then the oil lever."""
    st.header(t("biogas.carbon_heading", lang), anchor=False)
    factor = constants["biodiesel_t_co2_per_t_oil"]
    st.markdown(view.carbon_text(fig, values, factor, lang))
    st.header(t("biogas.oil_heading", lang), anchor=False)
    baseline_rate = scenario_result(BASELINE)["values"]["restaurant_waste.oil_extraction_rate"]
    figure_rows(view.oil_figures(fig, values, baseline_rate, factor, lang), lang)


@explorer_fragment
def explorer(lang: str, plan: dict[str, Any], constants: dict[str, float]) -> None:
    """Everything a visitor moves and what it changes. A fragment: moving a slider reruns only this
    part, not the title, the story and the lists below (issue 18). ``plan`` is the shared plan result
    (never changed), ``constants`` the factors' constants."""
    st.header(t("biogas.controls", lang), anchor=False)
    sliders = slider_columns(view.sliders(plan["values"], lang))
    st.markdown(view.split_text(sliders["power_percent"], lang))
    result = scenario_result(PLAN, view.overrides(**sliders))
    journey_picture(PAGE, result, lang)
    fig = view.figures(result)
    _gas(fig, result, plan, lang)
    st.header(t("biogas.products", lang), anchor=False)
    figure_rows(view.shown_figures(fig, result["values"], plan, lang, "products"), lang)
    _energy(result, constants, lang)
    _carbon(fig, result["values"], constants, lang)
    model_warnings(result["warnings"], t("biogas.model_warnings", lang), lang)


def page() -> None:
    """The page; its names stay local (a fragment keeps the script's globals alive for the session)."""
    lang, _ = exhibit_start(PAGE)
    plan, factors = scenario_result(PLAN), factors_data()
    journey_style(PAGE)  # outside the fragment: the same for every slider position
    explorer(lang, plan, factors["constants"])
    provenance_list(view.provenance_items(plan, factors, lang), lang)
    with st.expander(t("biogas.simplified_heading", lang)):
        st.markdown(page_section(PAGE, "simplified", lang))


page()
