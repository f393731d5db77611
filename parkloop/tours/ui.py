"""The Streamlit side of QR tours: the visitor's passport token, the station header, the staff section.

* :func:`visitor_token` — this phone's anonymous passport token: session state, then the cookie the phone
  sent with the page request (``st.context.cookies``), then (if asked to) a new one that
  :func:`cookie_script` stores on the phone.
* :func:`station_banner` — drawn on an exhibit opened from a QR poster (``?station=<id>``): the station's
  story, the next station of the route on a small inline SVG map, links to the passport and the routes.
* :func:`render_tour_stats` — scans per station and per hour, route completion; for the staff page.
"""

from __future__ import annotations

import html
import logging
import sqlite3
from typing import Any

import streamlit as st

from parkloop.content import page_section, t
from parkloop.i18n import format_number, format_percent
from parkloop.tours import passport
from parkloop.tours.data import Station, Tours, station_for, tours_or_none
from parkloop.tours.render import route_svg, svg_img

log = logging.getLogger(__name__)

STATION_PARAM = "station"
ROUTE_PARAM = "route"
TOKEN_STATE = "parkloop_passport_token"  # the token, or "" once cleared in this session
COOKIE_STATE = "parkloop_passport_cookie"  # "set" or "delete": what cookie_script does on this phone
STAMPED_STATE = "parkloop_stamped"  # stations stamped in this session (for the "stamped" line)


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
        stamped = passport.record_scan(db, station.id, token)
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
    from parkloop.pages import BY_SLUG

    spec = BY_SLUG[slug]
    return st.Page(spec.path, url_path=spec.slug or "home")


def station_title(station_id: str, lang: str) -> str:
    return t(f"tours.station.{station_id}.title", lang)


def route_title(route_id: str, lang: str) -> str:
    return t(f"tours.route.{route_id}.title", lang)


def _route_choice(tours: Tours, station: Station, lang: str, stamped: dict[str, str]) -> str | None:
    from parkloop.ui.state import url_choice

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


def map_html(tours: Tours, route_id: str, lang: str, *, here: str | None, stamped: dict[str, str]) -> str:
    route = tours.routes[route_id]
    upcoming = tours.next_station(route_id, here) if here else None
    label = t("tours.map_label", lang, route=route_title(route_id, lang))
    svg = route_svg(
        tours,
        route.stations,
        here=here,
        next_station=upcoming.id if upcoming else None,
        stamped=list(stamped),
        label=label,
    )
    return svg_img(svg, label)


def map_summary(tours: Tours, route_id: str, lang: str) -> str:
    """One sentence listing the route's stations in order (the map's text equivalent)."""
    route = tours.routes[route_id]
    separator = "、" if lang == "zh" else ", "
    names = separator.join(f"{tours.stations[s].number} {station_title(s, lang)}" for s in route.stations)
    return t("tours.map_summary", lang, count=len(route.stations), stations=names)


def summary_html(text: str) -> str:
    """A map's one-sentence text equivalent, styled like the chart summaries."""
    return f'<p class="parkloop-summary" role="note">{html.escape(text)}</p>'


def station_banner(lang: str) -> None:
    """The station header of a page opened from a QR poster; draws nothing without a known ``?station=``."""
    from parkloop.ui.state import link_params

    station = station_for(st.query_params.get(STATION_PARAM))
    tours = tours_or_none()
    if station is None or tours is None:
        return
    stamped = my_stamps() or {}
    with st.container(border=True, key="parkloop-station"):
        st.markdown(f"**{html.escape(t('tours.station_number', lang, number=station.number))}**")
        st.subheader(station_title(station.id, lang), anchor=False)
        story = page_section("tours", f"station-{station.id}", lang)
        if story:
            st.markdown(story)
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
# staff
# --------------------------------------------------------------------------------------------
def peak_hour(per_hour: list[int]) -> tuple[int, int] | None:
    """(hour, scans) of the busiest hour of the day; the earliest on a tie; ``None`` without scans."""
    if not any(per_hour):
        return None
    best = max(range(len(per_hour)), key=lambda hour: (per_hour[hour], -hour))
    return best, per_hour[best]


def render_tour_stats(lang: str) -> None:
    """Scans per station and per hour, route completion rates (the staff page calls this)."""
    import pandas as pd

    from parkloop.ui.figures import chart_summary

    st.subheader(t("tours.stats.title", lang), anchor=False)
    tours = tours_or_none()
    try:
        db = passport.open_store()
        stats = (
            None
            if db is None or tours is None
            else passport.tour_stats(db, {r.id: r.stations for r in tours.routes.values()})
        )
    except sqlite3.Error as error:
        log.warning("tours: cannot read statistics: %s", error)
        stats = None
    if stats is None or tours is None:
        st.info(t("tours.stats.unavailable", lang))
        return
    st.caption(t("tours.stats.note", lang))
    st.markdown(
        t(
            "tours.stats.total",
            lang,
            scans=format_number(stats["scans"], lang, exact=True),
            visitors=format_number(stats["passports"], lang, exact=True),
        )
    )
    st.markdown(f"**{t('tours.stats.per_station', lang)}**")
    st.table(
        pd.DataFrame(
            [
                {
                    t("tours.stats.station", lang): t(
                        "tours.station_line", lang, number=s.number, title=station_title(s.id, lang)
                    ),
                    t("tours.stats.scans", lang): format_number(
                        stats["per_station"].get(s.id, 0), lang, exact=True
                    ),
                }
                for s in tours.stations.values()
            ]
        ),
        hide_index=True,
    )
    st.markdown(f"**{t('tours.stats.per_hour', lang)}**")
    hours = pd.DataFrame(
        {t("tours.stats.hour", lang): list(range(24)), t("tours.stats.scans", lang): stats["per_hour"]}
    )
    st.bar_chart(hours, x=t("tours.stats.hour", lang), y=t("tours.stats.scans", lang), height=220)
    peak = peak_hour(stats["per_hour"])
    chart_summary(
        t("tours.stats.summary_peak", lang, hour=peak[0], scans=format_number(peak[1], lang, exact=True))
        if peak
        else t("tours.stats.summary_none", lang)
    )
    st.markdown(f"**{t('tours.stats.completion', lang)}**")
    rows = []
    for route_id, numbers in stats["completion"].items():
        rate = numbers["rate"]
        rows.append(
            {
                t("tours.stats.route", lang): route_title(route_id, lang),
                t("tours.stats.started", lang): format_number(numbers["started"], lang, exact=True),
                t("tours.stats.completed", lang): format_number(numbers["completed"], lang, exact=True),
                t("tours.stats.rate", lang): "—" if rate is None else format_percent(rate, lang),
            }
        )
    st.table(pd.DataFrame(rows), hide_index=True)
