"""Exhibit "Garbage → power": how much electricity, CO₂ and ash a day's garbage makes, and what the same
garbage would release in a landfill over the years.

URL keys: ``t`` tonnes a day burned (500–6000), ``food`` / ``paper`` / ``plast`` the share of food, paper
and plastics in the garbage in percent (0–50, 0–25, 0–25); the other components fill the rest in the
plan's proportions (``parkloop.exhibits.power.composition``).

Thin on purpose: widgets → cached model call → ``parkloop.exhibits.power`` → draw.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import CJK_ALLOWLIST, page_section, t
from parkloop.exhibits import power as view
from parkloop.i18n import english_safe, format_number, format_percent, format_quantity
from parkloop.ui.charts import charts_on_demand
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md, figure, provenance_list
from parkloop.ui.model_data import PLAN, factors_data, provenance, scenario_result
from parkloop.ui.state import url_slider

PAGE = "power"
INK = "#1f2937"  # axis and legend text: dark, not the theme's light grey (contrast ≥ 4.5:1)
COLOURS = {"landfill": "#b45309", "incinerator": "#0f766e"}  # amber / teal, distinct in greyscale too

lang, mode = exhibit_start(PAGE)


@st.fragment
def explorer() -> None:
    """Everything a visitor moves and what it changes. A fragment: moving a slider reruns only this
    part, not the title and the story above it, so a class of phones costs the server less."""
    plan = scenario_result(PLAN)
    plan_mix = plan["values"]["incineration.composition"]
    factors = factors_data()

    controls, results = st.columns([2, 3], gap="large")
    with controls:
        st.subheader(t("power.controls_heading", lang))
        tonnes = url_slider(
            t("power.tonnes", lang),
            "t",
            min_value=500,
            max_value=6000,
            default=int(plan["values"]["incineration.tonnes_per_day"]),
            step=100,
            integer=True,
            help=t("power.tonnes_help", lang),
        )
        st.markdown(f"**{t('power.mix_heading', lang)}**")
        shares = {}
        for name, key in (("food", "food"), ("paper", "paper"), ("plastics", "plast")):
            lo, hi = view.MAIN_LIMITS[name]
            shares[name] = (
                url_slider(
                    t(f"power.share.{name}", lang),
                    key,
                    min_value=int(lo * 100),
                    max_value=int(hi * 100),
                    default=round(plan_mix[name] * 100),
                    step=1,
                    integer=True,
                    format="%d%%",
                )
                / 100.0
            )
        mix = view.composition(shares, plan_mix)
        bins = view.bin_shares(mix)
        st.markdown(
            t(
                "power.bins_line",
                lang,
                food_waste=format_percent(bins["food_waste"], lang, decimals=0),
                recyclables=format_percent(bins["recyclables"], lang, decimals=0),
                residual=format_percent(bins["residual"], lang, decimals=0),
            )
        )
        st.markdown(t("power.bins_caption", lang))

    overrides: dict = {"incineration.tonnes_per_day": tonnes}
    if any(abs(mix[name] - plan_mix[name]) > 1e-9 for name in mix):
        overrides["incineration.composition"] = mix
    result = scenario_result(PLAN, overrides)
    figures = view.power_figures(result)

    with results:
        st.subheader(t("power.results_heading", lang))
        first, second = st.columns(2)
        with first:
            figure(
                t("power.net_kwh", lang),
                format_quantity(figures.net_kwh, "kWh/yr", lang),
                lang,
                provenance="model",
                assumption=t("power.net_kwh_note", lang),
                key="fig-net-kwh",
            )
            figure(
                t("power.fossil", lang),
                format_quantity(figures.fossil_co2_t, "t CO2/yr", lang),
                lang,
                provenance="model",
                assumption=t("power.fossil_note", lang),
                key="fig-fossil",
            )
            figure(
                t("power.bricks", lang),
                format_quantity(figures.bricks_t, "t/yr", lang),
                lang,
                provenance=provenance(PLAN, "incineration.bottom_ash_recycled_fraction"),
                assumption=t(
                    "power.bricks_note",
                    lang,
                    ash=format_quantity(figures.bottom_ash_t, "t/yr", lang),
                ),
                key="fig-bricks",
            )
        with second:
            figure(
                t("power.people", lang),
                t("power.people_value", lang, people=format_number(figures.people, lang, sig=2)),
                lang,
                provenance=factors["provenance"]["equivalents.resident_kwh_per_year"],
                assumption=t(
                    "power.people_note",
                    lang,
                    kwh=format_number(factors["equivalents"]["resident_kwh_per_year"], lang),
                ),
                key="fig-people",
            )
            figure(
                t("power.biogenic", lang),
                format_quantity(figures.biogenic_co2_t, "t CO2/yr", lang),
                lang,
                provenance="model",
                assumption=t("power.biogenic_note", lang),
                key="fig-biogenic",
            )
            figure(
                t("power.heat", lang),
                t("power.heat_value", lang, value=format_number(figures.heating_value_gj_per_t, lang)),
                lang,
                provenance=factors["provenance"].get("composition.food.lhv_mj_per_kg", "model"),
                assumption=t("power.heat_note", lang),
                key="fig-heat",
            )
        st.markdown(page_section(PAGE, "counted", lang))

    warnings = list(result["warnings"])
    if warnings:
        if lang == "en":
            warnings = [english_safe(w, CJK_ALLOWLIST) for w in warnings]
        st.warning(t("power.warnings", lang) + "\n\n" + "\n".join(f"- {escape_md(w)}" for w in warnings))

    # --- the landfill comparison ------------------------------------------------------------------
    st.subheader(t("power.landfill_heading", lang))
    st.markdown(page_section(PAGE, "landfill", lang))
    comparison = view.landfill_comparison(result)
    labels = {
        "landfill": t("power.series.landfill", lang),
        "incinerator": t("power.series.incinerator", lang),
    }
    frame = pd.DataFrame(view.chart_rows(comparison, labels))
    series = [labels["landfill"], labels["incinerator"]]
    chart = (
        alt.Chart(frame)
        .mark_line(strokeWidth=4)
        .encode(
            x=alt.X(
                "year:Q",
                title=t("power.axis_year", lang),
                axis=alt.Axis(labelFontSize=14, titleFontSize=15, tickMinStep=5),
            ),
            y=alt.Y(
                "kt:Q", title=t("power.axis_kt", lang), axis=alt.Axis(labelFontSize=14, titleFontSize=15)
            ),
            color=alt.Color(
                "series:N",
                sort=series,
                scale=alt.Scale(domain=series, range=[COLOURS["landfill"], COLOURS["incinerator"]]),
                legend=alt.Legend(
                    title=None,
                    orient="top",
                    direction="vertical",
                    labelFontSize=15,
                    symbolSize=200,
                    labelLimit=400,
                ),
            ),
            strokeDash=alt.StrokeDash(
                "series:N", sort=series, scale=alt.Scale(domain=series, range=[[1, 0], [8, 6]]), legend=None
            ),
            tooltip=[
                alt.Tooltip("series:N", title=t("power.axis_series", lang)),
                alt.Tooltip("year:Q", title=t("power.axis_year", lang)),
                alt.Tooltip("kt:Q", title=t("power.axis_kt", lang), format=",.0f"),
            ],
        )
        .properties(height=360)
        .configure_axis(labelColor=INK, titleColor=INK)
        .configure_legend(labelColor=INK)
    )
    if charts_on_demand(lang):
        st.altair_chart(chart, width="stretch")
    crossover = comparison.crossover_year
    summary_fields = {
        "waste": format_quantity(figures.waste_t, "t", lang),
        "years": format_number(view.LANDFILL_YEARS, lang),
        "landfill": format_quantity(sum(comparison.yearly_co2e_t), "t CO2e", lang),
        "first_ten": format_percent(comparison.share_first_ten_years, lang, decimals=0),
        "incinerator": format_quantity(comparison.incinerator_co2e_t, "t CO2e", lang),
        "year": format_number(crossover, lang) if crossover else "",
    }
    summary = t("power.chart_summary", lang, **summary_fields)
    summary += " " + (
        t("power.chart_crossover", lang, **summary_fields)
        if crossover
        else t("power.chart_no_crossover", lang, **summary_fields)
    )
    chart_summary(summary)
    st.markdown(
        page_section(
            PAGE,
            "landfill_after",
            lang,
            total=format_quantity(comparison.total_co2e_t, "t CO2e", lang),
            within=format_percent(comparison.share_within_horizon, lang, decimals=0),
            years=format_number(view.LANDFILL_YEARS, lang),
        )
    )

    with st.expander(t("power.simplified_heading", lang)):
        st.markdown(page_section(PAGE, "simplified", lang))

    provenance_list(
        [
            (t("power.prov.tonnes", lang), provenance(PLAN, "incineration.tonnes_per_day")),
            (t("power.prov.kwh_per_t", lang), provenance(PLAN, "incineration.net_kwh_per_tonne")),
            (t("power.prov.steam", lang), provenance(PLAN, "incineration.export_steam_t_per_year")),
            (t("power.prov.composition", lang), provenance(PLAN, "incineration.composition")),
            (t("power.prov.carbon", lang), factors["provenance"]["composition.food.cf"]),
            (t("power.prov.fossil", lang), factors["provenance"]["composition.food.fcf"]),
            (t("power.prov.n2o", lang), provenance(PLAN, "incineration.n2o_g_per_tonne")),
            (t("power.prov.ash", lang), provenance(PLAN, "incineration.bottom_ash_fraction")),
            (t("power.prov.doc", lang), factors["provenance"]["composition.food.doc"]),
            (t("power.prov.k", lang), factors["provenance"]["composition.food.k_per_year"]),
            (t("power.prov.recovery", lang), provenance(PLAN, "landfill_counterfactual.recovery_fraction")),
            (t("power.prov.oxidation", lang), provenance(PLAN, "landfill_counterfactual.oxidation_factor")),
            (t("power.prov.gwp", lang), provenance(PLAN, "scenario.gwp")),
            (t("power.prov.resident", lang), factors["provenance"]["equivalents.resident_kwh_per_year"]),
        ],
        lang,
    )


explorer()
