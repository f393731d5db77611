"""Page "tours": the QR tour routes of the park, each with its stations and a small sketch map.

Light on purpose (phones on a mobile network): text and inline SVG only, no chart library, no pydeck.
"""

from __future__ import annotations

import streamlit as st

from parkloop.content import page_section, t
from parkloop.pages import BY_SLUG
from parkloop.tours.data import tours_or_none
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.state import link_params
from parkloop.ui.tours import map_html, map_summary, my_stamps, route_title, station_title, summary_html

lang, mode = exhibit_start("tours")
tours = tours_or_none()
if tours is None:
    st.info(t("tours.unavailable", lang))
else:
    st.markdown(page_section("tours", "how", lang))
    stamped = my_stamps() or {}
    params = link_params(lang)
    columns = 1 if mode == "phone" else 2
    grid = st.columns(columns, gap="medium")
    for index, route in enumerate(tours.routes.values()):
        with grid[index % columns], st.container(border=True, key=f"tours-route-{route.id}"):
            st.subheader(route_title(route.id, lang), anchor=False)
            facts = [
                t("tours.minutes", lang, minutes=route.minutes),
                t("tours.count", lang, count=len(route.stations)),
            ]
            if route.ages:
                facts.append(t("tours.ages", lang, ages=route.ages.replace("-", "–")))
            st.markdown(t(f"tours.route.{route.id}.blurb", lang) + "  \n**" + " · ".join(facts) + "**")
            st.html(map_html(tours, route.id, lang, here=None, stamped=stamped))
            st.html(summary_html(map_summary(tours, route.id, lang)))
            for station_id in route.stations:
                station = tours.stations[station_id]
                spec = BY_SLUG[station.exhibit]
                st.page_link(
                    spec.path.as_posix(),
                    label=t(
                        "tours.station_line",
                        lang,
                        number=station.number,
                        title=station_title(station_id, lang),
                    ),
                    query_params={**station.params, **params},
                )
                st.caption(t(f"tours.station.{station_id}.teaser", lang))
    st.caption(page_section("tours", "map_note", lang))
