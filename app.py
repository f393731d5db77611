"""ParkLoop — the entry point: ``streamlit run app.py``.

The "picture frame" of every page: choose the language, set up the page, declare the pages (ASCII
``url_path``s, translated titles), draw the shared top bar and run the chosen page. Whatever goes wrong
inside a page, the visitor sees a short message in both languages (element ``#parkloop-error``), never a
traceback; the traceback goes to the server log.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from parkloop.content import t
from parkloop.i18n import DEFAULT_LANG
from parkloop.ui.chrome import configure_page, show_error, top_bar
from parkloop.ui.session import current_lang

HERE = Path(__file__).resolve().parent


def pages(lang: str) -> list[st.Page]:
    """Every page of the platform. Titles follow the language; URLs never do.

    No ``icon=`` here: a page icon replaces the favicon, and emoji or Material icons are fetched from
    fonts.gstatic.com — kiosks are offline. The favicon is a local file (``parkloop/ui/favicon.png``).
    """
    return [
        st.Page(
            HERE / "exhibits" / "targets.py",
            title=t("nav.targets", lang),
            url_path="targets",
            default=True,
        ),
    ]


def main() -> None:
    lang = DEFAULT_LANG
    try:
        lang = current_lang()
        configure_page(lang)
        # Own navigation (the top bar) instead of Streamlit's sidebar: kiosks have no sidebar to open.
        page = st.navigation(pages(lang), position="hidden")
        top_bar(lang)
        page.run()
    except Exception as error:  # noqa: BLE001 — the last line of defence for a kiosk; logged in show_error
        show_error(lang, error)


main()
