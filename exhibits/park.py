"""Exhibit "The park": a schematic map of the plants with the model's flows between them as arcs.

URL keys: ``flow`` the flow the arcs show (``all``, ``material``, ``energy``, ``water``); ``map`` on a
phone, ``1`` to draw the map under the list of plants.

Offline: no basemap, no token — ``pdk.Deck(..., map_provider=None)`` and our own context (the park's
fence, roads and the city's edge from ``data/park_map.toml``). A tap on a plant opens its exhibit; because
tapping a small map is hard (and impossible with a screen reader) every plant is also a button below.

The map's program code is a 3 MB download, so on a phone (``?mode=phone`` or a phone's browser) the
list of plants comes first and the map only appears when the visitor switches it on.
"""

from __future__ import annotations

from itertools import cycle
from typing import Any

import pydeck as pdk
import streamlit as st
from pydeck.types import String

from parkloop.content import page_section, t
from parkloop.exhibits.park import (
    FLOW_COLOURS,
    LITERAL_STRINGS,
    MAP_FLOWS,
    arc_rows,
    landfill_text,
    ledger_figures,
    ledger_lines,
    load_park_map,
    map_layers,
    place_name,
    place_positions,
    plant_arcs,
    plant_carbon,
    plant_carbon_text,
    provenance_items,
    selected_plant,
    summary_fields,
    view_state,
)
from parkloop.i18n import format_quantity
from parkloop.pages import BY_SLUG, page_for_plant
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, figure_rows, provenance_list
from parkloop.ui.model_data import PLAN, scenario_result
from parkloop.ui.state import link_params, url_choice, url_toggle
from parkloop.ui.tables import show_table

PAGE = "park"
FILTERS = ("all", *MAP_FLOWS)
MOBILE_HINTS = ("iphone", "android", "mobile", "harmonyos")
# Long plant and exhibit names wrap inside their button instead of being cut off on a phone.
LIST_CSS = """<style>
[class*="st-key-plant-"] [data-testid="stPageLink"] p { white-space: normal; overflow-wrap: anywhere; }
[class*="st-key-plant-"] [data-testid="stPageLink"] span { white-space: normal; }
</style>"""


@st.cache_data(show_spinner=False)
def park_map() -> dict[str, Any]:
    return load_park_map()


def _phone_browser() -> bool:
    """A phone's browser, from its User-Agent (the server cannot see the screen width)."""
    try:
        agent = (st.context.headers.get("User-Agent") or "").lower()
    except Exception:  # no browser (AppTest, bare mode)
        return False
    return any(hint in agent for hint in MOBILE_HINTS)


def _layer(spec: dict[str, Any]) -> pdk.Layer:
    options = {key: String(value) if key in LITERAL_STRINGS else value for key, value in spec.items()}
    return pdk.Layer(options.pop("type"), **options)


def _deck(data: dict[str, Any], arcs: list[dict[str, Any]], lang: str, narrow: bool) -> pdk.Deck:
    return pdk.Deck(
        layers=[_layer(spec) for spec in map_layers(data, arcs, lang, narrow)],
        initial_view_state=pdk.ViewState(**view_state(data, narrow)),
        map_provider=None,  # no basemap tiles, no token: kiosks are offline
        tooltip={"text": "{tip}"},
    )


def _legend(lang: str, shown: tuple[str, ...]) -> None:
    """The arcs' colours in words (the words carry the meaning; the square only repeats it)."""
    items = "".join(
        f'<li><span aria-hidden="true" style="display:inline-block;width:1em;height:1em;'
        f"background:rgb{FLOW_COLOURS[flow]};vertical-align:-0.1em;margin-right:0.4em;border-radius:2px"
        f'"></span>{t(f"park.legend.{flow}", lang)}</li>'
        for flow in shown
    )
    st.html(
        f'<div class="parkloop-legend"><strong>{t("park.legend_heading", lang)}</strong>'
        '<ul style="list-style:none;padding-left:0;margin:0.2em 0;'
        'display:flex;flex-wrap:wrap;gap:0.4em 1.4em">'
        f"{items}</ul></div>"
    )


def _arcs_table(arcs: list[Any], data: dict[str, Any], lang: str) -> None:
    """The map's arcs as a table (from, to, amount) in an expander under it, as
    :func:`parkloop.ui.figures.links_table` draws a Sankey's — but each amount in its own unit (tonnes,
    gigajoules, cubic metres: the map shows three kinds of flow) and in the language's style (14万吨/年)."""

    positions = place_positions(data)
    source, target, amount = (t(f"a11y.flow_{name}", lang) for name in ("from", "to", "amount"))
    rows = [
        {
            source: place_name(arc.source, lang),
            target: place_name(arc.target, lang),
            amount: format_quantity(arc.value, arc.unit, lang),
        }
        for arc in arcs
        if arc.source in positions and arc.target in positions  # the arcs the map draws
    ]
    with st.expander(t("a11y.chart_table", lang)):
        show_table(rows)


def _map(data: dict[str, Any], lang: str, narrow: bool) -> None:
    shown_flow = url_choice(
        t("park.filter", lang),
        "flow",
        options=FILTERS,
        default="all",
        format_func=lambda f: t(f"park.flow.{f}", lang),
        help=t("park.filter_help", lang),
    )
    kinds = MAP_FLOWS if shown_flow == "all" else (shown_flow,)
    arcs = plant_arcs(scenario_result(PLAN)["flows"], kinds)
    st.markdown(t("park.tap_hint", lang))
    selection = st.pydeck_chart(
        _deck(data, arc_rows(arcs, data, lang), lang, narrow),
        height=360 if narrow else 620,
        on_select="rerun",
        selection_mode="single-object",
        key="park-map",
        alt=t("park.map_alt", lang),
    )
    _legend(lang, kinds)
    _arcs_table(arcs, data, lang)
    st.markdown(page_section(PAGE, "how_to_read", lang))
    chart_summary(t("park.summary", lang, **summary_fields(arcs, lang)))

    plant = selected_plant(selection, set(data["plants"]))
    spec = page_for_plant(plant) if plant else None
    if spec is not None:
        st.switch_page(spec.path, query_params=link_params(lang))


def _plant_list(data: dict[str, Any], result: dict[str, Any], lang: str, narrow: bool) -> None:
    st.html(LIST_CSS)
    st.header(t("park.plants_heading", lang), anchor=False)
    params = link_params(lang)
    carbon = plant_carbon(result)
    columns = st.columns(1 if narrow else 3, gap="medium")
    for column, plant in zip(cycle(columns), data["plants"]):
        name = t(f"park.plant.{plant}", lang)
        spec = page_for_plant(plant)
        with column, st.container(border=True, key=f"plant-{plant}"):
            # the card's paragraphs in one Markdown element (the same on screen, fewer messages a run)
            if spec is None:
                words = landfill_text(result, lang) if plant == "landfill" else None
                paragraphs = [f"**{name}**", words or t(f"park.no_exhibit.{plant}", lang)]
            else:
                label = t("park.plant_link", lang, plant=name, exhibit=t(f"nav.{spec.key}", lang))
                st.page_link(spec.path.as_posix(), label=f"**{label}**", query_params=params)
                paragraphs = [t(f"teaser.{spec.key}", lang)]
            if plant in carbon:
                paragraphs.append(plant_carbon_text(carbon[plant], lang))
            st.markdown("\n\n".join(paragraphs))
    system = BY_SLUG["system"]
    st.page_link(
        system.path.as_posix(),
        label=t("park.system_link", lang, title=t(f"nav.{system.key}", lang)),
        query_params=params,
    )


def _ledgers(result: dict[str, Any], lang: str) -> None:
    """The park's carbon in two ledgers, side by side, never netted."""
    st.header(t("park.carbon_heading", lang), anchor=False)
    st.markdown(page_section(PAGE, "carbon", lang))
    figure_rows(ledger_figures(result, lang), lang)
    inventory, avoided = st.columns(2)
    with inventory:
        st.markdown(f"**{t('park.inventory_heading', lang)}**")
        st.markdown(ledger_lines(result, "emissions", lang))
    with avoided:
        st.markdown(f"**{t('park.avoided_heading', lang)}**")
        st.markdown(ledger_lines(result, "avoided", lang))


lang, mode = exhibit_start(PAGE)
data, result = park_map(), scenario_result(PLAN)
phone = mode == "phone" or _phone_browser()
st.markdown(page_section(PAGE, "schematic", lang))
if phone:
    _plant_list(data, result, lang, narrow=True)
    if url_toggle(t("park.map_toggle", lang), "map", default=False, help=t("park.map_toggle_help", lang)):
        _map(data, lang, narrow=True)
else:
    _map(data, lang, narrow=False)
    _plant_list(data, result, lang, narrow=False)
_ledgers(result, lang)
provenance_list(provenance_items(lang), lang)
