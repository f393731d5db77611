"""Exhibit "2026 targets": the plan's Table 1-1 against what the model computes, and 2023 vs 2026.

Thin on purpose: read the language and one toggle → cached model call → rows from
``parkloop.exhibits.targets`` → draw. No figures are computed here; every word comes from ``content/``.
"""

from __future__ import annotations

import html

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import CJK_ALLOWLIST, has_key, page_section, t
from parkloop.i18n import english_safe, format_number, format_quantity
from parkloop.provenance import describe_provenance
from parkloop.exhibits.targets import chart_rows, chart_summary_fields, comparison_views, target_views
from parkloop.ui.charts import charts_on_demand
from parkloop.ui.model_data import targets_page_data
from parkloop.ui.session import current_lang

PAGE = "targets"

# Status colours with dark text on a light fill (contrast > 7:1); the words and the ✓ ✗ ○ signs carry
# the meaning too, so nobody has to rely on colour.
STATUS_STYLE = {
    "met": "background-color:#dcfce7;color:#14532d;font-weight:600",
    "short": "background-color:#fef3c7;color:#78350f;font-weight:600",
    "not_modelled": "background-color:#f3f4f6;color:#374151",
}
STATUS_MARKDOWN_COLOUR = {"met": "green", "short": "orange", "not_modelled": "gray"}
SCENARIO_COLOURS = ("#6b7280", "#0f766e")  # 2023 grey, 2026 teal: distinct in greyscale too
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
PROVENANCE_BADGE = {"plan": "blue", "cited": "green", "illustrative": "orange", "override": "violet"}


def _targets_table(views, lang: str) -> None:
    frame = pd.DataFrame(
        {
            t("targets.col_indicator", lang): [v.indicator for v in views],
            t("targets.col_target", lang): [v.target_text for v in views],
            t("targets.col_model", lang): [v.model_text for v in views],
            t("targets.col_status", lang): [v.status_text for v in views],
        }
    )
    status_column = t("targets.col_status", lang)
    styles = [STATUS_STYLE[v.status] for v in views]
    styled = frame.style.apply(lambda column: styles, subset=[status_column]).hide(axis="index")
    with st.container(key="targets-table"):
        st.table(styled, hide_index=True)
    # The phone layout of the same rows (CSS shows one or the other by screen width).
    with st.container(key="targets-cards", gap="small"):
        for view in views:
            colour = STATUS_MARKDOWN_COLOUR[view.status]
            with st.container(border=True):
                st.markdown(
                    f"**{view.indicator}**  \n:{colour}-badge[{view.status_text}]  \n"
                    + t("targets.card_figures", lang, target=view.target_text, model=view.model_text)
                )


def _target_details(view, lang: str) -> None:
    colour = STATUS_MARKDOWN_COLOUR[view.status]
    label = f"{view.indicator} · :{colour}[**{view.status_text}**]"
    with st.expander(label, key=f"target-{view.id}"):
        if view.baseline_text not in ("", "—"):
            st.markdown(t("targets.baseline_to_plan", lang, baseline=view.baseline_text, plan=view.plan_text))
        if view.note:
            st.markdown(view.note)
        if view.levers:
            st.markdown(f"**{t('targets.levers_heading', lang)}**")
            st.markdown(
                "\n".join(
                    "- " + t("targets.lever_item", lang, label=lever.label, value=lever.value_text)
                    for lever in view.levers
                )
            )
        st.markdown(f"**{t('targets.inputs_heading', lang)}**")
        lines = [f"- {t('targets.section_ref', lang, section=view.plan_section)}"]
        for item in view.inputs:
            values = (
                item.plan_text
                if item.baseline_text == item.plan_text
                else t("targets.input_line", lang, baseline=item.baseline_text, plan=item.plan_text)
            )
            item_text = t("targets.input_item", lang, label=item.label, values=values)
            line = f"- {item_text} {_badge(item.provenance)}"
            if item.provenance.detail:
                detail = f"{t('prov.data_note', lang)} {item.provenance.detail}"
                line += f"  \n  <small>{_escape(detail)}</small>"
            lines.append(line)
        st.markdown("\n".join(lines), unsafe_allow_html=True)


def _badge(provenance) -> str:
    """The provenance label as a coloured badge; the words say the kind, the colour only repeats it."""
    colour = PROVENANCE_BADGE.get(provenance.kind, "gray")
    label = provenance.label.replace("[", "(").replace("]", ")")
    return f":{colour}-badge[{label}]"


def _escape(text: str) -> str:
    return html.escape(text).replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("$", "\\$")


def _comparison(data, lang: str, exact: bool) -> None:
    baseline, plan = data["baseline"]["totals"], data["plan"]["totals"]
    rows = comparison_views(baseline, plan, lang, exact=exact)
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
        st.table(frame, hide_index=True)
    with chart_column:
        st.markdown(f"**{t('targets.chart_heading', lang)}**")
        chart_frame = pd.DataFrame(chart_rows(baseline, plan, lang))
        scenarios = [t("chart.scenario.baseline", lang), t("chart.scenario.plan", lang)]
        measures = list(dict.fromkeys(chart_frame["measure"]))
        chart = (
            alt.Chart(chart_frame)
            .mark_bar()
            .encode(
                y=alt.Y(
                    "measure:N", sort=measures, title=None, axis=alt.Axis(labelLimit=200, labelFontSize=14)
                ),
                yOffset=alt.YOffset("scenario:N", sort=scenarios),
                x=alt.X(
                    "value:Q",
                    title=t("chart.axis_value", lang),
                    axis=alt.Axis(format=",.0f", labelFontSize=13, titleFontSize=14),
                ),
                color=alt.Color(
                    "scenario:N",
                    sort=scenarios,
                    scale=alt.Scale(domain=scenarios, range=list(SCENARIO_COLOURS)),
                    legend=alt.Legend(title=None, orient="top", labelFontSize=14, symbolSize=150),
                ),
                tooltip=[
                    alt.Tooltip("scenario:N", title=t("chart.legend", lang)),
                    alt.Tooltip("measure:N", title=t("chart.axis_measure", lang)),
                    alt.Tooltip("label:N", title=t("chart.axis_value", lang)),
                ],
            )
            .properties(height={"step": 30})
        )
        if charts_on_demand(lang):
            st.altair_chart(chart, width="stretch", alt=t("chart.alt", lang))
        summary = page_section(PAGE, "chart_summary", lang, **chart_summary_fields(baseline, plan, lang))
        if plan.get("net_t_co2e_per_year", 0.0) < 0:
            summary += " " + page_section(PAGE, "net_negative", lang)
        st.markdown(summary)


def _provenance(data, lang: str) -> None:
    grid_key = f"grid.{data['grid_name']}" if data["grid_name"] else "grid.other"
    grid_prov = describe_provenance(
        data["plan"]["provenance"].get("scenario.grid_kg_co2_per_kwh"), lang, data["sources"]
    )
    gwp_values = data["gwp_values"]
    fields = {
        "grid_name": t(grid_key, lang),
        "grid_value": format_number(data["grid_kg_co2_per_kwh"], lang, exact=True),
        "grid_source": grid_prov.label,
        "gwp": t(f"gwp.{data['gwp']}", lang) if has_key(f"gwp.{data['gwp']}", lang) else data["gwp"],
        "ch4": format_number(gwp_values.get("ch4"), lang, exact=True),
        "n2o": format_number(gwp_values.get("n2o"), lang, exact=True),
        "biogenic_baseline": format_quantity(
            data["baseline"]["totals"].get("biogenic_co2_t_per_year"), "t CO2/yr", lang
        ),
        "biogenic_plan": format_quantity(
            data["plan"]["totals"].get("biogenic_co2_t_per_year"), "t CO2/yr", lang
        ),
    }
    with st.expander(t("targets.provenance_heading", lang), icon=":material/info:", key="provenance"):
        st.markdown(page_section(PAGE, "provenance", lang, **fields))


def render() -> None:
    lang = current_lang()
    data = targets_page_data()

    st.html(PAGE_CSS)
    st.title(t("targets.title", lang))
    st.markdown(page_section(PAGE, "intro", lang))
    exact = st.toggle(t("targets.exact_toggle", lang), key="exact", help=t("targets.exact_help", lang))

    views = target_views(
        data["targets"],
        lang,
        baseline_values=data["baseline"]["values"],
        plan_values=data["plan"]["values"],
        provenance=data["plan"]["provenance"],
        schema_units=data["schema_units"],
        sources=data["sources"],
        exact=exact,
    )

    st.subheader(t("targets.table_heading", lang))
    st.caption(t("targets.table_caption", lang))
    _targets_table(views, lang)
    st.markdown(page_section(PAGE, "how_to_read", lang))

    st.subheader(t("targets.details_heading", lang))
    st.caption(t("targets.details_caption", lang))
    for view in views:
        _target_details(view, lang)

    st.subheader(t("targets.comparison_heading", lang))
    _comparison(data, lang, exact)
    _provenance(data, lang)

    warnings = data["plan"]["warnings"] + data["baseline"]["warnings"]
    if lang == "en":
        warnings = [english_safe(w, CJK_ALLOWLIST) for w in warnings]
    if warnings:
        st.warning(page_section(PAGE, "warnings", lang) + "\n\n" + "\n".join(f"- {w}" for w in warnings))


render()
