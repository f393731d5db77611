"""Exhibit "water": leachate from three sources → reclaimed water, recovered ammonia, concentrate.

URL keys (all optional; bad values fall back to the plan's value silently):
  ``m3``    leachate treated [m³/d], 0–3000
  ``reuse`` share of the treated leachate reused as reclaimed water [%], 50–100
  ``nh3``   ammonia nitrogen recovered [%], 80–99.5
  ``cod``   COD removed [%], 50–99
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import water as view
from parkloop.i18n import format_percent, format_quantity
from parkloop.ui.charts import PLOTLY_CONFIG, charts_on_demand, indexed_links, sankey
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, figure, provenance_list
from parkloop.ui.model_data import PLAN, provenance, scenario_result
from parkloop.ui.state import url_slider

PAGE = "water"
NODE_COLOURS = {
    "src_incineration": "#b45309",
    "src_kitchen_waste": "#15803d",
    "src_landfill": "#78716c",
    "plant": "#0f766e",
    "reclaimed": "#1d4ed8",
    "concentrate": "#6b7280",
}


def _sankey(links: list[tuple[str, str, float]], lang: str) -> go.Figure:
    nodes, sources, targets = indexed_links(view.NODES, links)
    return sankey(
        [t(f"water.node.{n}", lang) for n in nodes],
        [NODE_COLOURS[n] for n in nodes],
        sources,
        targets,
        [v for _, _, v in links],
        ["rgba(29,78,216,0.3)" if d == "reclaimed" else "rgba(107,114,128,0.35)" for _, d, _ in links],
        height=320,
        font_size=14,
        value_suffix=" m³/d",
    )


def render() -> None:
    lang, mode = exhibit_start(PAGE)
    base = view.defaults(scenario_result(PLAN)["values"])

    st.subheader(t("water.controls", lang))
    left, right = st.columns(2, gap="large")
    with left:
        m3 = url_slider(t("water.m3", lang), "m3", default=base["m3"], integer=True, **view.M3)
        reuse = url_slider(
            t("water.reuse", lang),
            "reuse",
            default=base["reuse"],
            integer=True,
            format="%d%%",
            help=t("water.reuse_help", lang),
            **view.REUSE_PERCENT,
        )
    with right:
        ammonia = url_slider(
            t("water.ammonia", lang),
            "nh3",
            default=base["ammonia"],
            format="%.1f%%",
            help=t("water.ammonia_help", lang),
            **view.AMMONIA_PERCENT,
        )
        cod = url_slider(
            t("water.cod", lang),
            "cod",
            default=base["cod"],
            integer=True,
            format="%d%%",
            help=t("water.cod_help", lang),
            **view.COD_PERCENT,
        )

    result = scenario_result(PLAN, view.overrides(m3, reuse, ammonia, cod))
    fig = view.figures(result)
    values = result["values"]

    st.subheader(t("water.products", lang))
    row1 = st.columns(3)
    with row1[0]:
        figure(
            t("water.reclaimed", lang),
            format_quantity(fig.reclaimed_m3_per_day, "m3/d", lang),
            lang,
            assumption=t(
                "water.reclaimed_note", lang, year=format_quantity(fig.reclaimed_m3_per_year, "m3", lang)
            ),
        )
    with row1[1]:
        figure(
            t("water.concentrate", lang),
            format_quantity(fig.concentrate_m3_per_day, "m3/d", lang),
            lang,
            assumption=t(
                "water.concentrate_note", lang, year=format_quantity(fig.concentrate_m3_per_year, "m3", lang)
            ),
        )
    with row1[2]:
        figure(
            t("water.electricity", lang),
            format_quantity(fig.electricity_kwh_per_year, "kWh/yr", lang),
            lang,
            assumption=t(
                "water.electricity_note",
                lang,
                per_m3=format_quantity(values["leachate.kwh_per_m3"], "kWh/m³", lang),
            ),
        )
    row2 = st.columns(2)
    with row2[0]:
        figure(
            t("water.ammonia_out", lang),
            format_quantity(fig.ammonia_n_recovered_t_per_year, "t/yr", lang),
            lang,
            assumption=t(
                "water.ammonia_note",
                lang,
                mg=format_quantity(values["leachate.ammonia_mg_per_l"], "mg/L", lang),
            ),
        )
    with row2[1]:
        figure(
            t("water.cod_out", lang),
            format_quantity(fig.cod_removed_t_per_year, "t/yr", lang),
            lang,
            assumption=t(
                "water.cod_note", lang, mg=format_quantity(values["leachate.cod_mg_per_l"], "mg/L", lang)
            ),
        )

    st.subheader(t("water.chart_heading", lang))
    links = view.flow_links(fig)
    if links:
        if charts_on_demand(lang):
            st.plotly_chart(_sankey(links, lang), config={**PLOTLY_CONFIG, "staticPlot": mode == "kiosk"})
    chart_summary(view.chart_summary_text(fig, lang))

    st.subheader(t("water.mix_heading", lang))
    st.markdown(page_section(PAGE, "mix", lang))
    st.markdown(view.source_text(fig, values["leachate.source_shares"], lang))

    st.markdown(
        page_section(
            PAGE,
            "plan",
            lang,
            reuse=format_percent(reuse / 100, lang),
            ammonia=format_percent(ammonia / 100, lang),
            cod=format_percent(cod / 100, lang),
        )
    )

    provenance_list(
        [
            (t("water.in.m3", lang), provenance(PLAN, "leachate.m3_per_day")),
            (t("water.in.reuse", lang), provenance(PLAN, "leachate.reuse_rate")),
            (t("water.in.ammonia", lang), provenance(PLAN, "leachate.ammonia_recovery")),
            (t("water.in.cod", lang), provenance(PLAN, "leachate.cod_removal")),
            (t("water.in.shares", lang), provenance(PLAN, "leachate.source_shares")),
            (t("water.in.kwh", lang), provenance(PLAN, "leachate.kwh_per_m3")),
            (t("water.in.ammonia_mg", lang), provenance(PLAN, "leachate.ammonia_mg_per_l")),
            (t("water.in.cod_mg", lang), provenance(PLAN, "leachate.cod_mg_per_l")),
        ],
        lang,
    )
    with st.expander(t("water.simplified_heading", lang)):
        st.markdown(page_section(PAGE, "simplified", lang))


render()
