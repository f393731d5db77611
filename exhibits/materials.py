"""Exhibit "materials": construction waste and bottom ash → recycled aggregate and bricks.

URL keys (all optional; bad values fall back to the scenario's value silently):
  ``t``    construction waste received [t/d], 0–3000
  ``rec``  share of it recycled [%], 50–100 (the rest is rejected to landfill)
  ``agg``  share of the recycled output sold as aggregate [%], 0–100 (the rest becomes bricks)
  ``ash``  share of the incinerator's bottom ash made into bricks [%], 0–100
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import materials as view
from parkloop.i18n import format_number, format_quantity
from parkloop.ui.charts import charts_on_demand
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, figure, provenance_list
from parkloop.ui.model_data import PLAN, factors_data, provenance, scenario_result
from parkloop.ui.state import url_slider

TEXT = "#374151"  # axis and legend text: Vega's default grey is below 4.5:1 on white
PAGE = "materials"
ORIGIN_COLOURS = ("#78716c", "#b45309")  # rubble stone grey, ash brown; dark enough on white


def _chart(rows: list[dict], lang: str) -> alt.Chart:
    frame = pd.DataFrame(rows)
    products = [t(f"materials.product.{p}", lang) for p in view.PRODUCTS]
    origins = [t(f"materials.origin.{o}", lang) for o in view.ORIGINS]
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "product:N",
                sort=products,
                title=None,
                axis=alt.Axis(labelFontSize=14, labelLimit=220, labelColor=TEXT),
            ),
            x=alt.X(
                "sum(tonnes):Q",
                title=t("materials.axis", lang),
                axis=alt.Axis(format=",.0f", tickCount=5, labelFontSize=13, labelColor=TEXT, titleColor=TEXT),
            ),
            color=alt.Color(
                "origin:N",
                sort=origins,
                scale=alt.Scale(domain=origins, range=list(ORIGIN_COLOURS)),
                legend=alt.Legend(
                    title=None, orient="top", labelFontSize=14, labelLimit=300, labelColor=TEXT
                ),
            ),
            order=alt.Order("origin:N", sort="descending"),
            tooltip=[
                alt.Tooltip("product:N", title=t("materials.tt_product", lang)),
                alt.Tooltip("origin:N", title=t("materials.tt_origin", lang)),
                alt.Tooltip("label:N", title=t("materials.axis", lang)),
            ],
        )
        .properties(height={"step": 44})
    )


def render() -> None:
    lang, _mode = exhibit_start(PAGE)
    base = view.defaults(scenario_result(PLAN)["values"])

    st.subheader(t("materials.controls", lang))
    left, right = st.columns(2, gap="large")
    with left:
        tonnes = url_slider(
            t("materials.tonnes", lang), "t", default=base["tonnes"], integer=True, **view.TONNES
        )
        recycled = url_slider(
            t("materials.recycled", lang),
            "rec",
            default=base["recycled"],
            integer=True,
            format="%d%%",
            help=t("materials.recycled_help", lang),
            **view.RECYCLED_PERCENT,
        )
    with right:
        aggregate = url_slider(
            t("materials.aggregate", lang),
            "agg",
            default=base["aggregate"],
            integer=True,
            format="%d%%",
            help=t("materials.aggregate_help", lang),
            **view.AGGREGATE_PERCENT,
        )
        ash = url_slider(
            t("materials.ash", lang),
            "ash",
            default=base["ash"],
            integer=True,
            format="%d%%",
            help=t("materials.ash_help", lang),
            **view.ASH_PERCENT,
        )

    result = scenario_result(PLAN, view.overrides(tonnes, recycled, aggregate, ash))
    factors = factors_data()
    agg_factor = factors["constants"]["natural_aggregate_kg_co2_per_t"]
    brick_factor = factors["constants"]["fired_brick_kg_co2_per_t"]
    fig = view.figures(result, agg_factor, brick_factor)

    st.subheader(t("materials.products", lang))
    row = st.columns(3)
    with row[0]:
        figure(
            t("materials.aggregate_out", lang),
            format_quantity(fig.aggregate_t, "t/yr", lang),
            lang,
            assumption=t("materials.aggregate_note", lang),
        )
    with row[1]:
        figure(
            t("materials.bricks_out", lang),
            format_quantity(fig.bricks_t, "t/yr", lang),
            lang,
            assumption=t(
                "materials.bricks_note",
                lang,
                ash=format_quantity(fig.bricks_from_ash_t, "t", lang),
                all_ash=format_quantity(fig.bottom_ash_t, "t", lang),
            ),
        )
    with row[2]:
        figure(
            t("materials.avoided", lang),
            format_quantity(fig.avoided_t_co2, "t CO2/yr", lang),
            lang,
            assumption=t(
                "materials.avoided_note",
                lang,
                aggregate=format_quantity(fig.avoided_aggregate_t_co2, "t CO2", lang),
                bricks=format_quantity(fig.avoided_bricks_t_co2, "t CO2", lang),
            ),
        )

    st.subheader(t("materials.chart_heading", lang))
    if charts_on_demand(lang):
        st.altair_chart(
            _chart(view.chart_rows(fig, lang), lang), width="stretch", alt=t("materials.chart_alt", lang)
        )
    chart_summary(view.chart_summary_text(fig, lang))

    st.markdown(
        page_section(
            PAGE,
            "factors",
            lang,
            aggregate=format_number(agg_factor, lang),
            brick=format_number(brick_factor, lang),
            ratio=format_number(brick_factor / agg_factor if agg_factor else 0, lang),
            rejects=format_quantity(fig.rejects_t, "t/yr", lang),
            electricity=format_quantity(fig.electricity_kwh, "kWh/yr", lang),
        )
    )

    fprov = factors["provenance"]
    provenance_list(
        [
            (t("materials.in.aggregate_factor", lang), fprov["constants.natural_aggregate_kg_co2_per_t"]),
            (t("materials.in.brick_factor", lang), fprov["constants.fired_brick_kg_co2_per_t"]),
            (t("materials.in.tonnes", lang), provenance(PLAN, "construction_waste.tonnes_per_day")),
            (t("materials.in.recycled", lang), provenance(PLAN, "construction_waste.recycled_fraction")),
            (t("materials.in.aggregate", lang), provenance(PLAN, "construction_waste.aggregate_share")),
            (t("materials.in.ash", lang), provenance(PLAN, "incineration.bottom_ash_recycled_fraction")),
            (t("materials.in.ash_fraction", lang), provenance(PLAN, "incineration.bottom_ash_fraction")),
            (t("materials.in.incineration", lang), provenance(PLAN, "incineration.tonnes_per_day")),
            (t("materials.in.kwh", lang), provenance(PLAN, "construction_waste.kwh_per_tonne")),
        ],
        lang,
    )
    with st.expander(t("materials.simplified_heading", lang)):
        st.markdown(
            page_section(
                PAGE,
                "simplified",
                lang,
                aggregate=format_number(agg_factor, lang),
                brick=format_number(brick_factor, lang),
            )
        )


render()
