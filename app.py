"""ParkLoop — the entry point: ``streamlit run app.py``.

The "picture frame" of every page: choose the language, set up the page, declare the pages (ASCII
``url_path``s, translated titles), draw the shared top bar and run the chosen page. Whatever goes wrong
inside a page, the visitor sees a short message in both languages (element ``#parkloop-error``), never a
traceback; the traceback goes to the server log.
"""

from __future__ import annotations

import streamlit as st

from parkloop.content import t
from parkloop.i18n import DEFAULT_LANG
from parkloop.kiosk import frame as kiosk_frame
from parkloop.pages import PAGES
from parkloop.tours import frame as tours_frame
from parkloop.ui.chrome import configure_page, show_error, top_bar
from parkloop.ui.session import current_lang
from parkloop.ui.state import current_mode


def pages(lang: str) -> list[st.Page]:
    """Every page of the platform. Titles follow the language; URLs never do.

    No ``icon=`` here: a page icon replaces the favicon, and emoji or Material icons are fetched from
    fonts.gstatic.com — kiosks are offline. The favicon is a local file (``parkloop/ui/favicon.png``).
    """
    return [
        st.Page(
            spec.path, title=t(f"nav.{spec.key}", lang), url_path=spec.slug or "home", default=not spec.slug
        )
        for spec in PAGES
    ]


def main() -> None:
    lang = DEFAULT_LANG
    try:
        lang = current_lang()
        mode = current_mode()
        configure_page(lang)
        tours_frame.route(lang)  # ?station=<id> from a QR poster opens that station's exhibit
        # Own navigation (the top bar) instead of Streamlit's sidebar: kiosks have no sidebar to open.
        page = st.navigation(pages(lang), position="hidden")
        slug = "" if page.url_path in ("", "home") else page.url_path
        top_bar(lang, home=not slug, mode=mode)
        if kiosk_frame.before_page(lang, mode, slug):
            return
        page.run()
        kiosk_frame.after_page(lang, mode, slug)
    except Exception as error:  # noqa: BLE001 — the last line of defence for a kiosk; logged in show_error
        show_error(lang, error)


main()
