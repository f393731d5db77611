"""Exhibit "公众说碳 — my garbage": a household calculator. How many people, how well they sort → where each
kind of garbage goes in the park, what it becomes, and the carbon it saves compared with a landfill.

URL keys: ``p`` people in the home (1–8), ``s`` how well the home sorts, in percent (0–100): the share of
food waste and recyclables that goes in the right bin.

Thin on purpose: widgets → per-tonne yields from the cached plan-2026 result →
``parkloop.exhibits.my_garbage``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits import my_garbage as view
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.provenance import ProvenanceView
from parkloop.ui.charts import charts_on_demand
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, figure, provenance_list
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from parkloop.ui.state import url_slider

PAGE = "my_garbage"
# Beijing's bin colours (glossary §10); the words name the bin too, so colour is never the only cue.
BIN_BADGE = {"food_waste": "green", "recyclables": "blue", "hazardous": "red", "residual": "gray"}
INK = "#1f2937"  # axis text: dark, not the theme's light grey (contrast ≥ 4.5:1)
BAR_COLOURS = {"biogas_plant": "#15803d", "incinerator": "#4b5563", "recycling": "#1d4ed8"}

lang, mode = exhibit_start("my-garbage")
factors = factors_data()
equivalents = factors["equivalents"]
yields = view.yields_from_result(scenario_result(PLAN))


def illustrative(detail_key: str) -> ProvenanceView:
    return ProvenanceView("illustrative", t("prov.illustrative", lang), t(detail_key, lang))


controls, results = st.columns([2, 3], gap="large")
with controls:
    st.subheader(t("my_garbage.controls_heading", lang))
    people = url_slider(
        t("my_garbage.people", lang), "p", min_value=1, max_value=8, default=3, step=1, integer=True
    )
    sorting = (
        url_slider(
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
        / 100.0
    )
home = view.household(people, sorting, yields)
none, perfect = view.household(people, 0.0, yields), view.household(people, 1.0, yields)

with controls:
    figure(
        t("my_garbage.total", lang),
        format_quantity(home.total_kg, "kg/yr", lang),
        lang,
        provenance=illustrative("my_garbage.prov.per_person_detail"),
        assumption=t(
            "my_garbage.total_note",
            lang,
            kg=format_number(view.KG_PER_PERSON_PER_DAY, lang),
            per_day=format_number(home.total_kg / view.DAYS_PER_YEAR, lang, sig=2),
        ),
        key="fig-total",
    )

with results:
    st.subheader(t("my_garbage.results_heading", lang))
    first, second = st.columns(2)
    with first:
        figure(
            t("my_garbage.saved", lang),
            format_quantity(home.saved_kg_co2e, "kg CO2e/yr", lang, sig=2),
            lang,
            provenance="model",
            assumption=t("my_garbage.saved_note", lang),
            key="fig-saved",
        )
        figure(
            t("my_garbage.car", lang),
            t(
                "my_garbage.car_value",
                lang,
                km=format_number(home.car_km(equivalents["car_kg_co2_per_km"]), lang, sig=2),
            ),
            lang,
            provenance=factors["provenance"]["equivalents.car_kg_co2_per_km"],
            assumption=t("my_garbage.rough_note", lang),
            key="fig-car",
        )
    with second:
        figure(
            t("my_garbage.kwh", lang),
            format_quantity(home.kwh, "kWh/yr", lang, sig=2),
            lang,
            provenance="model",
            assumption=t(
                "my_garbage.kwh_note",
                lang,
                per_t=format_number(yields.kwh_per_t_burned, lang),
            ),
            key="fig-kwh",
        )
        figure(
            t("my_garbage.trees", lang),
            t(
                "my_garbage.trees_value",
                lang,
                trees=format_number(home.trees(equivalents["tree_kg_co2_per_year"]), lang, sig=2),
            ),
            lang,
            provenance=factors["provenance"]["equivalents.tree_kg_co2_per_year"],
            assumption=t("my_garbage.rough_note", lang),
            key="fig-trees",
        )
    st.markdown(
        t(
            "my_garbage.compare",
            lang,
            none=format_quantity(none.saved_kg_co2e, "kg CO2e", lang, sig=2),
            perfect=format_quantity(perfect.saved_kg_co2e, "kg CO2e", lang, sig=2),
        )
    )

# --- where each kind goes -------------------------------------------------------------------------
st.subheader(t("my_garbage.where_heading", lang))
amounts = {
    "food_waste": t(
        "my_garbage.bin.food_waste.amount",
        lang,
        sorted=format_quantity(home.to_kg["biogas_plant"], "kg/yr", lang, sig=2),
        unsorted=format_quantity(
            home.by_bin_kg["food_waste"] - home.to_kg["biogas_plant"], "kg/yr", lang, sig=2
        ),
    ),
    "recyclables": t(
        "my_garbage.bin.recyclables.amount",
        lang,
        sorted=format_quantity(home.to_kg["recycling"], "kg/yr", lang, sig=2),
        unsorted=format_quantity(
            home.by_bin_kg["recyclables"] - home.to_kg["recycling"], "kg/yr", lang, sig=2
        ),
    ),
    "hazardous": t("my_garbage.bin.hazardous.amount", lang),
    "residual": t(
        "my_garbage.bin.residual.amount",
        lang,
        kg=format_quantity(home.to_kg["incinerator"], "kg/yr", lang, sig=2),
    ),
}
becomes = {
    "food_waste": t(
        "my_garbage.bin.food_waste.becomes",
        lang,
        biogas=format_quantity(home.biogas_nm3, "Nm3/yr", lang, sig=2),
        per_t=format_number(yields.biogas_nm3_per_t_food, lang),
    ),
    "recyclables": t("my_garbage.bin.recyclables.becomes", lang),
    "hazardous": t("my_garbage.bin.hazardous.becomes", lang),
    "residual": t(
        "my_garbage.bin.residual.becomes",
        lang,
        kwh=format_quantity(home.kwh, "kWh/yr", lang, sig=2),
        bricks=format_quantity(home.bricks_kg, "kg/yr", lang, sig=2),
    ),
}
cards = st.columns(2 if mode == "phone" else 4, gap="medium")
for index, name in enumerate(view.BINS):
    with cards[index % len(cards)], st.container(border=True, key=f"bin-{name}"):
        st.markdown(f":{BIN_BADGE[name]}-badge[{t(f'my_garbage.bin.{name}.badge', lang)}]")
        st.markdown(f"**{t(f'my_garbage.bin.{name}.title', lang)}**")
        st.markdown(amounts[name])
        st.markdown(t(f"my_garbage.bin.{name}.goes", lang))
        st.markdown(becomes[name])

labels = {key: t(f"my_garbage.dest.{key}", lang) for key in view.DESTINATIONS}
frame = pd.DataFrame(view.chart_rows(home, labels))
order = [labels[key] for key in view.DESTINATIONS]
chart = (
    alt.Chart(frame)
    .mark_bar(height=36)
    .encode(
        y=alt.Y("place:N", sort=order, title=None, axis=alt.Axis(labelFontSize=15, labelLimit=420)),
        x=alt.X(
            "kg:Q",
            title=t("my_garbage.axis_kg", lang),
            axis=alt.Axis(labelFontSize=14, titleFontSize=15, tickCount=5),
            scale=alt.Scale(domain=[0, max(home.total_kg, 1.0)]),
        ),
        color=alt.Color(
            "key:N",
            scale=alt.Scale(
                domain=list(view.DESTINATIONS), range=[BAR_COLOURS[k] for k in view.DESTINATIONS]
            ),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("place:N", title=t("my_garbage.axis_place", lang)),
            alt.Tooltip("kg:Q", title=t("my_garbage.axis_kg", lang), format=",.0f"),
        ],
    )
    .properties(height=200)
    .configure_axis(labelColor=INK, titleColor=INK)
)
if charts_on_demand(lang):
    st.altair_chart(chart, width="stretch")
chart_summary(
    t(
        "my_garbage.chart_summary",
        lang,
        total=format_quantity(home.total_kg, "kg", lang),
        biogas=format_quantity(home.to_kg["biogas_plant"], "kg", lang, sig=2),
        incinerator=format_quantity(home.to_kg["incinerator"], "kg", lang, sig=2),
        recycling=format_quantity(home.to_kg["recycling"], "kg", lang, sig=2),
        share=format_percent(home.to_kg["incinerator"] / home.total_kg, lang, decimals=0),
    )
)

with st.expander(t("my_garbage.how_heading", lang)):
    st.markdown(
        page_section(
            PAGE,
            "how",
            lang,
            saved_burned=format_number(yields.saved_t_per_t_burned * 1000, lang, sig=2),
            saved_food=format_number(yields.saved_t_per_t_food * 1000, lang, sig=2),
            kwh=format_number(yields.kwh_per_t_burned, lang),
            biogas=format_number(yields.biogas_nm3_per_t_food, lang),
            bricks=format_number(yields.bricks_t_per_t_burned * 1000, lang),
        )
    )

provenance_list(
    [
        (t("my_garbage.prov.per_person", lang), illustrative("my_garbage.prov.per_person_detail")),
        (t("my_garbage.prov.mix", lang), illustrative("my_garbage.prov.mix_detail")),
        (t("my_garbage.prov.yields", lang), "model"),
        (t("my_garbage.prov.car", lang), factors["provenance"]["equivalents.car_kg_co2_per_km"]),
        (t("my_garbage.prov.tree", lang), factors["provenance"]["equivalents.tree_kg_co2_per_year"]),
    ],
    lang,
)
