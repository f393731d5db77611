"""Exhibit "2026 targets": the plan's Table 1-1 against what the model computes, and 2023 vs 2026.

URL keys: none of its own (the "exact figures" switch lives in the session).

Thin on purpose: read the language and one toggle → cached model call → rows from
``parkloop.exhibits.targets`` → draw. No figures are computed here; every word comes from ``content/``.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import targets as view
from parkloop.ui.charts import charts_on_demand, colour_scale
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import badge, escape_md, model_warnings
from parkloop.ui.model_data import targets_page_data
from parkloop.ui.tables import show_table

PAGE = "targets"

# Status colours with dark text on a light fill (contrast > 7:1); the words and the ✓ ✗ ○ signs carry
# the meaning too, so nobody has to rely on colour.
STATUS_STYLE = {
    "met": "background-color:#dcfce7;color:#14532d;font-weight:600",
    "short": "background-color:#fef3c7;color:#78350f;font-weight:600",
    "unconfirmed": "background-color:#e0e7ff;color:#1e3a8a;font-weight:600",
    "not_modelled": "background-color:#f3f4f6;color:#374151",
}
STATUS_MARKDOWN_COLOUR = {"met": "green", "short": "orange", "unconfirmed": "blue", "not_modelled": "gray"}
# A figure and its unit never split: the unit is joined by no-break spaces (parkloop.i18n) and
# keep-all stops the browser breaking between Chinese characters (18万 | t, kWh/ | 年). "100 million"
# may still wrap at its space on a phone. The words in the first and last columns wrap normally.
PAGE_CSS = """<style>
.st-key-targets-table td:nth-child(2) *, .st-key-targets-table td:nth-child(3) *,
.st-key-comparison-table td:not(:first-child) * { word-break: keep-all; overflow-wrap: normal; }
.st-key-targets-table td:first-child, .st-key-comparison-table td:first-child { min-width: 6em; }
.st-key-targets-cards { display: none; }
@media (max-width: 640px) {
  /* a four-column table does not fit a phone: the same rows as cards instead */
  .st-key-targets-table { display: none; }
  .st-key-targets-cards { display: flex; }
  /* on a phone the change column would push the table off the screen; 2023 and 2026 stay */
  .st-key-comparison-table th:nth-child(4), .st-key-comparison-table td:nth-child(4) { display: none; }
  .st-key-targets-table td:first-child, .st-key-comparison-table td:first-child { min-width: 5em; }
}
</style>"""


def _targets_table(views: list[view.TargetView], lang: str) -> None:
    frame = pd.DataFrame(
        {
            t("targets.col_indicator", lang): [v.indicator for v in views],
            t("targets.col_target", lang): [v.target_text for v in views],
            t("targets.col_model", lang): [v.model_text for v in views],
            t("targets.col_status", lang): [v.status_text for v in views],
        }
    )
    styles = [STATUS_STYLE[v.status] for v in views]
    with st.container(key="targets-table"):
        show_table(frame, column_styles={t("targets.col_status", lang): styles})
    # The phone layout of the same rows (CSS shows one or the other by screen width).
    with st.container(key="targets-cards", gap="small"):
        for item in views:
            colour = STATUS_MARKDOWN_COLOUR[item.status]
            with st.container(border=True):
                st.markdown(
                    f"**{item.indicator}**  \n:{colour}-badge[{item.status_text}]  \n"
                    + t("targets.card_figures", lang, target=item.target_text, model=item.model_text)
                )


def _input_lines(item: view.TargetView, lang: str) -> str:
    """The plan's section and each scenario input behind a target, with its provenance badge."""
    lines = [f"- {t('targets.section_ref', lang, section=item.plan_section)}"]
    for entry in item.inputs:
        values = (
            entry.plan_text
            if entry.baseline_text == entry.plan_text
            else t("targets.input_line", lang, baseline=entry.baseline_text, plan=entry.plan_text)
        )
        text = t("targets.input_item", lang, label=entry.label, values=values)
        line = f"- {text} {badge(entry.provenance, lang)}"
        if entry.provenance.detail:
            detail = f"{t('prov.data_note', lang)} {entry.provenance.detail}"
            line += f"  \n  <small>{escape_md(detail)}</small>"
        lines.append(line)
    return "\n".join(lines)


def _target_details(item: view.TargetView, lang: str) -> None:
    label = f"{item.indicator} · :{STATUS_MARKDOWN_COLOUR[item.status]}[**{item.status_text}**]"
    with st.expander(label, key=f"target-{item.id}"):
        if item.baseline_text not in ("", "—"):
            st.markdown(t("targets.baseline_to_plan", lang, baseline=item.baseline_text, plan=item.plan_text))
        if item.note:
            st.markdown(item.note)
        if item.levers:
            st.markdown(f"**{t('targets.levers_heading', lang)}**")
            st.markdown(
                "\n".join(
                    "- " + t("targets.lever_item", lang, label=lever.label, value=lever.value_text)
                    for lever in item.levers
                )
            )
        st.markdown(f"**{t('targets.inputs_heading', lang)}**")
        st.markdown(_input_lines(item, lang), unsafe_allow_html=True)


def _carbon_chart(baseline: dict[str, float], plan: dict[str, float], lang: str) -> alt.Chart:
    """2023 and 2026 side by side for each carbon total (the scenario's colour repeats its legend)."""
    frame = pd.DataFrame(view.chart_rows(baseline, plan, lang))
    scenarios = [t("chart.scenario.baseline", lang), t("chart.scenario.plan", lang)]
    colours = colour_scale(dict(zip(scenarios, ("slate", "teal"), strict=True)))  # distinct in greyscale too
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("measure:N", sort=list(dict.fromkeys(frame["measure"])), title=None),
            yOffset=alt.YOffset("scenario:N", sort=scenarios),
            x=alt.X("value:Q", title=t("chart.axis_value", lang), axis=alt.Axis(format=",.0f")),
            color=alt.Color(
                "scenario:N", sort=scenarios, scale=colours, legend=alt.Legend(title=None, orient="top")
            ),
            tooltip=[
                alt.Tooltip("scenario:N", title=t("chart.legend", lang)),
                alt.Tooltip("measure:N", title=t("chart.axis_measure", lang)),
                alt.Tooltip("label:N", title=t("chart.axis_value", lang)),
            ],
        )
        .properties(height={"step": 30})
    )


def _comparison(data: dict[str, Any], lang: str, exact: bool) -> None:
    baseline, plan = data["baseline"]["totals"], data["plan"]["totals"]
    rows = view.comparison_views(baseline, plan, lang, exact=exact)
    frame = pd.DataFrame(
        {
            t("targets.col_total", lang): [r.label for r in rows],
            t("targets.col_baseline", lang): [r.baseline_text for r in rows],
            t("targets.col_plan", lang): [r.plan_text for r in rows],
            t("targets.col_change", lang): [r.change_text for r in rows],
        }
    )
    table_column, chart_column = st.columns([3, 2], gap="large")
    with table_column, st.container(key="comparison-table"):
        show_table(frame)
    with chart_column:
        st.markdown(f"**{t('targets.chart_heading', lang)}**")
        if charts_on_demand(lang):
            st.altair_chart(_carbon_chart(baseline, plan, lang), width="stretch", alt=t("chart.alt", lang))
        st.markdown(view.chart_summary_text(baseline, plan, lang))


def _provenance(data: dict[str, Any], lang: str) -> None:
    with st.expander(t("targets.provenance_heading", lang), icon=":material/info:", key="provenance"):
        st.markdown(page_section(PAGE, "provenance", lang, **view.provenance_fields(data, lang)))


st.html(PAGE_CSS)
lang, mode = exhibit_start(PAGE, title=view.page_title)
data = targets_page_data()
exact = st.toggle(t("targets.exact_toggle", lang), key="exact", help=t("targets.exact_help", lang))
views = view.target_views(
    data["targets"],
    lang,
    baseline_values=data["baseline"]["values"],
    plan_values=data["plan"]["values"],
    provenance=data["plan"]["provenance"],
    schema_units=data["schema_units"],
    sources=data["sources"],
    exact=exact,
)

st.header(t("targets.table_heading", lang), anchor=False)
st.caption(t("targets.table_caption", lang))
_targets_table(views, lang)
st.markdown(page_section(PAGE, "how_to_read", lang))

st.header(t("targets.details_heading", lang), anchor=False)
st.caption(t("targets.details_caption", lang))
for target in views:
    _target_details(target, lang)

st.header(t("targets.comparison_heading", lang), anchor=False)
_comparison(data, lang, exact)
_provenance(data, lang)
model_warnings(
    [*data["plan"]["warnings"], *data["baseline"]["warnings"]], page_section(PAGE, "warnings", lang), lang
)
