"""Exhibit "公众说碳 — my garbage": a household calculator. How many people, how well they sort → where each
kind of garbage goes in the park, what it becomes, its two carbon ledgers in the park (what the park emits,
what it avoids elsewhere) and what sorting changes in the park's net compared with putting everything in
the grey bin (not compared with a landfill: Beijing no longer landfills raw household waste).

URL keys: ``p`` people in the home (1–8), ``s`` how well the home sorts, in percent (0–100): the share of
food waste and recyclables that goes in the right bin.

Thin on purpose: widgets → per-tonne figures from the cached plan-2026 result and the model's factors →
``parkloop.exhibits.my_garbage`` → draw.
"""

from __future__ import annotations

from itertools import cycle

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import t
from parkloop.exhibits import my_garbage as view
from parkloop.ui.charts import charts_on_demand, colour_scale
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, chart_table, draw_figure, figure_columns, provenance_list
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from parkloop.ui.state import url_slider

PAGE = "my_garbage"
# Beijing's bin colours (glossary §10); the words name the bin too, so colour is never the only cue.
BIN_BADGE = {"food_waste": "green", "recyclables": "blue", "hazardous": "red", "residual": "gray"}
DESTINATION_COLOUR = {"biogas_plant": "green", "incinerator": "grey", "recycling": "blue"}


def _sliders(lang: str) -> tuple[int, int]:
    """How many people, how well they sort [%]."""
    st.header(t("my_garbage.controls_heading", lang), anchor=False)
    people = url_slider(
        t("my_garbage.people", lang), "p", min_value=1, max_value=8, default=3, step=1, integer=True
    )
    sorting = url_slider(
        t("my_garbage.sorting", lang),
        "s",
        min_value=0,
        max_value=100,
        default=50,
        step=10,
        integer=True,
        format="%d%%",
        help=t("my_garbage.sorting_help", lang),
    )
    return people, sorting


def _bins(home: view.Household, yields: view.Yields, lang: str, columns: int) -> None:
    st.header(t("my_garbage.where_heading", lang), anchor=False)
    for column, card in zip(cycle(st.columns(columns, gap="medium")), view.bin_cards(home, yields, lang)):
        with column, st.container(border=True, key=f"bin-{card.bin}"):
            st.markdown(f":{BIN_BADGE[card.bin]}-badge[{card.badge}]")
            st.markdown(f"**{card.title}**")
            st.markdown(card.amount)
            st.markdown(card.goes)
            st.markdown(card.becomes)


def _chart(home: view.Household, lang: str) -> None:
    """Kilograms a year to each place (the bars' colours repeat the bins' colours; the words say it)."""
    labels = view.destination_labels(lang)
    colours = colour_scale({labels[key]: DESTINATION_COLOUR[key] for key in view.DESTINATIONS})
    chart = (
        alt.Chart(pd.DataFrame(view.chart_rows(home, labels)))
        .mark_bar(height=36)
        .encode(
            y=alt.Y("place:N", sort=list(labels.values()), title=None),
            x=alt.X(
                "kg:Q",
                title=t("my_garbage.axis_kg", lang),
                axis=alt.Axis(tickCount=5),
                scale=alt.Scale(domain=[0, view.axis_max_kg(home)]),
            ),
            color=alt.Color("place:N", scale=colours, legend=None),
            tooltip=[
                alt.Tooltip("place:N", title=t("my_garbage.axis_place", lang)),
                alt.Tooltip("kg:Q", title=t("my_garbage.axis_kg", lang), format=",.0f"),
            ],
        )
        .properties(height=200)
    )
    if charts_on_demand(lang):
        st.altair_chart(chart, width="stretch")
        chart_table(chart, lang)
    chart_summary(view.chart_summary_text(home, lang))


lang, mode = exhibit_start(PAGE)
factors = factors_data()
yields = view.yields_from_result(scenario_result(PLAN), factors)

controls, results = st.columns([2, 3], gap="large")
with controls:
    people, sorting = _sliders(lang)
    home = view.household_at(people, sorting, yields)
    draw_figure(view.total_figure(home, lang), lang)
with results:
    st.header(t("my_garbage.results_heading", lang), anchor=False)
    figure_columns(
        view.shown_figures(home, yields, factors["equivalents"], factors["provenance"], lang), lang
    )
    st.markdown(view.compare_text(people, yields, lang))

_bins(home, yields, lang, columns=2 if mode == "phone" else 4)
_chart(home, lang)
with st.expander(t("my_garbage.how_heading", lang)):
    st.markdown(view.how_text(yields, lang))
provenance_list(view.provenance_items(factors["provenance"], lang), lang)
