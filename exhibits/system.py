"""Exhibit 多流合一 — the park as one system: five flows as Sankey diagrams, three scenarios.

Thin: two choices and (for the visitor's own plan) four sliders → cached model call → Sankey data from
``parkloop.exhibits.system`` → one cached plotly figure. Plotly, because Vega-Lite (altair) has no Sankey
mark and Streamlit renders plotly with its own bundled plotly.js, offline.

The explorer runs in ``st.fragment``: moving a slider reruns only the chart, not the page's texts.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from parkloop.content import CJK_ALLOWLIST, page_section, t
from parkloop.exhibits.system import (
    FLOWS,
    LEVERS,
    SCENARIOS,
    balance_closes,
    balance_fields,
    link_rows,
    own_overrides,
    sankey_data,
    summary_fields,
    unit_label,
)
from parkloop.i18n import english_safe
from parkloop.provenance import ProvenanceView
from parkloop.ui.charts import PLOTLY_CONFIG, charts_on_demand, sankey
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md, provenance_list
from parkloop.ui.model_data import BASELINE, PLAN, overrides_key, provenance, scenario_result
from parkloop.ui.state import url_choice, url_slider

PAGE = "system"
SCENARIO_NAME = {"baseline": BASELINE, "plan": PLAN, "own": PLAN}


@st.cache_data(show_spinner=False, max_entries=512)
def sankey_figure(flow: str, scenario: str, frozen: tuple, lang: str, narrow: bool) -> go.Figure:
    """The Sankey of one flow, built once per (flow, scenario, slider values, language, width)."""
    result = scenario_result(SCENARIO_NAME[scenario], dict(frozen) or None)
    data = sankey_data(flow, result["flows"][flow], lang)
    font_size = 13 if narrow else 16
    figure = sankey(
        data["labels"],
        data["node_colours"],
        data["sources"],
        data["targets"],
        data["values"],
        data["link_colours"],
        height=max(420, min(760, 34 * len(data["labels"]) + 120)) if not narrow else 520,
        font_size=font_size,
        node_hover=data["node_hover"],
        link_hover=data["link_hover"],
        arrangement="snap",
        pad=14 if narrow else 20,
        thickness=16 if narrow else 22,
        node_line={"color": "#ffffff", "width": 1},
    )
    figure.update_layout(hoverlabel={"font": {"size": font_size + 1}}, paper_bgcolor="#ffffff")
    return figure


def _levers(lang: str) -> dict[str, Any]:
    """The four sliders of the visitor's own plan, starting at the plan's values."""
    plan_values = scenario_result(PLAN)["values"]
    st.markdown(f"**{t('system.levers_heading', lang)}**")
    st.markdown(page_section(PAGE, "own_note", lang))
    values: dict[str, float] = {}
    columns = st.columns(2, gap="large")
    for index, lever in enumerate(LEVERS):
        with columns[index // 2]:
            values[lever.param] = url_slider(
                t(f"system.lever.{lever.param}", lang),
                lever.param,
                min_value=lever.lo,
                max_value=lever.hi,
                default=float(plan_values[lever.key]),
                step=lever.step,
                integer=lever.step >= 1,
            )
    return own_overrides(values)


def _table(flow: str, graph: dict[str, Any], lang: str) -> None:
    rows = link_rows(flow, graph, lang)
    frame = pd.DataFrame(
        {
            t("system.col_source", lang): [r["source"] for r in rows],
            t("system.col_target", lang): [r["target"] for r in rows],
            t("system.col_value", lang): [r["value"] for r in rows],
        }
    )
    with st.expander(t("system.table_heading", lang), key="system-table"):
        st.table(frame, hide_index=True)


@st.fragment
def explorer(lang: str, narrow: bool) -> None:
    """Choices, sliders, chart, summary and table: the part of the page a visitor moves."""
    flow_column, scenario_column = st.columns(2, gap="large")
    with flow_column:
        flow = url_choice(
            t("system.flow_label", lang),
            "flow",
            options=FLOWS,
            default="material",
            format_func=lambda f: t(f"system.flow.{f}", lang),
        )
    with scenario_column:
        scenario = url_choice(
            t("system.scenario_label", lang),
            "scenario",
            options=SCENARIOS,
            default="plan",
            format_func=lambda s: t(f"system.scenario.{s}", lang),
        )
    overrides: dict[str, Any] = {}
    if scenario == "own":
        with st.container(border=True, key="system-levers"):
            overrides = _levers(lang)

    result = scenario_result(SCENARIO_NAME[scenario], overrides or None)
    graph, balance = result["flows"][flow], result["balances"][flow]
    flow_name, scenario_name = t(f"system.flow.{flow}", lang), t(f"system.scenario.{scenario}", lang)

    st.subheader(t("system.chart_heading", lang, flow=flow_name, scenario=scenario_name))
    st.markdown(
        f"**{t('system.unit', lang, unit=unit_label(graph['unit'], lang))}** "
        + page_section(PAGE, f"unit_{flow}", lang)
    )
    if charts_on_demand(lang):
        figure = sankey_figure(flow, scenario, overrides_key(overrides), lang, narrow)
        st.plotly_chart(
            figure,
            config=PLOTLY_CONFIG,
            key=f"sankey-{flow}",
            alt=t("system.chart_alt", lang, flow=t(f"system.flow_word.{flow}", lang), scenario=scenario_name),
        )
    chart_summary(page_section(PAGE, "chart_summary", lang, **summary_fields(flow, graph, balance, lang)))

    closes = balance_closes(balance)
    verdict = t("system.balance_ok" if closes else "system.balance_bad", lang)
    badge = f":{'green' if closes else 'red'}-badge[{verdict}]"
    balance_text = t("system.balance", lang, **balance_fields(balance, graph["unit"], lang))
    st.markdown(f"{badge} {balance_text}")
    st.markdown(page_section(PAGE, "balance_note", lang))
    _table(flow, graph, lang)

    items: list[tuple[str, Any]] = [(t("system.prov_flows", lang), "model")]
    if flow == "money":
        items.append(
            (
                t("system.prov_prices", lang),
                ProvenanceView(
                    "illustrative", t("prov.illustrative", lang), t("system.prov_prices_detail", lang)
                ),
            )
        )
    items += [(t(f"system.lever.{lever.param}", lang), provenance(PLAN, lever.key)) for lever in LEVERS]
    provenance_list(items, lang)

    warnings = list(result["warnings"])
    if lang == "en":
        warnings = [english_safe(w, CJK_ALLOWLIST) for w in warnings]
    if warnings:
        st.warning(t("system.warnings", lang) + "\n\n" + "\n".join(f"- {escape_md(w)}" for w in warnings))


def render() -> None:
    lang, mode = exhibit_start("system")
    st.markdown(page_section(PAGE, "five_flows", lang))
    explorer(lang, mode == "phone")


render()
