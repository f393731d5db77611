"""Page "passport" (``/passport``): the stamps this phone collected on QR tours, progress per route, a
certificate for a finished route, and "clear my passport".

URL keys: none of its own. Nothing here identifies anyone: the passport is an anonymous random token in a
cookie on the phone (:mod:`parkloop.tours.passport`). Each collected stamp is an element with id
``parkloop-stamp-<station>``.
"""

from __future__ import annotations

import html

import streamlit as st

from parkloop.content import t
from parkloop.tours import passport
from parkloop.tours.data import Route, Tours, tours_or_none
from parkloop.tours.render import ROUTE_COLOUR, certificate_png, format_day, route_title, station_title
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.tours import forget_token, visitor_token

PAGE = "passport"
CLEARED_STATE = "parkloop_passport_cleared"
STAMPS_CSS = (
    "<style>.parkloop-stamps{list-style:none;display:flex;flex-wrap:wrap;gap:12px;padding:0;margin:0}"
    ".parkloop-stamp{display:flex;flex-direction:column;align-items:center;width:96px;text-align:center;"
    "color:#111827;font-size:0.9rem;line-height:1.25}"
    f".parkloop-stamp-number{{display:flex;align-items:center;justify-content:center;width:64px;"
    f"height:64px;border-radius:50%;border:4px solid {ROUTE_COLOUR};color:{ROUTE_COLOUR};font-weight:700;"
    "font-size:1.6rem;margin-bottom:4px;transform:rotate(-8deg)}</style>"
)


@st.cache_data(max_entries=64, show_spinner=False)
def certificate(lang: str, route_id: str, numbers: tuple[str, ...], date: str) -> bytes:
    """The certificate of a finished route (the same for every visitor on the same day: nothing personal)."""
    return certificate_png(
        park=t("passport.certificate.park", lang),
        title=t("passport.certificate.title", lang),
        someone=t("passport.certificate.someone", lang),
        body=t("passport.certificate.body", lang, route=route_title(route_id, lang), count=len(numbers)),
        date=format_day(date, lang),
        stations=numbers,
    )


def clear_passport(token: str | None) -> None:
    db = passport.open_store()
    if db is not None:
        passport.clear(db, token)
    forget_token()
    st.session_state[CLEARED_STATE] = True


def stamps_html(tours: Tours, station_ids: list[str], lang: str) -> str:
    items = []
    for station_id in station_ids:
        station = tours.stations[station_id]
        title = station_title(station_id, lang)
        label = t("passport.stamp_label", lang, number=station.number, title=title)
        items.append(
            f'<li id="parkloop-stamp-{html.escape(station_id)}" class="parkloop-stamp" '
            f'aria-label="{html.escape(label)}">'
            f'<span class="parkloop-stamp-number">{station.number}</span>'
            f'<span class="parkloop-stamp-title">{html.escape(title)}</span></li>'
        )
    return STAMPS_CSS + f'<ul class="parkloop-stamps">{"".join(items)}</ul>'


def _certificate(tours: Tours, route: Route, stamped: dict[str, str], lang: str) -> None:
    """A finished route's certificate, shown and ready to download."""
    st.success(t("passport.complete", lang))
    numbers = tuple(str(tours.stations[s].number) for s in route.stations)
    png = certificate(lang, route.id, numbers, passport.completed_on(route.stations, stamped))
    st.image(png, caption=t("passport.certificate.alt", lang, route=route_title(route.id, lang)))
    st.download_button(
        t("passport.certificate.download", lang),
        data=png,
        file_name=f"parkloop-{route.id}-{lang}.png",
        mime="image/png",
        key=f"passport-download-{route.id}",
    )


def _route(tours: Tours, route: Route, stamped: dict[str, str], lang: str) -> None:
    """A started route: its progress, each station stamped or still to find, the certificate when done."""
    progress = passport.progress(route.id, route.stations, stamped)
    if not progress.done:
        return
    with st.container(border=True, key=f"passport-route-{route.id}"):
        st.markdown(f"**{route_title(route.id, lang)}**")
        st.progress(
            progress.share,
            text=t("passport.progress", lang, done=len(progress.done), total=progress.total),
        )
        lines = [
            "- "
            + t(
                "passport.stamp_label" if s in stamped else "passport.missing_label",
                lang,
                number=tours.stations[s].number,
                title=station_title(s, lang),
            )
            for s in route.stations
        ]
        st.markdown("\n".join(lines))
        if progress.complete:
            _certificate(tours, route, stamped, lang)


def _clear_button(token: str | None, lang: str) -> None:
    with st.popover(t("passport.clear", lang)):
        st.markdown(t("passport.clear_confirm", lang))
        st.button(
            t("passport.clear_yes", lang),
            key="passport-clear",
            type="primary",
            on_click=clear_passport,
            args=(token,),
        )


lang, mode = exhibit_start(PAGE)
tours = tours_or_none()
db = passport.open_store()
if db is None or tours is None:
    st.info(t("passport.unavailable", lang))
    st.stop()
token = visitor_token(db)
stamped = passport.stamps(db, token)
if st.session_state.pop(CLEARED_STATE, False):
    st.success(t("passport.cleared", lang))
if not stamped:
    st.info(t("passport.empty", lang))
else:
    st.header(t("passport.collected", lang), anchor=False)
    st.html(stamps_html(tours, [s for s in tours.stations if s in stamped], lang))
    st.header(t("passport.routes", lang), anchor=False)
    for route in tours.routes.values():
        _route(tours, route, stamped, lang)
st.caption(t("passport.privacy", lang, days=passport.retention_days()))
if stamped:
    _clear_button(token, lang)
