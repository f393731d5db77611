"""Exhibit "water": leachate from three sources → reclaimed water, recovered ammonia, concentrate.

URL keys (all optional; bad values fall back to the plan's value silently):
  ``m3``    leachate treated [m³/d], 0–3000
  ``reuse`` share of the treated leachate reused as reclaimed water [%], 50–100
  ``nh3``   ammonia nitrogen recovered [%], 80–99.5
  ``cod``   COD removed by the treatment (a removal efficiency) [%], 99.000–99.990

Thin on purpose: sliders → cached model call → ``parkloop.exhibits.water`` → draw.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import water as view
from parkloop.ui.charts import spec_sankey_chart
from parkloop.ui.exhibit import exhibit_start, explorer_fragment
from parkloop.ui.figures import chart_summary, figure_rows, provenance_list
from parkloop.ui.journey import journey_picture, journey_style
from parkloop.ui.model_data import BASELINE, PLAN, factors_data, scenario_result
from parkloop.ui.state import slider_columns

PAGE = "water"


def _flows(fig: view.WaterFigures, lang: str) -> None:
    """Where the leachate goes (a Sankey) and the sentence under it."""
    st.header(t("water.chart_heading", lang), anchor=False)
    links = view.flow_links(fig)
    spec_sankey_chart(view.SANKEY, links, lang, height=320, value_suffix=" m³/d", key="sankey-water")
    chart_summary(view.chart_summary_text(fig, lang))


@explorer_fragment
def explorer(lang: str, plan: dict[str, Any], base: dict[str, Any]) -> None:
    """Everything a visitor moves and what it changes. A fragment: moving a slider reruns only this
    part, not the title, the story and the lists below (issue 18)."""
    st.header(t("water.controls", lang), anchor=False)
    sliders = slider_columns(view.sliders(plan["values"], lang))
    result = scenario_result(PLAN, view.overrides(**sliders))
    journey_picture(PAGE, result, lang)
    fig, base_fig = view.figures(result), view.figures(base)
    st.header(t("water.products", lang), anchor=False)
    figure_rows(view.shown_figures(fig, base_fig, result["values"], lang), lang)
    if not fig.within_limit:
        st.warning(view.limit_warning(fig, lang))
    st.header(t("water.cod_heading", lang), anchor=False)
    st.markdown(view.cod_cut_text(fig, base_fig, lang))
    _flows(fig, lang)
    st.header(t("water.mix_heading", lang), anchor=False)
    st.markdown(page_section(PAGE, "mix", lang))
    st.markdown(view.source_text(fig, result["values"]["leachate.source_shares"], lang))
    st.markdown(view.plan_text(sliders, lang))


def page() -> None:
    """The page; its names stay local (a fragment keeps the script's globals alive for the session)."""
    lang, _ = exhibit_start(PAGE)
    plan, base = scenario_result(PLAN), scenario_result(BASELINE)
    journey_style(PAGE)  # outside the fragment: the same for every slider position
    explorer(lang, plan, base)
    provenance_list(view.provenance_items(plan, base, factors_data(), lang), lang)
    with st.expander(t("water.simplified_heading", lang)):
        st.markdown(page_section(PAGE, "simplified", lang))


page()
