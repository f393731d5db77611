"""Exhibit "Waste heat → steam": the steam the incinerator sends to the food-waste plant, the gas boiler it
replaces, and the electricity the turbine gives up for it.

URL key: ``st`` steam sent out in tonnes a year (0–200,000; the plan's figure is 98,000).

Thin on purpose: slider → two cached model calls (with the steam, and without) → ``parkloop.exhibits.steam``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import CJK_ALLOWLIST, page_section, t
from parkloop.exhibits import steam as view
from parkloop.i18n import english_safe, format_number, format_percent, format_quantity
from parkloop.ui.charts import charts_on_demand
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md, figure, provenance_list
from parkloop.ui.model_data import PLAN, factors_data, provenance, scenario_result
from parkloop.ui.state import url_slider

PAGE = "steam"
KEY = "incineration.export_steam_t_per_year"
INK = "#1f2937"  # axis text: dark, not the theme's light grey (contrast ≥ 4.5:1)
BAR_COLOURS = {"avoided": "#0f766e", "gas": "#64748b", "given_up": "#b45309", "net": "#1d4ed8"}

lang, mode = exhibit_start(PAGE)
plan = scenario_result(PLAN)
factors = factors_data()
constants_prov = factors["provenance"]

controls, results = st.columns([2, 3], gap="large")
with controls:
    st.subheader(t("steam.controls_heading", lang))
    steam_t = url_slider(
        t("steam.slider", lang),
        "st",
        min_value=0,
        max_value=200_000,
        default=int(plan["values"][KEY]),
        step=2_000,
        integer=True,
        help=t("steam.slider_help", lang),
    )
    st.markdown(page_section(PAGE, "how", lang))

result = scenario_result(PLAN, {KEY: steam_t})
no_steam = scenario_result(PLAN, {KEY: 0})
figures = view.steam_figures(result, no_steam)

with results:
    st.subheader(t("steam.results_heading", lang))
    first, second = st.columns(2)
    with first:
        figure(
            t("steam.steam", lang),
            format_quantity(figures.steam_t, "t/yr", lang),
            lang,
            provenance=provenance(PLAN, KEY) if steam_t == int(plan["values"][KEY]) else {"kind": "override"},
            assumption=t(
                "steam.steam_note",
                lang,
                per_hour=format_quantity(figures.steam_t_per_hour, "t/h", lang, sig=2),
                plan=format_quantity(plan["values"][KEY], "t/yr", lang),
            ),
            key="fig-steam",
        )
        figure(
            t("steam.gas", lang),
            format_quantity(figures.gas_nm3, "Nm3/yr", lang),
            lang,
            provenance=constants_prov["constants.natural_gas_ncv_mj_per_nm3"],
            assumption=t("steam.gas_note", lang),
            key="fig-gas",
        )
        figure(
            t("steam.kwh_given_up", lang),
            format_quantity(figures.kwh_given_up, "kWh/yr", lang),
            lang,
            provenance=provenance(PLAN, "incineration.steam_power_penalty_kwh_per_tonne"),
            assumption=t(
                "steam.kwh_given_up_note",
                lang,
                co2=format_quantity(figures.kwh_given_up_co2_t, "t CO2/yr", lang),
            ),
            key="fig-kwh",
        )
    with second:
        figure(
            t("steam.heat", lang),
            t("steam.heat_value", lang, value=format_number(figures.heat_gj, lang)),
            lang,
            provenance=constants_prov["constants.steam_enthalpy_gj_per_t"],
            assumption=t(
                "steam.heat_note",
                lang,
                share=format_percent(figures.heat_share, lang, decimals=1),
            ),
            key="fig-heat",
        )
        figure(
            t("steam.avoided", lang),
            format_quantity(figures.avoided_co2_t, "t CO2/yr", lang),
            lang,
            provenance=provenance(PLAN, "scenario.heat_t_co2_per_gj"),
            assumption=t(
                "steam.avoided_note",
                lang,
                factor=format_number(figures.heat_factor_t_per_gj, lang),
            ),
            key="fig-avoided",
        )
        figure(
            t("steam.net", lang),
            format_quantity(figures.net_co2_t, "t CO2/yr", lang),
            lang,
            provenance="model",
            assumption=t("steam.net_note", lang),
            key="fig-net",
        )

warnings = list(result["warnings"])
if warnings:
    if lang == "en":
        warnings = [english_safe(w, CJK_ALLOWLIST) for w in warnings]
    st.warning(t("steam.warnings", lang) + "\n\n" + "\n".join(f"- {escape_md(w)}" for w in warnings))

# --- the chart: what sending steam gains and costs ----------------------------------------------
st.subheader(t("steam.chart_heading", lang))
labels = {key: t(f"steam.bar.{key}", lang) for key in view.CHART_ITEMS}
frame = pd.DataFrame(view.chart_rows(figures, labels))
order = [labels[key] for key in view.CHART_ITEMS]
chart = (
    alt.Chart(frame)
    .mark_bar(height=36)
    .encode(
        y=alt.Y("item:N", sort=order, title=None, axis=alt.Axis(labelFontSize=15, labelLimit=420)),
        x=alt.X(
            "kt:Q",
            title=t("steam.axis_kt", lang),
            axis=alt.Axis(labelFontSize=14, titleFontSize=15, tickCount=6),
        ),
        color=alt.Color(
            "key:N",
            scale=alt.Scale(domain=list(view.CHART_ITEMS), range=[BAR_COLOURS[k] for k in view.CHART_ITEMS]),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("item:N", title=t("steam.axis_item", lang)),
            alt.Tooltip("kt:Q", title=t("steam.axis_kt", lang), format=",.1f"),
        ],
    )
    .properties(height=260)
)
rule = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#111827").encode(x="x:Q")
if charts_on_demand(lang):
    st.altair_chart((chart + rule).configure_axis(labelColor=INK, titleColor=INK), width="stretch")
chart_summary(
    t(
        "steam.chart_summary",
        lang,
        steam=format_quantity(figures.steam_t, "t", lang),
        avoided=format_quantity(figures.avoided_co2_t, "t CO2", lang),
        gas=format_quantity(figures.gas_co2_t, "t CO2", lang),
        given_up=format_quantity(figures.kwh_given_up_co2_t, "t CO2", lang),
        net=format_quantity(figures.net_co2_t, "t CO2", lang),
    )
)
st.markdown(
    page_section(
        PAGE,
        "two_factors",
        lang,
        heat_factor=format_number(figures.heat_factor_t_per_gj, lang),
        gas_factor=format_number(figures.gas_factor_t_per_gj, lang, sig=2),
    )
)

with st.expander(t("steam.simplified_heading", lang)):
    st.markdown(page_section(PAGE, "simplified", lang))

provenance_list(
    [
        (t("steam.prov.steam", lang), provenance(PLAN, KEY)),
        (t("steam.prov.enthalpy", lang), constants_prov["constants.steam_enthalpy_gj_per_t"]),
        (t("steam.prov.ncv", lang), constants_prov["constants.natural_gas_ncv_mj_per_nm3"]),
        (t("steam.prov.gas_co2", lang), constants_prov["constants.natural_gas_kg_co2_per_nm3"]),
        (t("steam.prov.heat_factor", lang), provenance(PLAN, "scenario.heat_t_co2_per_gj")),
        (t("steam.prov.penalty", lang), provenance(PLAN, "incineration.steam_power_penalty_kwh_per_tonne")),
        (t("steam.prov.grid", lang), provenance(PLAN, "scenario.grid_kg_co2_per_kwh")),
    ],
    lang,
)
