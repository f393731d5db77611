"""The frame's kiosk hook: what happens before each page in kiosk mode (does nothing in other modes).

In kiosk mode, on every run:

* **Lock-down** (CSS and one script, :data:`KIOSK_SCRIPT`): no link leaves the app (off-site links lose
  their ``href``, clicks on them are swallowed, ``window.open`` does nothing, same-site links never open a
  new window), no text field is shown and no field calls up a keyboard, no context menu, long-press
  callout, pinch or ctrl-zoom, text selection or dragging. The top bar's home link stays.
* **Idle reset**, in the browser (once a browser is idle no Python runs): after ``kiosk_idle_s`` without a
  touch the script shows ``#parkloop-idle-warning`` with a countdown of ``kiosk_warn_s``; a touch dismisses
  it; at zero it loads ``/?mode=kiosk&reset=1&lang=<default>&v=<visit>``. That run clears the session
  state, records the reset and shows the attract screen in the kiosk's default language.
* **Attract screen** (``#parkloop-attract``) on the home page until someone touches it: a loop that
  moves (CSS only; still under ``prefers-reduced-motion``) of the park's journey, slides a child can read
  (pictures and one short sentence) and highlights with numbers from the model and the live feed, each
  simulated number marked "（模拟）", in both languages; a touch anywhere ends it.
* **Usage**: an ``open`` event when a page is shown, an ``interaction`` for every further run of the same
  page (a widget moved), the ``dwell`` on a page when the visitor moves on (see :mod:`.usage`).
* The staff page is not reachable: a friendly message instead.
"""

from __future__ import annotations

import logging
import time

import streamlit as st

from parkloop.content import t
from parkloop.i18n import SUPPORTED_LANGS
from parkloop.kiosk import usage
from parkloop.kiosk.screen import (
    ATTRACT_REFRESH_S,
    KIOSK,
    KIOSK_CSS,
    RESET_PARAM,
    START_KEY,
    VISIT_PARAM,
    attract_css,
    attract_html,
    kiosk_head,
    text_size_html,
    timing,
)
from parkloop.ui.session import LANG_STATE, settings_default_lang
from parkloop.ui.state import MODE_STATE

log = logging.getLogger(__name__)

AWAKE = "parkloop_kiosk_awake"  # someone touched the attract screen (or opened an exhibit directly)
VISIT = "parkloop_kiosk_visit"  # the random id of this visit (usage events only)
CURRENT = "parkloop_kiosk_current"  # (slug, opened at [monotonic s], interactions) of the page on screen


def _attract_slides() -> list:
    """The loop (:func:`parkloop.kiosk.attract.loop`); without the model or the feed, the slides a child
    reads and whatever else can be had — never an error on the attract screen."""
    from parkloop import live
    from parkloop.kiosk.attract import child_slides, loop
    from parkloop.ui.model_data import PLAN, scenario_result

    try:
        return loop(scenario_result(PLAN), live.read_once())
    except Exception as error:  # noqa: BLE001 — the attract screen is what a kiosk shows all day
        log.error("attract highlights unavailable", exc_info=error)
        return child_slides()


def _attract_journey() -> str:
    """The park's journey of the plan's scenario, in the kiosk's default language ("" if it fails)."""
    from parkloop.exhibits.journey import journey
    from parkloop.ui.model_data import PLAN, scenario_result

    try:
        return journey("home", scenario_result(PLAN), settings_default_lang())
    except Exception as error:  # noqa: BLE001 — the other slides still show
        log.error("attract journey unavailable", exc_info=error)
        return ""


@st.fragment(run_every=ATTRACT_REFRESH_S)
def _attract_body() -> None:
    # st.markdown, not st.html: st.html's sanitiser drops every SVG element (the journey, the pictures).
    st.markdown(attract_html(_attract_slides(), _attract_journey()), unsafe_allow_html=True)


def _start_visit() -> None:
    st.session_state[AWAKE] = True
    st.session_state[VISIT] = usage.new_visit()


def show_attract() -> None:
    """The attract screen: its style first (with the journey's, in the top bar's row: it applies with the
    first paint), the loop (redrawn every :data:`ATTRACT_REFRESH_S` with fresh numbers), the Start button."""
    from parkloop.exhibits.journey import style
    from parkloop.ui.exhibit import page_style

    page_style(attract_css(style("home")))
    _attract_body()
    label = " · ".join(t("kiosk.start", code) for code in SUPPORTED_LANGS)
    st.button(label, key=START_KEY, type="primary", on_click=_start_visit, width="stretch")


def kiosk_css() -> str:
    """The kiosk's CSS (lock-down, text sizes, 44 px targets); the frame draws it before the first paint."""
    return KIOSK_CSS


def text_size_control(lang: str) -> None:
    """The text-size buttons in the kiosk's top bar (``#parkloop-text-size``): pinch-zoom is locked."""
    st.html(text_size_html(t("a11y.text_size", lang)), unsafe_allow_javascript=True, width="content")


# --------------------------------------------------------------------------------------------
# the hooks
# --------------------------------------------------------------------------------------------
def _reset(default_lang: str) -> None:
    """The countdown ended (``?reset=1``): forget everything of the visit, count the reset."""
    previous = usage.valid_visit(st.query_params.get(VISIT_PARAM))
    st.session_state.clear()
    st.session_state[LANG_STATE] = default_lang
    st.session_state[MODE_STATE] = KIOSK
    st.query_params.clear()
    st.query_params["mode"] = KIOSK
    st.query_params["lang"] = default_lang
    idle_s, warn_s = timing()
    usage.record_reset(previous, idle_s + warn_s, default_lang)


def _track(slug: str, lang: str) -> None:
    """An ``open`` for a new page (and the dwell on the one before), an ``interaction`` for a rerun."""
    page = slug or "home"
    visit = st.session_state.get(VISIT)
    current = st.session_state.get(CURRENT)
    now = time.monotonic()
    if current and current[0] == page:
        st.session_state[CURRENT] = (page, current[1], current[2] + 1, current[3])
        usage.record("interaction", page=page, lang=lang, visit=visit)
        return
    if current:
        usage.record("dwell", page=current[0], lang=current[3], visit=visit, value=now - current[1])
    st.session_state[CURRENT] = (page, now, 0, lang)
    usage.record("open", page=page, lang=lang, visit=visit)


def staff_blocked(lang: str) -> None:
    """The friendly message a kiosk shows instead of the staff page."""
    st.title(t("nav.staff", lang), anchor=False)
    st.info(t("kiosk.staff_blocked", lang))


def before_page(lang: str, mode: str, slug: str) -> bool:
    """Kiosk mode: lock-down and idle script, reset, attract screen, usage. ``True``: page not drawn."""
    if mode != KIOSK:
        return False
    default_lang = settings_default_lang()
    if st.query_params.get(RESET_PARAM) is not None:
        _reset(default_lang)
        slug = ""
    if slug == "staff":
        st.html(kiosk_head(default_lang, st.session_state.get(VISIT)), unsafe_allow_javascript=True)
        staff_blocked(lang)
        return True
    attract = not st.session_state.get(AWAKE) and slug == ""
    if not attract and not st.session_state.get(AWAKE):
        _start_visit()  # an exhibit's own URL (a QR code, a bookmark): no attract screen in between
    st.html(kiosk_head(default_lang, st.session_state.get(VISIT)), unsafe_allow_javascript=True)
    if attract:
        show_attract()
        return True
    _track(slug, lang)
    return False
