"""Everything a visitor sets is kept in the URL, so a link or a QR code reopens the same view.

``?lang=`` is handled by :mod:`parkloop.ui.session`; this module does ``?mode=`` and the widgets of the
exhibits. Each URL-bound widget works the same way:

1. On the first run of a page (or when the URL changed under it) the widget's value is read from the URL,
   parsed and checked by a pure function (:func:`parse_number`, :func:`parse_choice`). Anything unusable —
   text where a number belongs, a number out of range, an unknown option, a list, 10 000 characters of
   junk — silently gives the default. Nothing from the URL is ever echoed back unchecked.
2. After every run the URL holds the value actually shown (Streamlit clears query parameters when a
   visitor changes page, so they are written again on each run).

Keys are short ASCII names (``t``, ``food``, ``split``); the same key in the URL and in ``st.session_state``
(prefixed ``url-``), so the parameters of two exhibits never collide within a page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import streamlit as st

if TYPE_CHECKING:
    from parkloop.exhibits.figures import Slider

MODE_PARAM = "mode"
MODES: tuple[str, ...] = ("web", "kiosk", "phone", "class")
DEFAULT_MODE = "web"
MODE_STATE = "parkloop_mode"
STATE_PREFIX = "url-"
MAX_PARAM_LENGTH = 64  # longer values are junk by definition


# --------------------------------------------------------------------------------------------
# pure parsing (tested without Streamlit)
# --------------------------------------------------------------------------------------------
def _one(value: object) -> str | None:
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if not isinstance(value, str) or len(value) > MAX_PARAM_LENGTH:
        return None
    return value.strip()


def parse_number(value: object, default: float, lo: float, hi: float, step: float | None = None) -> float:
    """A number from the URL, snapped to ``step`` and inside ``[lo, hi]``; ``default`` if unusable."""
    text = _one(value)
    if text is None or text == "":
        return default
    try:
        number = float(text)
    except ValueError:
        return default
    if not math.isfinite(number) or number < lo or number > hi:
        return default
    if step:
        number = lo + round((number - lo) / step) * step
        number = min(max(number, lo), hi)
        # keep the representation of the step (0.1 → one decimal) so the URL stays short
        decimals = max(0, -int(math.floor(math.log10(step)))) if step < 1 else 0
        number = round(number, decimals + 2)
    return number


def parse_choice(value: object, options: Sequence[str], default: str) -> str:
    """One of ``options`` from the URL; ``default`` for anything else."""
    text = _one(value)
    return text if text in options else default


def parse_mode(value: object) -> str | None:
    text = _one(value)
    return text.lower() if text and text.lower() in MODES else None


def format_param(value: float | int | str) -> str:
    """How a value is written into the URL: ``3000`` not ``3000.0``, ``0.35`` not ``0.35000000001``."""
    if isinstance(value, str):
        return value
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6g}"


# --------------------------------------------------------------------------------------------
# mode
# --------------------------------------------------------------------------------------------
def current_mode() -> str:
    """``web`` (default), ``kiosk``, ``phone`` or ``class`` — from ``?mode=``, then session state.

    Kept in the URL and in session state, so it survives page changes inside the app."""
    from_url = parse_mode(st.query_params.get(MODE_PARAM))
    mode = from_url or st.session_state.get(MODE_STATE) or DEFAULT_MODE
    if mode not in MODES:
        mode = DEFAULT_MODE
    st.session_state[MODE_STATE] = mode
    if mode != DEFAULT_MODE and st.query_params.get(MODE_PARAM) != mode:
        st.query_params[MODE_PARAM] = mode
    elif mode == DEFAULT_MODE and MODE_PARAM in st.query_params and from_url is None:
        del st.query_params[MODE_PARAM]  # an unknown ?mode= is dropped silently
    return mode


def link_params(lang: str) -> dict[str, str]:
    """The query parameters every link inside the app carries: language and (if not web) mode."""
    params = {"lang": lang}
    mode = st.session_state.get(MODE_STATE, DEFAULT_MODE)
    if mode != DEFAULT_MODE:
        params[MODE_PARAM] = mode
    return params


# --------------------------------------------------------------------------------------------
# URL-bound widgets
# --------------------------------------------------------------------------------------------
def _sync(key: str, parsed: Any) -> str:
    """Put the URL's value into session state when the URL changed (first visit, link, back button)."""
    state_key = STATE_PREFIX + key
    seen_key = STATE_PREFIX + "seen-" + key
    raw = st.query_params.get(key)
    if state_key not in st.session_state or (raw is not None and raw != st.session_state.get(seen_key)):
        st.session_state[state_key] = parsed
    return state_key


def _write_back(key: str, value: float | int | str, default: float | int | str) -> None:
    text = format_param(value)
    st.session_state[STATE_PREFIX + "seen-" + key] = text
    if st.query_params.get(key) != text:
        st.query_params[key] = text


def url_slider(
    label: str,
    key: str,
    *,
    min_value: float,
    max_value: float,
    default: float,
    step: float,
    help: str | None = None,
    format: str | None = None,
    integer: bool = False,
    disabled: bool = False,
) -> float:
    """A slider whose value lives in ``?<key>=``. Returns the value (``int`` if ``integer``)."""
    cast: Callable[[float], float] = int if integer else float
    parsed = cast(parse_number(st.query_params.get(key), default, min_value, max_value, step))
    state_key = _sync(key, parsed)
    value = st.slider(
        label,
        min_value=cast(min_value),
        max_value=cast(max_value),
        step=cast(step),
        key=state_key,
        help=help,
        format=format,
        disabled=disabled,
    )
    _write_back(key, value, default)
    return value


def url_sliders(sliders: Iterable[Slider]) -> dict[str, float]:
    """The sliders a logic module declares, one under the other, each a :func:`url_slider`. Returns
    ``{slider.name: value}``."""
    return {
        slider.name: url_slider(
            slider.label,
            slider.key,
            min_value=slider.min_value,
            max_value=slider.max_value,
            default=slider.default,
            step=slider.step,
            help=slider.help,
            format=slider.format,
            integer=slider.integer,
        )
        for slider in sliders
    }


def slider_columns(columns: Sequence[Sequence[Slider]], *, gap: str = "large") -> dict[str, float]:
    """Sliders side by side, one list per column (on a phone the columns stack: first column first).
    Returns ``{slider.name: value}`` of all of them."""
    values: dict[str, float] = {}
    for column, sliders in zip(st.columns(len(columns), gap=gap), columns, strict=True):
        with column:
            values.update(url_sliders(sliders))
    return values


def url_choice(
    label: str,
    key: str,
    *,
    options: Sequence[str],
    default: str,
    format_func: Callable[[str], str] = str,
    help: str | None = None,
    widget: str = "segmented",
) -> str:
    """A choice (segmented control, or ``widget="radio"``) whose value lives in ``?<key>=``."""
    parsed = parse_choice(st.query_params.get(key), options, default)
    state_key = _sync(key, parsed)
    if widget == "radio":
        value = st.radio(label, options, key=state_key, format_func=format_func, help=help, horizontal=True)
    else:
        value = st.segmented_control(
            label, options, key=state_key, format_func=format_func, help=help, required=True
        )
    value = value if value in options else default
    _write_back(key, value, default)
    return value


def url_toggle(label: str, key: str, *, default: bool = False, help: str | None = None) -> bool:
    """A toggle kept in the URL as ``?<key>=1`` or ``0``."""
    parsed = parse_choice(st.query_params.get(key), ("0", "1"), "1" if default else "0") == "1"
    state_key = _sync(key, parsed)
    value = bool(st.toggle(label, key=state_key, help=help))
    _write_back(key, "1" if value else "0", "1" if default else "0")
    return value
