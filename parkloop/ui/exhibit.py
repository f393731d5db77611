"""What every exhibit page starts with: language, mode, title, the station header of a QR scan, and the
page's short story.

A page is thin (``docs/writing-an-exhibit.md``): ::

    lang, mode = exhibit_start("power")
    tonnes = url_slider(t("power.tonnes", lang), "t", ...)
    result = scenario_result(PLAN, view.overrides(tonnes))
    figure_columns(view.shown_figures(result, lang), lang)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import streamlit as st

from parkloop.content import page_section, t
from parkloop.pages import BY_SLUG, PAGES
from parkloop.ui.session import current_lang
from parkloop.ui.state import current_mode
from parkloop.ui.tours import station_banner


def exhibit_start(
    slug: str, *, intro: bool = True, title: Callable[[str], str] | None = None
) -> tuple[str, str]:
    """Title (``nav.<key>``, or ``title(lang)`` for a page with its own longer title) and, if
    ``content/<lang>/pages/<key>.md`` has an ``intro`` section, the story under it. ``slug`` is the
    page's URL path or its content key (``my-garbage`` or ``my_garbage``; ``home``). Returns
    ``(lang, mode)``."""
    lang, mode = current_lang(), current_mode()
    key = (BY_SLUG.get(slug) or next(p for p in PAGES if p.key == slug)).key
    st.title(title(lang) if title else t(f"nav.{key}", lang), anchor=False)
    station_banner(lang)  # only with a known ?station= (a QR scan); draws nothing otherwise
    if intro:
        text = page_section(key, "intro", lang)
        if text:
            st.markdown(text)
    return lang, mode


def page_style(css: str) -> None:
    """A page's own ``<style>`` block, drawn so that it applies with the page's text, not after it.

    Through ``st.markdown``, not ``st.html``: Streamlit loads the Html element's code after the text's,
    so CSS in ``st.html`` restyles what is already painted and the page jumps (layout shift, issue 15).
    It goes into the top bar's row, where its placeholder moves nothing while its code loads; the
    frame's CSS hides the element that holds it."""
    from parkloop.ui.frame import style_slot

    slot = style_slot()
    (slot if slot is not None else st).markdown(css, unsafe_allow_html=True, width="content")


def explorer_fragment(func: Callable[..., None]) -> Callable[..., None]:
    """``st.fragment`` for an exhibit's sliders and what they change (a slider's move reruns only that
    part), with the frame's error box: a fragment's own reruns run outside the frame's guard, and a
    visitor never sees a traceback (parkloop/ui/frame.py: ``show_error``)."""

    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> None:
        try:
            func(*args, **kwargs)
        except Exception as error:  # noqa: BLE001 — shown as the friendly box, logged with its traceback
            from parkloop.ui.frame import show_error

            show_error(current_lang(), error)

    return st.fragment(guarded)
