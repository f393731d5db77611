"""What the app frame does for QR tours: ``?station=<id>`` opens that station's exhibit on a phone.

``app.py`` calls :func:`route` on every run, before navigation. A poster's QR code holds
``BASE_URL/?station=<id>&lang=zh``; the first run of that page load

1. checks the id against ``data/tours.toml`` (anything else — unknown, malformed, oversized, a list —
   is dropped from the URL silently and the page opens as it would without it; nothing is echoed);
2. counts the scan and stamps this phone's passport (creating its anonymous token if needed);
3. switches to the station's exhibit with its preset URL state, the language, ``mode=phone`` and the
   station id (so the exhibit can show the station header and "next station").

Later runs of the same session find the station already handled and only draw the station header.
"""

from __future__ import annotations

import streamlit as st

from parkloop.pages import BY_SLUG
from parkloop.tours.data import station_for
from parkloop.tours.ui import STATION_PARAM, cookie_script, stamp_visit, station_banner

HANDLED_STATE = "parkloop_station_handled"
PHONE_MODE = "phone"

# Until the exhibit frame draws the station header itself (``exhibit_start``), the tours frame draws it
# above the page. Set to False when ``parkloop.ui.exhibit.exhibit_start`` calls ``station_banner``.
DRAW_BANNER_HERE = False


def route(lang: str) -> None:
    cookie_script()
    if STATION_PARAM not in st.query_params:
        return
    station = station_for(st.query_params.get(STATION_PARAM))
    if station is None:
        del st.query_params[STATION_PARAM]
        return
    if st.session_state.get(HANDLED_STATE) != station.id:
        st.session_state[HANDLED_STATE] = station.id
        stamp_visit(station)
        spec = BY_SLUG[station.exhibit]
        params = {**station.params, "lang": lang, "mode": PHONE_MODE, STATION_PARAM: station.id}
        # A Page object (not a path): on the first run of a session st.navigation has not registered the
        # pages yet; the page's hash comes from its url_path, which is what navigation resolves next run.
        st.switch_page(st.Page(spec.path, url_path=spec.slug or "home"), query_params=params)
    if DRAW_BANNER_HERE:
        station_banner(lang)
