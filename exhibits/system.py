"""Exhibit 多流合一 — the park as one system: five flows as Sankey diagrams, three scenarios.

URL keys: ``flow`` the flow drawn (``material``, ``energy``, ``water``, ``carbon``, ``money``),
``scenario`` (``baseline``, ``plan``, ``own``); with ``own``, the four levers ``inc`` / ``kw`` tonnes a
day burned and digested, ``split`` the food waste's share to power, ``reuse`` the leachate reuse rate.

Thin: two choices and (for the visitor's own plan) four sliders → cached model call → Sankey data from
``parkloop.exhibits.system`` → one cached picture, inline SVG drawn on the server
(:mod:`parkloop.exhibits.sankey_svg`: no chart library is sent to the browser).

The explorer runs in ``st.fragment``: moving a slider reruns only the chart, not the page's texts.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits.system import (
    FLOWS,
    LEVER_COLUMNS,
    SCENARIOS,
    balance_closes,
    balance_fields,
    link_rows,
    own_overrides,
    provenance_items,
    sankey_figure_html,
    summary_fields,
    unit_label,
)
from parkloop.ui.charts import charts_on_demand, draw_sankey
from parkloop.ui.exhibit import exhibit_start, explorer_fragment
from parkloop.ui.figures import chart_summary, model_warnings, provenance_list
from parkloop.ui.model_data import BASELINE, PLAN, overrides_key, scenario_result
from parkloop.ui.state import url_choice, url_slider
from parkloop.ui.tables import show_table

PAGE = "system"
SCENARIO_NAME = {"baseline": BASELINE, "plan": PLAN, "own": PLAN}
CHOICES = (("flow", FLOWS, "material"), ("scenario", SCENARIOS, "plan"))
"""The two choices: URL key (also the content keys ``system.<key>_label``, ``system.<key>.<value>``),
options, default."""


@st.cache_resource(show_spinner=False, max_entries=512)
def sankey_figure(flow: str, scenario: str, frozen: tuple, lang: str) -> str:
    """The Sankey of one flow (HTML with inline SVG: a wide picture and a phone's), built once per
    (flow, scenario, slider values, language) and shared: the same text for every visitor who asks."""
    result = scenario_result(SCENARIO_NAME[scenario], dict(frozen) or None)
    return sankey_figure_html(flow, result["flows"][flow], t(f"system.scenario.{scenario}", lang), lang)


def _levers(plan_values: dict[str, Any], lang: str) -> dict[str, Any]:
    """The four sliders of the visitor's own plan, starting at the plan's values."""
    st.markdown(f"**{t('system.levers_heading', lang)}**")
    st.markdown(page_section(PAGE, "own_note", lang))
    values: dict[str, float] = {}
    for column, levers in zip(st.columns(2, gap="large"), LEVER_COLUMNS, strict=True):
        with column:
            for lever in levers:
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


def _choices(lang: str) -> tuple[str, str]:
    """Which flow, which scenario (side by side; stacked on a phone)."""
    chosen = []
    for column, (param, options, default) in zip(st.columns(2, gap="large"), CHOICES, strict=True):
        with column:
            chosen.append(
                url_choice(
                    t(f"system.{param}_label", lang),
                    param,
                    options=options,
                    default=default,
                    format_func=lambda value, param=param: t(f"system.{param}.{value}", lang),
                )
            )
    flow, scenario = chosen
    return flow, scenario


def _chart(flow: str, scenario: str, overrides: dict[str, Any], result: dict[str, Any], lang: str) -> None:
    graph, balance = result["flows"][flow], result["balances"][flow]
    scenario_name = t(f"system.scenario.{scenario}", lang)
    st.header(
        t("system.chart_heading", lang, flow=t(f"system.flow.{flow}", lang), scenario=scenario_name),
        anchor=False,
    )
    st.markdown(
        f"**{t('system.unit', lang, unit=unit_label(graph['unit'], lang))}** "
        + page_section(PAGE, f"unit_{flow}", lang)
    )
    if charts_on_demand(lang):
        draw_sankey(sankey_figure(flow, scenario, overrides_key(overrides), lang), key=f"sankey-{flow}")
    chart_summary(page_section(PAGE, "chart_summary", lang, **summary_fields(flow, graph, balance, lang)))


def _balance(flow: str, graph: dict[str, Any], balance: dict[str, float], lang: str) -> None:
    closes = balance_closes(balance)
    verdict = t("system.balance_ok" if closes else "system.balance_bad", lang)
    badge = f":{'green' if closes else 'red'}-badge[{verdict}]"
    st.markdown(f"{badge} {t('system.balance', lang, **balance_fields(balance, graph['unit'], lang))}")
    st.markdown(page_section(PAGE, "balance_note", lang))


def _table(flow: str, graph: dict[str, Any], lang: str) -> None:
    head = {name: t(f"system.col_{name}", lang) for name in ("source", "target", "value")}
    rows = [{head[name]: row[name] for name in head} for row in link_rows(flow, graph, lang)]
    with st.expander(t("system.table_heading", lang), key="system-table"):
        show_table(rows)


@explorer_fragment
def explorer(lang: str, plan_values: dict[str, Any], plan_provenance: dict[str, Any]) -> None:
    """Choices, sliders, chart, summary and table: the part of the page a visitor moves. The plan's
    inputs and their provenance come as arguments: a slider's rerun reuses them instead of copying the
    plan out of the cache again (issue 18)."""
    flow, scenario = _choices(lang)
    overrides: dict[str, Any] = {}
    if scenario == "own":
        with st.container(border=True, key="system-levers"):
            overrides = _levers(plan_values, lang)
    result = scenario_result(SCENARIO_NAME[scenario], overrides or None)
    _chart(flow, scenario, overrides, result, lang)
    _balance(flow, result["flows"][flow], result["balances"][flow], lang)
    _table(flow, result["flows"][flow], lang)
    provenance_list(provenance_items(flow, plan_provenance, lang), lang)
    model_warnings(result["warnings"], t("system.warnings", lang), lang)


def page() -> None:
    """The page. Its names stay local: the fragment keeps this script's globals alive for the session,
    and a copy of the whole plan there would cost every connected phone memory."""
    lang, _ = exhibit_start(PAGE)
    st.markdown(page_section(PAGE, "five_flows", lang))
    plan = scenario_result(PLAN)
    explorer(lang, plan["values"], plan["provenance"])


page()
