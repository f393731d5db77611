"""The frame around every page: page config, the top bar with the language switch, the error box.

``app.py`` calls :func:`configure_page` and :func:`top_bar` before running the page, and
:func:`show_error` if the page raises, so that a visitor never sees a traceback.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path

import streamlit as st

from parkloop.content import t
from parkloop.i18n import SUPPORTED_LANGS, other_lang
from parkloop.ui.session import set_lang

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
            st.page_link("exhibits/home.py", label=t("nav.back_home", lang), query_params=link_params(lang))
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
