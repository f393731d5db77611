"""The visitor's language for this session: ``?lang=`` → session state → browser locale → settings.

Never ``gettext.install`` or ``locale.setlocale``: every Streamlit session is a thread of one process, so
anything global would leak from one visitor to the next. The choice itself is
:func:`parkloop.i18n.choose_lang` (pure, tested); this module only reads and writes Streamlit state.
"""

from __future__ import annotations

import logging

import streamlit as st

from parkloop.i18n import DEFAULT_LANG, choose_lang, normalize_lang

log = logging.getLogger(__name__)

LANG_PARAM = "lang"
LANG_STATE = "parkloop_lang"


def settings_default_lang() -> str:
    """``default_lang`` from :mod:`parkloop.settings` (``PARKLOOP_DEFAULT_LANG``); ``"zh"`` if unusable."""
    try:
        from parkloop import settings

        return normalize_lang(settings.get("default_lang")) or DEFAULT_LANG
    except Exception as error:  # a bad setting must not take the page down
        log.warning("default_lang setting unusable, using %s: %s", DEFAULT_LANG, error)
        return DEFAULT_LANG


def _browser_locale() -> str | None:
    try:
        return st.context.locale
    except Exception:  # not available outside a browser session (AppTest, bare mode)
        return None


def current_lang() -> str:
    """The language of this run, remembered in session state and kept in the URL (``?lang=``).

    Unknown or malformed ``?lang=`` values are ignored and replaced in the URL by the language actually
    used — silently, never echoed.
    """
    query_value = st.query_params.get(LANG_PARAM)
    lang = choose_lang(
        query_value,
        st.session_state.get(LANG_STATE),
        _browser_locale(),
        settings_default_lang(),
    )
    st.session_state[LANG_STATE] = lang
    if query_value != lang:
        st.query_params[LANG_PARAM] = lang
    return lang


def set_lang(lang: str) -> None:
    """Switch language (a button callback): session state and URL together."""
    chosen = normalize_lang(lang) or DEFAULT_LANG
    st.session_state[LANG_STATE] = chosen
    st.query_params[LANG_PARAM] = chosen
