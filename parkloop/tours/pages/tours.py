"""Page "tours": the QR tour routes of the park, each with its stations and a small sketch map.

URL keys: none of its own; each station's link carries its exhibit's preset (``data/tours.toml``).

Light on purpose (phones on a mobile network): text and inline SVG only, no chart library, no pydeck.
"""

from __future__ import annotations

from itertools import cycle

import streamlit as st

from parkloop.content import page_section, t
from parkloop.pages import BY_SLUG
from parkloop.tours.data import Route, Tours, tours_or_none
from parkloop.tours.render import map_html, map_summary, route_title, station_title, summary_html
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.read_aloud import plain_text, read_aloud_button
from parkloop.ui.state import link_params
from parkloop.ui.tours import my_stamps

PAGE = "tours"


def _facts(route: Route, lang: str) -> str:
    """How long, how many stations, for whom."""
    facts = [
        t("tours.minutes", lang, minutes=route.minutes),
        t("tours.count", lang, count=len(route.stations)),
    ]
    if route.ages:
        facts.append(t("tours.ages", lang, ages=route.ages.replace("-", "–")))
    return " · ".join(facts)


def _route(tours: Tours, route: Route, stamped: dict, lang: str) -> None:
    """One route: its story, its sketch map with the stamps collected, and a link per station."""
    params = link_params(lang)
    st.header(route_title(route.id, lang), anchor=False)
    st.markdown(t(f"tours.route.{route.id}.blurb", lang) + "  \n**" + _facts(route, lang) + "**")
    st.html(map_html(tours, route.id, lang, here=None, stamped=stamped))
    st.html(summary_html(map_summary(tours, route.id, lang)))
    for station_id in route.stations:
        station = tours.stations[station_id]
        st.page_link(
            BY_SLUG[station.exhibit].path.as_posix(),
            label=t("tours.station_line", lang, number=station.number, title=station_title(station_id, lang)),
            query_params={**station.params, **params},
        )
        st.caption(t(f"tours.station.{station_id}.teaser", lang))


lang, mode = exhibit_start(PAGE)
tours = tours_or_none()
if tours is None:
    st.info(t("tours.unavailable", lang))
else:
    st.markdown(page_section(PAGE, "how", lang))
    # the audio guide of this page: how to play, then each route's name and story
    routes = [
        f"{route_title(r.id, lang)}. {t(f'tours.route.{r.id}.blurb', lang)}" for r in tours.routes.values()
    ]
    read_aloud_button(plain_text(" ".join([page_section(PAGE, "how", lang), *routes])), lang)
    stamped = my_stamps() or {}
    grid = st.columns(1 if mode == "phone" else 2, gap="medium")
    for column, route in zip(cycle(grid), tours.routes.values()):
        with column, st.container(border=True, key=f"tours-route-{route.id}"):
            _route(tours, route, stamped, lang)
    st.caption(page_section(PAGE, "map_note", lang))
