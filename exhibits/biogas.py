"""Exhibit "biogas": food waste → biogas → electricity or fuel gas; oil → biodiesel; digestate → incinerator.

URL keys (all optional; bad values fall back to the plan's value silently):
  ``t``     food waste digested [t/d], 0–2000
  ``split`` share of the methane burned in gas engines [%], 0–100 (the rest is upgraded to fuel gas)
  ``oil``   oil extracted for biodiesel [% of the food waste], 1.0–3.5
  ``dig``   share of the digestate burned in the incinerator [%], 0–100 (the rest is landfilled)
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from parkloop.content import CJK_ALLOWLIST, page_section, t
from parkloop.exhibits import biogas as view
from parkloop.i18n import english_safe, format_number, format_percent, format_quantity
from parkloop.ui.charts import PLOTLY_CONFIG, charts_on_demand, indexed_links, sankey
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md, figure, provenance_list
from parkloop.ui.model_data import BASELINE, PLAN, factors_data, provenance, scenario_result
from parkloop.ui.state import url_slider

PAGE = "biogas"
NODE_COLOURS = {
    "methane": "#0f766e",
    "leak": "#b91c1c",
    "engines": "#1d4ed8",
    "upgrading": "#7c3aed",
    "electricity": "#1e40af",
    "engine_heat": "#6b7280",
    "fuel_gas": "#6d28d9",
    "upgrading_loss": "#6b7280",
}


def _sankey(links: list[tuple[str, str, float]], lang: str) -> go.Figure:
    nodes, sources, targets = indexed_links(view.ENERGY_NODES, links)
    return sankey(
        [t(f"biogas.node.{n}", lang) for n in nodes],
        [NODE_COLOURS[n] for n in nodes],
        sources,
        targets,
        [v for _, _, v in links],
        ["rgba(15,118,110,0.3)" if d != "leak" else "rgba(185,28,28,0.45)" for _, d, _ in links],
        height=360,
        font_size=14,
        value_suffix=" GJ",
    )


def render() -> None:
    lang, mode = exhibit_start(PAGE)
    plan = scenario_result(PLAN)
    base = view.defaults(plan["values"])

    st.subheader(t("biogas.controls", lang))
    left, right = st.columns(2, gap="large")
    with left:
        tonnes = url_slider(
            t("biogas.tonnes", lang), "t", default=base["tonnes"], integer=True, **view.TONNES
        )
        power = url_slider(
            t("biogas.split", lang),
            "split",
            default=base["power"],
            integer=True,
            format="%d%%",
            help=t("biogas.split_help", lang),
            **view.POWER_PERCENT,
        )
    with right:
        oil = url_slider(
            t("biogas.oil", lang),
            "oil",
            default=base["oil"],
            format="%.1f%%",
            help=t("biogas.oil_help", lang),
            **view.OIL_PERCENT,
        )
        digestate = url_slider(
            t("biogas.digestate", lang),
            "dig",
            default=base["digestate"],
            integer=True,
            format="%d%%",
            help=t("biogas.digestate_help", lang),
            **view.DIGESTATE_PERCENT,
        )
    st.markdown(
        t(
            "biogas.split_now",
            lang,
            power=format_percent(power / 100, lang),
            gas=format_percent(1 - power / 100, lang),
        )
    )

    result = scenario_result(PLAN, view.overrides(tonnes, power, oil, digestate))
    fig = view.figures(result)
    values = result["values"]

    st.subheader(t("biogas.products", lang))
    row1 = st.columns(3)
    with row1[0]:
        figure(
            t("biogas.biogas", lang),
            format_quantity(fig.biogas_nm3_per_day, "Nm3/d", lang),
            lang,
            assumption=t(
                "biogas.biogas_note",
                lang,
                year=format_quantity(fig.biogas_nm3_per_year, "Nm3", lang),
                yield_=format_quantity(values["kitchen_waste.biogas_nm3_per_tonne"], "Nm3/t", lang),
            ),
        )
    with row1[1]:
        figure(
            t("biogas.electricity", lang),
            format_quantity(fig.electricity_kwh_per_year, "kWh/yr", lang),
            lang,
            assumption=t(
                "biogas.electricity_note", lang, own=format_quantity(fig.own_use_kwh_per_year, "kWh/yr", lang)
            ),
        )
    with row1[2]:
        figure(
            t("biogas.fuel_gas", lang),
            format_quantity(fig.fuel_gas_nm3_per_year, "Nm3/yr", lang),
            lang,
            assumption=t("biogas.fuel_gas_note", lang),
        )
    row2 = st.columns(3)
    with row2[0]:
        figure(
            t("biogas.oil_out", lang),
            format_quantity(fig.oil_t_per_year, "t/yr", lang),
            lang,
            assumption=t("biogas.oil_note", lang),
        )
    with row2[1]:
        figure(
            t("biogas.digestate_out", lang),
            format_quantity(fig.digestate_co_incinerated_t_per_year, "t/yr", lang),
            lang,
            assumption=t(
                "biogas.digestate_note",
                lang,
                total=format_quantity(fig.digestate_t_per_year, "t/yr", lang),
                landfilled=format_quantity(fig.digestate_landfilled_t_per_year, "t/yr", lang),
            ),
        )
    with row2[2]:
        figure(
            t("biogas.leak", lang),
            format_quantity(fig.methane_leaked_t_per_year, "t CH4/yr", lang),
            lang,
            assumption=t(
                "biogas.leak_note",
                lang,
                co2e=format_quantity(fig.methane_leaked_t_co2e_per_year, "t CO2e/yr", lang),
                share=format_percent(values["kitchen_waste.methane_leakage_fraction"], lang),
            ),
        )

    # The plan's figures next to the model's
    check = view.handling_check(fig)
    handling = view.handling_text(check, values["kitchen_waste.biogas_nm3_per_tonne"], lang)
    digestate_line = t(
        "biogas.digestate_plan",
        lang,
        plan=format_quantity(view.PLAN_DIGESTATE_T_PER_YEAR, "t/yr", lang),
        model=format_quantity(fig.digestate_co_incinerated_t_per_year, "t/yr", lang),
    )
    box = st.warning if check.exceeds else st.info
    box(handling + "\n\n" + digestate_line)

    st.subheader(t("biogas.chart_heading", lang))
    st.markdown(
        t("biogas.chart_note", lang, share=format_percent(view.landfill_gas_share(result), lang, decimals=0))
    )
    constants = factors_data()["constants"]
    links = view.energy_links(result, constants["ch4_lhv_mj_per_nm3"], constants["mj_per_kwh"])
    if links:
        if charts_on_demand(lang):
            st.plotly_chart(_sankey(links, lang), config={**PLOTLY_CONFIG, "staticPlot": mode == "kiosk"})
    chart_summary(view.chart_summary_text(links, lang))

    # Carbon: what leaks is counted; what the products replace is shown apart
    st.subheader(t("biogas.carbon_heading", lang))
    baseline_rate = scenario_result(BASELINE)["values"]["kitchen_waste.oil_extraction_rate"]
    gain = view.oil_gain(
        values["kitchen_waste.oil_extraction_rate"],
        baseline_rate,
        fig.tonnes_per_day,
        fig.days,
        constants["biodiesel_t_co2_per_t_oil"],
    )
    st.markdown(
        page_section(
            PAGE,
            "carbon",
            lang,
            leak=format_quantity(fig.methane_leaked_t_co2e_per_year, "t CO2e/yr", lang),
            landfilled=format_quantity(fig.landfilled_digestate_t_co2e_per_year, "t CO2e/yr", lang),
            fuel_gas=format_quantity(fig.fuel_gas_avoided_t_co2e_per_year, "t CO2e/yr", lang),
            biodiesel=format_quantity(fig.biodiesel_avoided_t_co2e_per_year, "t CO2e/yr", lang),
            points=format_number(gain.points, lang, signed=True, sig=2),
            baseline=format_percent(baseline_rate, lang),
            extra_oil=format_quantity(gain.extra_oil_t_per_year, "t/yr", lang, signed=True),
            extra_co2=format_quantity(gain.extra_t_co2_per_year, "t CO2/yr", lang, signed=True),
            plan_points=format_number(view.PLAN_OIL_GAIN_POINTS, lang),
            plan_co2=format_quantity(view.PLAN_OIL_GAIN_T_CO2, "t CO2", lang),
        )
    )

    fprov = factors_data()["provenance"]
    provenance_list(
        [
            (t("biogas.in.tonnes", lang), provenance(PLAN, "kitchen_waste.tonnes_per_day")),
            (t("biogas.in.split", lang), provenance(PLAN, "kitchen_waste.to_power_fraction")),
            (t("biogas.in.oil", lang), provenance(PLAN, "kitchen_waste.oil_extraction_rate")),
            (
                t("biogas.in.digestate", lang),
                provenance(PLAN, "kitchen_waste.digestate_to_incineration_fraction"),
            ),
            (t("biogas.in.yield", lang), provenance(PLAN, "kitchen_waste.biogas_nm3_per_tonne")),
            (t("biogas.in.methane", lang), provenance(PLAN, "kitchen_waste.methane_fraction")),
            (t("biogas.in.engine", lang), provenance(PLAN, "kitchen_waste.engine_efficiency")),
            (t("biogas.in.upgrading", lang), provenance(PLAN, "kitchen_waste.upgrading_recovery")),
            (t("biogas.in.leakage", lang), provenance(PLAN, "kitchen_waste.methane_leakage_fraction")),
            (t("biogas.in.landfill_gas", lang), provenance(PLAN, "kitchen_waste.landfill_gas_nm3_per_day")),
            (t("biogas.in.digestate_fraction", lang), provenance(PLAN, "kitchen_waste.digestate_fraction")),
            (t("biogas.in.lhv", lang), fprov["constants.ch4_lhv_mj_per_nm3"]),
            (t("biogas.in.biodiesel", lang), fprov["constants.biodiesel_t_co2_per_t_oil"]),
            (t("biogas.in.natural_gas", lang), fprov["constants.natural_gas_kg_co2_per_nm3"]),
            (t("biogas.in.handling", lang), view.plan_provenance("handling", lang)),
            (t("biogas.in.digestate_plan", lang), view.plan_provenance("digestate", lang)),
            (t("biogas.in.oil_plan", lang), view.plan_provenance("oil", lang)),
        ],
        lang,
    )
    with st.expander(t("biogas.simplified_heading", lang)):
        st.markdown(page_section(PAGE, "simplified", lang))

    warnings = result["warnings"]
    if warnings:
        shown = [english_safe(w, CJK_ALLOWLIST) if lang == "en" else w for w in warnings]
        st.warning(t("biogas.model_warnings", lang) + "\n\n" + "\n".join(f"- {escape_md(w)}" for w in shown))


render()
