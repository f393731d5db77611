"""Exhibit "Clean air now": the live feed's flue-gas readings against GB 18485-2014 and the plan's
"20 % below", with the feed's status in words at the top.

URL keys: none of its own (on a phone, ``chart=1`` draws the chart): the page shows the live readings.

Only the readings part (status, chart, table) is a fragment that reruns every ``REFRESH_S`` seconds;
the texts and limits below it are drawn once. A feed that is dead or sends garbage never breaks the
page: :func:`parkloop.live.read_once` never raises, and the status box says what is wrong.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from parkloop import live, settings
from parkloop.content import page_section, t
from parkloop.exhibits.air import (
    AXIS_TICKS,
    PollutantRow,
    chart_rows,
    chart_scale_max,
    chart_summary_text,
    pollutant_rows,
    problem_lines,
    provenance_items,
    status_markdown,
    status_view,
)
from parkloop.ui.charts import COLOURS, INK, charts_on_demand
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md, provenance_list
from parkloop.ui.model_data import factors_data
from parkloop.ui.tables import show_table

PAGE = "air"
REFRESH_S = 30
"""The feed's values are 24-hour averages that move slowly; 30 s keeps the page current without load."""
CACHE_S = 10
"""One read of the feed per source every 10 s, however many phones and kiosks look at the page."""
PAGE_CSS = """<style>
.st-key-air-status [data-testid="stAlert"] p { font-size: 1.1rem; }
.st-key-air-status [data-testid="stAlert"] p strong { font-size: 1.25rem; }
@media (max-width: 640px) {
  /* four columns do not fit a phone: the plan column goes, the verdict says whether the plan is met */
  .st-key-air-table th:nth-child(4), .st-key-air-table td:nth-child(4) { display: none; }
}
</style>"""


@st.cache_data(ttl=CACHE_S, max_entries=8, show_spinner=False)
def _read(source: str) -> live.Reading:
    return live.read_once(source)


def _current_reading() -> live.Reading:
    """The reading of the configured source (a bad setting gives an "unavailable" reading)."""
    try:
        source = str(settings.get("live_source"))
    except settings.SettingError:
        return live.read_once()  # reports the bad setting as "unavailable"
    return _read(source)


def _status_box(reading: live.Reading, lang: str) -> None:
    view = status_view(reading, lang)
    with st.container(key="air-status"):
        getattr(st, view.box)(status_markdown(view, lang, REFRESH_S))
    if reading.problems and reading.status != "simulated":
        with st.expander(t("air.problems_heading", lang), key="air-problems"):
            st.markdown("\n".join(f"- {escape_md(line)}" for line in problem_lines(reading, lang)))


def _chart(rows: list[PollutantRow], lang: str) -> None:
    """Each pollutant as a share of its national limit (the rule at 100 %), the plan's line as a tick;
    a bar above a limit is red, always with the words "above the limit" in its table row."""
    frame = pd.DataFrame(chart_rows(rows))
    x_scale = alt.Scale(domain=[0, chart_scale_max(rows)])
    y = alt.Y("pollutant:N", sort=list(frame["pollutant"]), title=None)
    bars = (
        alt.Chart(frame)
        .mark_bar(height={"band": 0.7})
        .encode(
            y=y,
            x=alt.X(
                "percent:Q", scale=x_scale, title=t("air.chart_axis", lang), axis=alt.Axis(values=AXIS_TICKS)
            ),
            color=alt.condition(alt.datum.over, alt.value(COLOURS["red"]), alt.value(COLOURS["teal"])),
            tooltip=[
                alt.Tooltip("pollutant:N", title=t("air.col_pollutant", lang)),
                alt.Tooltip("label:N", title=t("air.col_value", lang)),
            ],
        )
    )
    # the labels inherit the bars' colour encoding: written dark instead
    labels = bars.mark_text(align="left", dx=6, fontWeight="bold").encode(
        text="share:N", color=alt.value(INK)
    )
    limit = alt.Chart(pd.DataFrame({"x": [100.0]})).mark_rule(color=INK, strokeWidth=2).encode(x="x:Q")
    # a thick, tall tick: the plan's line reads at a glance across the bar
    plan_tick = alt.Chart(frame.dropna(subset=["plan_percent"])).mark_tick(
        color=INK, thickness=5, size=36, opacity=1
    )
    plan = plan_tick.encode(y=y, x=alt.X("plan_percent:Q", scale=x_scale))
    if charts_on_demand(lang):
        chart = (bars + labels + limit + plan).properties(height={"step": 52})
        st.altair_chart(chart, width="stretch", alt=t("air.chart_alt", lang))
    st.markdown(t("air.chart_legend", lang))  # not st.caption: its grey is too light for small text


def _table(rows: list[PollutantRow], lang: str) -> None:
    frame = pd.DataFrame(
        {
            t("air.col_pollutant", lang): [row.label for row in rows],
            t("air.col_value", lang): [row.value_text for row in rows],
            t("air.col_limit", lang): [row.gb_limit_text for row in rows],
            t("air.col_plan", lang): [row.plan_limit_text for row in rows],
            t("air.col_verdict", lang): [row.verdict_text for row in rows],
        }
    )
    with st.container(key="air-table"):
        show_table(frame)


@st.fragment(run_every=REFRESH_S)
def readings(lang: str) -> None:
    """Status, chart and table: the only part of the page that reruns on the timer."""
    reading = _current_reading()
    _status_box(reading, lang)
    st.markdown(page_section(PAGE, "intro", lang))
    rows = pollutant_rows(reading, lang)
    heading = "air.readings_heading_stale" if reading.status == "stale" else "air.readings_heading"
    st.header(t(heading, lang), anchor=False)
    if any(row.value is not None for row in rows):
        _chart(rows, lang)
    chart_summary(chart_summary_text(rows, lang))
    _table(rows, lang)
    provenance_list(provenance_items(reading, factors_data()["provenance"], lang), lang)


st.html(PAGE_CSS)
lang, mode = exhibit_start(PAGE, intro=False)
readings(lang)
st.markdown(page_section(PAGE, "how_to_read", lang))
st.info(page_section(PAGE, "not_ghg", lang))
st.markdown(page_section(PAGE, "pollutants", lang))
st.header(t("air.limits_heading", lang), anchor=False)
st.markdown(page_section(PAGE, "limits", lang))
st.markdown(page_section(PAGE, "simplifies", lang))
