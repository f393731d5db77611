"""Exhibit "Clean air now": the live feed's flue-gas readings against GB 18485-2014 and the plan's
"20 % below", with the feed's status in words at the top.

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
    PAGE,
    chart_rows,
    chart_summary_text,
    pollutant_rows,
    problem_lines,
    status_view,
)
from parkloop.provenance import ProvenanceView
from parkloop.ui.charts import charts_on_demand
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md, provenance_list
from parkloop.ui.model_data import factors_data

REFRESH_S = 30
"""The feed's values are 24-hour averages that move slowly; 30 s keeps the page current without load."""
CACHE_S = 10
"""One read of the feed per source every 10 s, however many phones and kiosks look at the page."""

BAR_COLOUR = "#0f766e"  # teal, 5.5:1 on white
TEXT_COLOUR = "#1f2937"  # axis words dark, not Vega's default grey (contrast >= 4.5:1)
OVER_COLOUR = "#b91c1c"  # red, only together with the words "above the limit"
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


def _readings_provenance(reading: live.Reading, lang: str) -> ProvenanceView:
    if reading.status == "simulated":
        return ProvenanceView("illustrative", t("air.prov_sim", lang), t("air.prov_sim_detail", lang))
    return ProvenanceView("cited", t("air.prov_live", lang), t("air.prov_live_detail", lang))


def _status_box(reading: live.Reading, lang: str) -> None:
    view = status_view(reading, lang)
    refresh = t("air.refresh_note", lang, seconds=REFRESH_S)
    text = f"**{view.title}**  \n{view.body}  \n{refresh}"  # our own words from content/, not the feed's
    with st.container(key="air-status"):
        getattr(st, view.box)(text)
    if reading.problems and reading.status != "simulated":
        with st.expander(t("air.problems_heading", lang), key="air-problems"):
            st.markdown("\n".join(f"- {escape_md(line)}" for line in problem_lines(reading, lang)))


def _chart(rows, lang: str) -> None:
    frame = pd.DataFrame(chart_rows(rows))
    order = list(frame["pollutant"])
    scale_max = max(110.0, float(frame["percent"].max()) * 1.1)
    x_scale = alt.Scale(domain=[0, scale_max])
    y = alt.Y("pollutant:N", sort=order, title=None, axis=alt.Axis(labelLimit=260, labelFontSize=15))
    bars = (
        alt.Chart(frame)
        .mark_bar(height={"band": 0.7})
        .encode(
            y=y,
            x=alt.X("percent:Q", scale=x_scale, title=t("air.chart_axis", lang),
                    axis=alt.Axis(labelFontSize=13, titleFontSize=14, values=[0, 20, 40, 60, 80, 100])),
            color=alt.condition(alt.datum.over, alt.value(OVER_COLOUR), alt.value(BAR_COLOUR)),
            tooltip=[alt.Tooltip("pollutant:N", title=t("air.col_pollutant", lang)),
                     alt.Tooltip("label:N", title=t("air.col_value", lang))],
        )
    )  # fmt: skip
    labels = bars.mark_text(align="left", dx=6, fontSize=15, fontWeight="bold", color="#1f2937").encode(
        text="share:N", color=alt.value("#1f2937")
    )
    limit = alt.Chart(pd.DataFrame({"x": [100.0]})).mark_rule(color="#1f2937", strokeWidth=2).encode(x="x:Q")
    plan = (
        alt.Chart(frame.dropna(subset=["plan_percent"]))
        .mark_tick(color="#111827", thickness=5, size=36, opacity=1)
        .encode(y=y, x=alt.X("plan_percent:Q", scale=x_scale))
    )
    chart = (
        (bars + labels + limit + plan)
        .properties(height={"step": 52})
        .configure_axis(labelColor=TEXT_COLOUR, titleColor=TEXT_COLOUR, gridColor="#e5e7eb")
        .configure_view(stroke=None)
    )
    if charts_on_demand(lang):
        st.altair_chart(chart, width="stretch", alt=t("air.chart_alt", lang))
    st.markdown(t("air.chart_legend", lang))  # not st.caption: its grey is too light for small text


def _table(rows, lang: str) -> None:
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
        st.table(frame, hide_index=True)


@st.fragment(run_every=REFRESH_S)
def readings(lang: str) -> None:
    """Status, chart and table: the only part of the page that reruns on the timer."""
    reading = _current_reading()
    _status_box(reading, lang)
    st.markdown(page_section(PAGE, "intro", lang))
    rows = pollutant_rows(reading, lang)
    heading = "air.readings_heading_stale" if reading.status == "stale" else "air.readings_heading"
    st.subheader(t(heading, lang))
    if any(row.value is not None for row in rows):
        _chart(rows, lang)
    chart_summary(chart_summary_text(rows, lang))
    _table(rows, lang)
    provenance = factors_data()["provenance"]
    provenance_list(
        [
            (t("air.prov_readings", lang), _readings_provenance(reading, lang)),
            (t("air.prov_gb", lang), provenance["flue_gas_limits.so2_mg_per_nm3"]),
            (t("air.prov_plan", lang), provenance["flue_gas_limits.plan_reduction_fraction"]),
        ],
        lang,
    )


def render() -> None:
    st.html(PAGE_CSS)
    lang, _mode = exhibit_start("air", intro=False)
    readings(lang)
    st.markdown(page_section(PAGE, "how_to_read", lang))
    st.info(page_section(PAGE, "not_ghg", lang))
    st.markdown(page_section(PAGE, "pollutants", lang))
    st.subheader(t("air.limits_heading", lang))
    st.markdown(page_section(PAGE, "limits", lang))
    st.markdown(page_section(PAGE, "simplifies", lang))


render()
