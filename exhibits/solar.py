"""Exhibit "solar": rooftop PV — kWh a year, CO₂ avoided, share of the park's own electricity use.

URL keys (all optional; bad values fall back to the scenario's value silently):
  ``kwp``   panels installed [kWp], 0–5000
  ``yld``   electricity a year per kWp [kWh/kWp], 1100–1300 (Beijing's range)
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import solar as view
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.ui.charts import charts_on_demand
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, figure, provenance_list
from parkloop.ui.model_data import PLAN, factors_data, provenance, scenario_result
from parkloop.ui.state import url_slider

TEXT = "#374151"  # axis and legend text: Vega's default grey is below 4.5:1 on white
PAGE = "solar"
KIND_COLOURS = ("#b45309", "#1d4ed8")  # makes: amber; uses: blue (both ≥ 4.5:1 on white)


def _chart(rows: list[dict], lang: str) -> alt.Chart:
    frame = pd.DataFrame(rows)
    kinds = [t("solar.kind.make", lang), t("solar.kind.use", lang)]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "bar:N",
                sort=list(frame["bar"]),
                title=None,
                axis=alt.Axis(labelFontSize=14, labelLimit=220, labelColor=TEXT),
            ),
            x=alt.X(
                "kwh:Q",
                title=t("solar.axis", lang),
                axis=alt.Axis(format=",.0f", tickCount=5, labelFontSize=13, labelColor=TEXT, titleColor=TEXT),
            ),
            color=alt.Color(
                "kind:N",
                sort=kinds,
                scale=alt.Scale(domain=kinds, range=list(KIND_COLOURS)),
                legend=alt.Legend(
                    title=None, orient="top", labelFontSize=14, labelLimit=300, labelColor=TEXT
                ),
            ),
            tooltip=[
                alt.Tooltip("bar:N", title=t("solar.tt_bar", lang)),
                alt.Tooltip("label:N", title=t("solar.axis", lang)),
            ],
        )
        .properties(height={"step": 44})
    )


def render() -> None:
    lang, _mode = exhibit_start(PAGE)
    base = view.defaults(scenario_result(PLAN)["values"])

    st.subheader(t("solar.controls", lang))
    left, right = st.columns(2, gap="large")
    with left:
        kwp = url_slider(
            t("solar.kwp", lang),
            "kwp",
            default=base["kwp"],
            integer=True,
            help=t("solar.kwp_help", lang),
            **view.KWP,
        )
    with right:
        kwh_per_kwp = url_slider(
            t("solar.yield", lang),
            "yld",
            default=base["yield"],
            integer=True,
            help=t("solar.yield_help", lang),
            **view.YIELD,
        )

    result = scenario_result(PLAN, view.overrides(kwp, kwh_per_kwp))
    factors = factors_data()
    resident_kwh = factors["equivalents"]["resident_kwh_per_year"]
    fig = view.figures(result, resident_kwh)

    row = st.columns(4)
    with row[0]:
        figure(
            t("solar.kwh", lang),
            format_quantity(fig.kwh_per_year, "kWh/yr", lang),
            lang,
            assumption=t(
                "solar.kwh_note", lang, kwp=format_number(kwp, lang), yld=format_number(kwh_per_kwp, lang)
            ),
        )
    with row[1]:
        figure(
            t("solar.avoided", lang),
            format_quantity(fig.avoided_t_co2, "t CO2/yr", lang),
            lang,
            assumption=t(
                "solar.avoided_note",
                lang,
                grid=format_number(fig.grid_kg_co2_per_kwh, lang, exact=True),
                simple=format_quantity(fig.simple_t_co2, "t CO2/yr", lang),
            ),
        )
    with row[2]:
        figure(
            t("solar.share", lang),
            format_percent(fig.share_of_use, lang),
            lang,
            assumption=t(
                "solar.share_note", lang, use=format_quantity(fig.park_use_total_kwh, "kWh/yr", lang)
            ),
        )
    with row[3]:
        figure(
            t("solar.residents", lang),
            format_number(fig.residents, lang, sig=2),
            lang,
            provenance="rough",
            assumption=t("solar.residents_note", lang, per=format_quantity(resident_kwh, "kWh/yr", lang)),
        )

    is_plan_size = kwp == base["kwp"] and kwh_per_kwp == base["yield"]
    st.info(view.milestone_text(fig, is_plan_size, lang))

    st.subheader(t("solar.chart_heading", lang))
    if charts_on_demand(lang):
        st.altair_chart(
            _chart(view.chart_rows(fig, lang), lang), width="stretch", alt=t("solar.chart_alt", lang)
        )
    chart_summary(view.chart_summary_text(fig, lang))

    fprov = factors["provenance"]
    provenance_list(
        [
            (t("solar.in.kwp", lang), provenance(PLAN, "solar.kwp")),
            (t("solar.in.yield", lang), provenance(PLAN, "solar.kwh_per_kwp")),
            (t("solar.in.grid", lang), provenance(PLAN, "scenario.grid_kg_co2_per_kwh")),
            (t("solar.in.milestone", lang), view.milestone_provenance(lang)),
            (t("solar.in.resident", lang), fprov["equivalents.resident_kwh_per_year"]),
        ],
        lang,
    )
    with st.expander(t("solar.simplified_heading", lang)):
        st.markdown(
            page_section(
                PAGE, "simplified", lang, grid=format_number(fig.grid_kg_co2_per_kwh, lang, exact=True)
            )
        )


render()
