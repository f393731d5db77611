"""The visitor's language for this session: ``?lang=`` → session state → browser locale → settings; and
who this browser is in a class session (a random device token, the teacher's secret), kept in session
state and first-party cookies — never in a URL.

Never ``gettext.install`` or ``locale.setlocale``: every Streamlit session is a thread of one process, so
anything global would leak from one visitor to the next. The choice itself is
:func:`parkloop.i18n.choose_lang` (pure, tested); this module only reads and writes Streamlit state.
"""

from __future__ import annotations

import logging
import re
import secrets

import streamlit as st

from parkloop.i18n import DEFAULT_LANG, choose_lang, normalize_lang
from parkloop.school.sessions import TOKEN_PATTERN, client_address

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


# --------------------------------------------------------------------------------------------
# this browser in a class session: its device token, its network address, the teacher's secret
# --------------------------------------------------------------------------------------------
DEVICE_COOKIE = "parkloop_device"
DEVICE_STATE = "parkloop_device_token"
COOKIES_STATE = "parkloop_cookies_to_set"  # {name: (value, max_age_s)} for cookie_script
TEACHER_COOKIE_PREFIX = "parkloop_teacher_"
TEACHER_STATE = "parkloop_teacher_secrets"  # {session id: secret}
_COOKIE_NAME = re.compile(r"^parkloop_[A-Za-z0-9_-]{1,80}$")


def _cookie(name: str) -> str | None:
    try:
        value = st.context.cookies.get(name)
    except Exception:  # noqa: BLE001 — no browser context (AppTest, bare mode)
        return None
    return value if isinstance(value, str) else None


def _valid_token(value: object) -> bool:
    return isinstance(value, str) and bool(TOKEN_PATTERN.match(value))


def remember_cookie(name: str, value: str, max_age_s: int) -> None:
    """Ask :func:`cookie_script` to store ``name=value`` on this browser (first-party, whole site)."""
    st.session_state.setdefault(COOKIES_STATE, {})[name] = (value, int(max_age_s))


def cookie_script() -> None:
    """The hidden script that stores the cookies this session asked for (the same element on every run,
    so Streamlit does not redraw it). Only token-shaped values ever reach it."""
    wanted = {
        name: (value, age)
        for name, (value, age) in st.session_state.get(COOKIES_STATE, {}).items()
        if _valid_token(value) and _COOKIE_NAME.match(name)
    }
    if not wanted:
        return
    lines = "".join(
        f"document.cookie='{name}={value}; Max-Age={age}; Path=/; SameSite=Strict'+s;"
        for name, (value, age) in sorted(wanted.items())
    )
    with st.container(key="parkloop-class-cookies"):
        st.html(
            "<style>.st-key-parkloop-class-cookies{display:none}</style>"
            f"<script>(function(){{var s=location.protocol==='https:'?'; Secure':'';{lines}}})();</script>",
            unsafe_allow_javascript=True,
        )


def device_token(*, remember: bool, max_age_s: int) -> str:
    """This browser's random device token for class sessions: session state, then the cookie it sent,
    then a new one (stored as a cookie when ``remember``: never on a shared kiosk). Never in a URL."""
    token = st.session_state.get(DEVICE_STATE)
    if _valid_token(token):
        return token
    cookie = _cookie(DEVICE_COOKIE)
    token = cookie if _valid_token(cookie) else secrets.token_urlsafe(18)
    st.session_state[DEVICE_STATE] = token
    if remember and token != cookie:
        remember_cookie(DEVICE_COOKIE, token, max_age_s)
    return token


def forget_device(*, remember: bool, max_age_s: int) -> None:
    """A new device token for this browser, replacing its cookie too (a student leaving a shared device:
    the next one cannot continue as them without their rejoin word)."""
    token = secrets.token_urlsafe(18)
    st.session_state[DEVICE_STATE] = token
    if remember:
        remember_cookie(DEVICE_COOKIE, token, max_age_s)


def network_address() -> str | None:
    """The client's network address for rate limits (:func:`parkloop.school.sessions.client_address`
    from the connection's own address and its ``X-Forwarded-For`` headers)."""
    try:
        return client_address(st.context.ip_address, st.context.headers.get_all("X-Forwarded-For"))
    except Exception:  # noqa: BLE001 — no browser context (AppTest, bare mode)
        return None


def teacher_secret(session_id: object, from_url: object, max_age_s: int) -> str | None:
    """The teacher secret of ``session_id`` for this browser: from the link just opened (``from_url``,
    then kept in session state and a cookie so the address bar can drop it), from session state, or from
    the cookie of an earlier visit."""
    if not _valid_token(session_id):
        return None
    secrets_here = st.session_state.setdefault(TEACHER_STATE, {})
    if isinstance(from_url, str) and from_url:
        secrets_here[session_id] = from_url[:64]
        if _valid_token(from_url):
            remember_cookie(TEACHER_COOKIE_PREFIX + session_id, from_url, max_age_s)
    if session_id in secrets_here:
        return secrets_here[session_id]
    cookie = _cookie(TEACHER_COOKIE_PREFIX + session_id)
    return cookie if _valid_token(cookie) else None


def keep_teacher_secret(session_id: str, secret: str, max_age_s: int) -> None:
    """Hand a new session's secret to the dashboard through session state (not the URL), and keep it."""
    st.session_state.setdefault(TEACHER_STATE, {})[session_id] = secret
    remember_cookie(TEACHER_COOKIE_PREFIX + session_id, secret, max_age_s)


def no_referrer() -> None:
    """Tell this browser to send no ``Referer`` from this page (``make serve``'s Caddy also sends the
    ``Referrer-Policy: no-referrer`` header; a bare Streamlit server cannot)."""
    with st.container(key="parkloop-no-referrer"):
        st.html(
            "<style>.st-key-parkloop-no-referrer{display:none}</style><script>(function(){"
            "if(!document.querySelector('meta[name=referrer]')){var m=document.createElement('meta');"
            "m.name='referrer';m.content='no-referrer';document.head.appendChild(m);}})();</script>",
            unsafe_allow_javascript=True,
        )
