"""The one frame around every page: page config, the pages, the top bar, the hooks, the error box.

``app.py`` runs :func:`run` on every script run. In order: the language and the mode; page config; each
hook's ``before_navigation`` (in :data:`HOOKS` order); navigation; the top bar; each hook's
``before_page`` — a hook that returns ``True`` has drawn the screen itself and the page is not run; the
page. Whatever goes wrong, the visitor sees :func:`show_error`'s short message in both languages (element
``#parkloop-error``), never a traceback; the traceback goes to the server log.

A hook is what a feature adds to every page: QR tours (``?station=`` opens a station's exhibit) and kiosk
mode (lock-down, idle reset, attract screen, usage). A new one is one more :class:`Hook` in the list.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from parkloop import settings
from parkloop.content import t
from parkloop.i18n import DEFAULT_LANG, SUPPORTED_LANGS, other_lang
from parkloop.pages import PAGES
from parkloop.ui import (
    charts,  # noqa: F401 — importing the chart kit registers the one altair theme
    kiosk,
    tours,
)
from parkloop.ui.session import current_lang, set_lang
from parkloop.ui.state import current_mode

log = logging.getLogger(__name__)

ERROR_ELEMENT_ID = "parkloop-error"

# A local image, not an emoji or :material/…: icon — those make the browser fetch the favicon from
# fonts.gstatic.com, and kiosks are offline.
FAVICON = Path(__file__).with_name("favicon.png")

# Chinese text needs a CJK font: Streamlit ships none. Kiosks install fonts-noto-cjk (Debian), phones
# have their own. Naming the Simplified Chinese faces before the generic fallback stops the browser from
# picking Japanese glyph shapes for Chinese characters. Bigger touch targets for the language buttons
# (WCAG 2.5.8: at least 44 px on kiosks).
_CSS = """
<style>
:root { --parkloop-cjk: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
        "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei"; }
.stApp, .stApp p, .stApp li, .stApp td, .stApp th, .stApp h1, .stApp h2, .stApp h3, .stApp label,
.stApp button, .stApp summary {
  font-family: "Source Sans", "Source Sans Pro", var(--parkloop-cjk), sans-serif;
}
.st-key-parkloop-lang-switch button { min-height: 44px; min-width: 88px; }
.st-key-parkloop-topbar [data-testid="stPageLink"] a { min-height: 44px; display: flex; align-items: center; }
/* touch targets of at least 44 px for every control (WCAG 2.5.8 asks 24, kiosks need more) */
.stApp button, .stApp [data-testid="stPageLink"] a { min-height: 44px; }
.stApp [data-testid="stSlider"] [role="slider"] { width: 28px; height: 28px; }
.stApp [data-testid="stSlider"] { padding-top: 0.5rem; padding-bottom: 0.5rem; }
.parkloop-summary { color: #374151; font-size: 0.95rem; margin: 0.25rem 0 1rem 0; }
.st-key-parkloop-topbar { border-bottom: 1px solid rgba(49, 51, 63, 0.15); padding-bottom: 0.25rem; }
[data-testid="stMainBlockContainer"] { padding-top: 3rem; }
/* captions: Streamlit's default grey is below the 4.5:1 contrast of WCAG 2.2 AA */
.stApp [data-testid="stCaptionContainer"], .stApp [data-testid="stCaptionContainer"] p { color: #4b5563; }
.stApp [data-testid="stTable"] td, .stApp [data-testid="stTable"] th { font-size: 1rem; }
.stApp [data-testid="stTable"] th, .stApp [data-testid="stTable"] th * { color: #374151; font-weight: 600; }
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"] { padding-top: 2.5rem; padding-left: 0.75rem; padding-right: 0.75rem; }
  .stApp h1 { font-size: 1.75rem; }
  .stApp h2, .stApp h3 { font-size: 1.3rem; }
  .stApp [data-testid="stTable"] td, .stApp [data-testid="stTable"] th {
    font-size: 0.875rem; padding: 0.35rem 0.4rem;
  }
}
</style>
"""


def configure_page(lang: str) -> None:
    """Page config for every page: wide layout (kiosks are 1920×1080), translated tab title."""
    st.set_page_config(
        page_title=f"{t('app.name', lang)} · {t('app.park', lang)}",
        page_icon=str(FAVICON),
        layout="wide",
    )


def inject_css() -> None:
    st.html(_CSS)


def language_switch(lang: str) -> None:
    """Two buttons, 中文 and English; the current language is the highlighted one.

    Each button sets ``?lang=`` (through :func:`parkloop.ui.session.set_lang`), so the choice survives a
    reload and is part of every link or QR code made from the page.
    """
    with st.container(horizontal=True, horizontal_alignment="right", key="parkloop-lang-switch", gap="small"):
        for code in SUPPORTED_LANGS:
            st.button(
                t(f"lang.{code}", lang),
                key=f"parkloop-lang-{code}",
                type="primary" if code == lang else "secondary",
                help=t("lang.switch_help", lang),
                on_click=set_lang,
                args=(code,),
            )


def top_bar(lang: str, *, home: bool = True, mode: str = "web") -> None:
    """App name (a link home) on the left, language switch on the right; one row on a kiosk and a phone.

    On an exhibit the name reads "← all exhibits" so that a visitor always has a way back."""
    from parkloop.ui.state import link_params

    inject_css()
    with st.container(horizontal=True, vertical_alignment="center", key="parkloop-topbar"):
        if home:
            st.markdown(f"**{t('app.name', lang)}**", width="content")
        else:
            st.page_link(PAGES[0].script, label=t("nav.back_home", lang), query_params=link_params(lang))
        language_switch(lang)


def show_error(lang: str, error: BaseException | None = None) -> None:
    """A friendly message in both languages instead of a traceback (which goes to the server log)."""
    if error is not None:
        log.error("page failed", exc_info=(type(error), error, error.__traceback__))
    parts = []
    for code in (lang, other_lang(lang)):
        try:
            title, body = t("error.title", code), t("error.body", code)
        except Exception:  # the content itself may be what broke
            title, body = "Sorry, this page cannot be shown right now.", "Please try again in a moment."
        html_lang = "zh-Hans" if code == "zh" else "en"
        parts.append(
            f'<p lang="{html_lang}"><strong>{html.escape(title)}</strong><br>{html.escape(body)}</p>'
        )
    st.html(
        f'<div id="{ERROR_ELEMENT_ID}" role="alert" '
        'style="border:2px solid #b45309;border-radius:0.5rem;padding:1rem 1.25rem;background:#fffbeb;'
        f'color:#1f2937">{"".join(parts)}</div>'
    )


# --------------------------------------------------------------------------------------------
# the pages and the hooks
# --------------------------------------------------------------------------------------------
def pages(lang: str) -> list[st.Page]:
    """Every page of the platform (:data:`parkloop.pages.PAGES`). Titles follow the language; URLs never do.

    No ``icon=`` here: a page icon replaces the favicon, and emoji or Material icons are fetched from
    fonts.gstatic.com — kiosks are offline. The favicon is a local file (``parkloop/ui/favicon.png``).
    """
    return [
        st.Page(
            spec.path, title=t(f"nav.{spec.key}", lang), url_path=spec.slug or "home", default=not spec.slug
        )
        for spec in PAGES
    ]


@dataclass(frozen=True)
class Hook:
    """What a feature does around every page; either step may be left out."""

    name: str
    before_navigation: Callable[[str], None] | None = None
    """``(lang)``, before ``st.navigation``: may switch to another page."""
    before_page: Callable[[str, str, str], bool] | None = None
    """``(lang, mode, slug)``, after the top bar: ``True`` when it drew the screen itself (no page run)."""


HOOKS: tuple[Hook, ...] = (
    Hook("tours", before_navigation=tours.route),  # ?station=<id> from a QR poster opens that station
    Hook("kiosk", before_page=kiosk.before_page),  # lock-down, idle reset, attract screen, usage
)


def run() -> None:
    """One script run: the frame, the hooks and the chosen page (see the module's docstring)."""
    lang = DEFAULT_LANG
    try:
        settings.apply_data_dir()
        lang = current_lang()
        mode = current_mode()
        configure_page(lang)
        for hook in HOOKS:
            if hook.before_navigation:
                hook.before_navigation(lang)
        # Own navigation (the top bar) instead of Streamlit's sidebar: kiosks have no sidebar to open.
        page = st.navigation(pages(lang), position="hidden")
        slug = "" if page.url_path in ("", "home") else page.url_path
        top_bar(lang, home=not slug, mode=mode)
        for hook in HOOKS:
            if hook.before_page and hook.before_page(lang, mode, slug):
                return
        page.run()
    except Exception as error:  # noqa: BLE001 — the last line of defence for a kiosk; logged in show_error
        show_error(lang, error)
