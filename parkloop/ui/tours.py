"""The Streamlit side of QR tours: the frame's ``?station=`` hook, the passport token, the station header.

* :func:`route` — the frame's tours hook, run before navigation on every run. A poster's QR code holds
  ``BASE_URL/?station=<id>&lang=zh``; the first run of that page load checks the id against
  ``data/tours.toml`` (anything else — unknown, malformed, oversized, a list — is dropped from the URL
  silently and the page opens as it would without it; nothing is echoed), counts the scan and stamps this
  phone's passport, then switches to the station's exhibit with its preset URL state, the language,
  ``mode=phone`` and the station id. Later runs find the station handled and do nothing.

* :func:`visitor_token` — this phone's anonymous passport token: session state, then the cookie the phone
  sent with the page request (``st.context.cookies``), then (if asked to) a new one that
  :func:`cookie_script` stores on the phone.
* :func:`station_banner` — drawn on an exhibit opened from a QR poster (``?station=<id>``): the station's
  story, the next station of the route on a small inline SVG map, links to the passport and the routes.
"""

from __future__ import annotations

import html
import logging
import sqlite3
from typing import Any

import streamlit as st

from parkloop.content import page_section, t
from parkloop.pages import BY_SLUG
from parkloop.tours import passport
from parkloop.tours.data import Station, Tours, station_for, tours_or_none
from parkloop.tours.render import map_html, map_summary, route_title, station_title, summary_html
from parkloop.ui.read_aloud import plain_text, read_aloud_button
from parkloop.ui.state import link_params, url_choice

log = logging.getLogger(__name__)

STATION_PARAM = "station"
ROUTE_PARAM = "route"
TOKEN_STATE = "parkloop_passport_token"  # the token, or "" once cleared in this session
COOKIE_STATE = "parkloop_passport_cookie"  # "set" or "delete": what cookie_script does on this phone
STAMPED_STATE = "parkloop_stamped"  # stations stamped in this session (for the "stamped" line)
HANDLED_STATE = "parkloop_station_handled"  # the station whose scan this session has already handled
SCANS_STATE = "parkloop_scans_counted"  # scans this session has counted (capped: tour_scans_per_session)
PHONE_MODE = "phone"


# --------------------------------------------------------------------------------------------
# the visitor's token
# --------------------------------------------------------------------------------------------
def _cookie_value() -> str | None:
    try:
        value = st.context.cookies.get(passport.COOKIE_NAME)
    except Exception:  # noqa: BLE001 — no browser context (AppTest, bare mode)
        return None
    return value if isinstance(value, str) else None


def visitor_token(db: Any, *, create: bool = False) -> str | None:
    """This phone's passport token, or ``None``. A cookie that the store did not sign is ignored."""
    if TOKEN_STATE in st.session_state:
        token = st.session_state[TOKEN_STATE]
        if token:
            return token
    else:
        cookie = _cookie_value()
        if cookie and passport.valid_token(db, cookie):
            st.session_state[TOKEN_STATE] = cookie
            return cookie
    if not create:
        return None
    token = passport.new_token(db)
    st.session_state[TOKEN_STATE] = token
    st.session_state[COOKIE_STATE] = "set"
    return token


def forget_token() -> None:
    """After "clear my passport": no token in this session, and the phone's cookie is deleted."""
    st.session_state[TOKEN_STATE] = ""
    st.session_state[COOKIE_STATE] = "delete"


def cookie_js(action: str, token: str, max_age_s: int) -> str:
    """The script that stores (or deletes) the passport cookie: first-party, ``SameSite=Lax``, whole site."""
    if action == "delete":
        value, age = "", 0
    else:
        if not passport.TOKEN_PATTERN.match(token):  # only our own signed shape ever reaches the page
            return ""
        value, age = token, int(max_age_s)
    return (
        "(function(){var s=location.protocol==='https:'?'; Secure':'';"
        f"document.cookie='{passport.COOKIE_NAME}={value}; Max-Age={age}; Path=/; SameSite=Lax'+s;}})();"
    )


def cookie_script() -> None:
    """Emit the cookie script when this session has one to set or delete (a hidden element; the same on
    every run of the session, so Streamlit does not redraw it)."""
    action = st.session_state.get(COOKIE_STATE)
    if action not in ("set", "delete"):
        return
    token = st.session_state.get(TOKEN_STATE) or ""
    script = cookie_js(action, token, passport.retention_days() * 86400)
    if not script:
        return
    with st.container(key="parkloop-passport-cookie"):
        st.html(
            f"<style>.st-key-parkloop-passport-cookie{{display:none}}</style><script>{script}</script>",
            unsafe_allow_javascript=True,
        )


def stamp_visit(station: Station) -> bool:
    """Count the scan and stamp this phone's passport (creating its token if needed). Never raises."""
    try:
        db = passport.open_store()
        if db is None:
            return False
        token = visitor_token(db, create=True)
        counted = int(st.session_state.get(SCANS_STATE, 0))
        count = counted < passport.scans_per_session()  # a script reloading links inflates nothing
        stamped = passport.record_scan(db, station.id, token, count=count)
        st.session_state[SCANS_STATE] = counted + int(count)
    except sqlite3.Error as error:  # a busy or broken store must not stop the exhibit
        log.warning("tours: cannot record the scan of %s: %s", station.id, error)
        return False
    if stamped:
        st.session_state.setdefault(STAMPED_STATE, set()).add(station.id)
    return stamped


def my_stamps() -> dict[str, str] | None:
    """``{station: stamped_at}`` of this phone, ``{}`` without a token, ``None`` if the store is down."""
    try:
        db = passport.open_store()
        if db is None:
            return None
        return passport.stamps(db, visitor_token(db))
    except sqlite3.Error as error:
        log.warning("tours: cannot read stamps: %s", error)
        return None


# --------------------------------------------------------------------------------------------
# the station header
# --------------------------------------------------------------------------------------------
def page(slug: str) -> st.Page:
    """A registered page as a ``st.Page`` (works before ``st.navigation`` has run in this session: the
    header is drawn by the frame before navigation; a path would not be found there yet)."""
    spec = BY_SLUG[slug]
    return st.Page(spec.path, url_path=spec.slug or "home")


def _route_choice(tours: Tours, station: Station, lang: str, stamped: dict[str, str]) -> str | None:
    routes = tours.routes_with(station.id)
    if not routes:
        return None
    # the route this phone has gone furthest on (file order breaks ties) is the likely one
    default = max(routes, key=lambda r: sum(1 for s in r.stations if s in stamped)).id
    if len(routes) == 1:
        return routes[0].id
    return url_choice(
        t("tours.banner.route", lang),
        ROUTE_PARAM,
        options=[r.id for r in routes],
        default=default,
        format_func=lambda route_id: route_title(route_id, lang),
    )


def station_banner_shown() -> bool:
    """Whether this page draws a station header (a known ``?station=`` and the tours data)."""
    return station_for(st.query_params.get(STATION_PARAM)) is not None and tours_or_none() is not None


def station_banner(lang: str) -> None:
    """The station header of a page opened from a QR poster; draws nothing without a known ``?station=``."""
    station = station_for(st.query_params.get(STATION_PARAM))
    tours = tours_or_none()
    if station is None or tours is None:
        return
    stamped = my_stamps() or {}
    with st.container(border=True, key="parkloop-station"):
        st.markdown(f"**{html.escape(t('tours.station_number', lang, number=station.number))}**")
        st.header(station_title(station.id, lang), anchor=False)
        story = page_section("tours", f"station-{station.id}", lang)
        if story:
            st.markdown(story)
        # the audio guide: the station's number, title and story, with a pause between them
        stop = "。" if lang == "zh" else ". "
        number = t("tours.station_number", lang, number=station.number)
        spoken = f"{number}{stop}{station_title(station.id, lang)}{stop}{plain_text(story or '')}"
        read_aloud_button(spoken, lang, key="parkloop-station-read-aloud")
        if station.id in st.session_state.get(STAMPED_STATE, set()) or station.id in stamped:
            st.success(t("tours.banner.stamped", lang))
        route_id = _route_choice(tours, station, lang, stamped)
        if route_id is not None:
            upcoming = tours.next_station(route_id, station.id)
            if upcoming is not None:
                st.markdown(
                    "**"
                    + t(
                        "tours.banner.next",
                        lang,
                        number=upcoming.number,
                        title=station_title(upcoming.id, lang),
                    )
                    + "**  \n"
                    + t("tours.banner.next_hint", lang)
                )
            else:
                st.markdown(t("tours.banner.last", lang))
            st.html(map_html(tours, route_id, lang, here=station.id, stamped=stamped))
            st.html(summary_html(map_summary(tours, route_id, lang)))
        params = link_params(lang)
        with st.container(horizontal=True, gap="small"):
            st.page_link(page("passport"), label=t("tours.banner.passport", lang), query_params=params)
            st.page_link(page("tours"), label=t("tours.banner.all_routes", lang), query_params=params)


# --------------------------------------------------------------------------------------------
# the frame's hook
# --------------------------------------------------------------------------------------------
def route(lang: str) -> None:
    """``?station=<id>`` from a QR poster opens that station's exhibit (see the module's docstring).

    A visitor may close the page as soon as it appears: the stamp is written first, before this run
    sends anything to the browser (Streamlit stops a closed session's run at its next element), and the
    cookie that carries a new passport token goes out in this same first run, before the switch to the
    exhibit, so the stamp and the token that owns it survive a page closed at once."""
    station = station_for(st.query_params.get(STATION_PARAM)) if STATION_PARAM in st.query_params else None
    first_run = station is not None and st.session_state.get(HANDLED_STATE) != station.id
    if first_run:
        st.session_state[HANDLED_STATE] = station.id
        stamp_visit(station)
    cookie_script()
    if STATION_PARAM not in st.query_params:
        return
    if station is None:
        del st.query_params[STATION_PARAM]
        return
    if first_run:
        params = {**station.params, "lang": lang, "mode": PHONE_MODE, STATION_PARAM: station.id}
        # A Page object (not a path): on the first run of a session st.navigation has not registered the
        # pages yet; the page's hash comes from its url_path, which is what navigation resolves next run.
        st.switch_page(page(station.exhibit), query_params=params)
