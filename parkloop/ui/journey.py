"""The Streamlit side of the journeys: one call draws a page's picture (``#parkloop-journey``).

The picture is inline SVG with its own CSS and focusable stages, built as text by
:mod:`parkloop.exhibits.journey` with every word escaped there. It goes through ``st.markdown`` with
``unsafe_allow_html``, not ``st.html``: ``st.html`` sanitises with DOMPurify's HTML-only profile, which
drops every SVG element (the tours' route map is an ``<img>`` for that reason, but an image cannot be
tapped stage by stage). Its ``<style>`` goes apart through :func:`parkloop.ui.exhibit.page_style`, so it
applies with the first paint (no layout shift). No script is sent: tapping a stage works with CSS
``:focus`` alone.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from parkloop.exhibits.journey import journey, style
from parkloop.ui.exhibit import page_style


def journey_picture(page: str, result: Mapping[str, Any], lang: str) -> None:
    """Draw ``page``'s journey for this model ``result`` (the visitor's own slider values) in ``lang``.
    Its style is :func:`journey_style`, drawn by the page before it and outside a slider's fragment: the
    style never changes, and a fragment would send it again on every move (issue 18)."""
    with st.container(key="parkloop-journey-box"):
        st.markdown(journey(page, result, lang), unsafe_allow_html=True)


def journey_style(page: str) -> None:
    """The ``<style>`` of ``page``'s journey (the same for every result and language)."""
    page_style(style(page))
