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
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from parkloop import settings
from parkloop.content import t
from parkloop.exhibits.sankey_svg import SANKEY_CSS
from parkloop.i18n import DEFAULT_LANG, SUPPORTED_LANGS, other_lang
from parkloop.pages import PAGES
from parkloop.ui import (
    charts,  # noqa: F401 — importing the chart kit registers the one altair theme
    kiosk,
    tours,
)
from parkloop.ui.session import current_lang, set_lang
from parkloop.ui.state import current_mode
from parkloop.ui.theme import theme_css

log = logging.getLogger(__name__)

ERROR_ELEMENT_ID = "parkloop-error"

# A local image, not an emoji or :material/…: icon — those make the browser fetch the favicon from
# fonts.gstatic.com, and kiosks are offline.
FAVICON = Path(__file__).with_name("favicon.png")

# Chinese text needs a CJK font: Streamlit ships none. Kiosks install fonts-noto-cjk (Debian), phones
# have their own. Naming the Simplified Chinese faces before the generic fallback stops the browser from
# picking Japanese glyph shapes for Chinese characters.
#
# Drawn with st.markdown, not st.html: Streamlit loads each element's code on first use, the page's text
# comes with the Markdown element's code, and the Html element's arrives later (≈0.4 s on a first load):
# CSS in st.html would restyle text that is already painted (a layout shift).
#
# What it does for everyone (WCAG 2.2 AA; the kiosk's 44 px targets are in its own CSS): text ≥ 4.5:1
# (captions lose Streamlit's 0.6 opacity, selected segmented controls and pills get a darker red); a
# solid focus ring ≥ 3:1 on every focusable element (Streamlit's is a 2.2:1 glow); no heading anchor
# links (a hidden tab stop per heading); metric values wrap instead of being cut at 200 % zoom. It
# changes no size Streamlit draws before it (its padding, its 40 px buttons): a page is painted with
# Streamlit's placeholders before any CSS of the app can arrive, and a change would move it.
_CSS = """
<style>
[data-testid="stElementContainer"]:has(> [data-testid="stMarkdown"] style),
[data-testid="stElementContainer"]:has(> [data-testid="stHtml"] > script:only-child) { display: none; }
:root { --parkloop-cjk: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC",
        "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei"; --parkloop-focus: #1d4ed8; }
.stApp, .stApp p, .stApp li, .stApp td, .stApp th, .stApp h1, .stApp h2, .stApp h3, .stApp label,
.stApp button, .stApp summary {
  font-family: "Source Sans", "Source Sans Pro", var(--parkloop-cjk), sans-serif;
}
.stApp [data-testid="stSlider"] { padding-top: 0.5rem; padding-bottom: 0.5rem; }
.stApp [data-testid="stSlider"] div:has(> div > input[type="range"]) { width: 28px; height: 28px; }
.stApp [data-testid="stTooltipHoverTarget"] button { min-width: 28px; }
.parkloop-summary { color: #374151; font-size: 0.95rem; margin: 0.25rem 0 1rem 0; }
.st-key-parkloop-topbar { box-shadow: 0 1px 0 rgba(49, 51, 63, 0.15); }  /* a line that takes no room */
[data-testid="stHeaderActionElements"] { display: none !important; }
/* The screen's curtain (page_curtain): 1 px high until this CSS is there, then as high as its content */
.stApp [data-testid="stLayoutWrapper"]:has(> .st-key-parkloop-page), .stApp .st-key-parkloop-page {
  height: auto !important; flex: 0 0 auto !important; overflow: visible !important; }
/* The first paint of a page waits (3 s at most) until every element's code has loaded: until then
   Streamlit holds a 40 px placeholder for each, and each element that replaces one at its own height
   moves everything below it. The script below marks the document once that is over, so later runs
   (a slider, a page switch) are never hidden. */
html:not([data-parkloop-painted]) [data-testid="stMainBlockContainer"]:has([data-testid^="stSkeleton"]) {
  animation: parkloop-first-paint 3s step-end; }
@keyframes parkloop-first-paint { from { visibility: hidden; } to { visibility: visible; } }
.stApp [data-testid="stCaptionContainer"], .stApp [data-testid="stCaptionContainer"] * {
  color: #4b5563; opacity: 1; }
.stApp [data-testid="stButtonGroup"] button[data-selected="true"],
.stApp [data-testid="stButtonGroup"] button[data-selected="true"] * { color: #9b1c2c; }
/* Tables (parkloop/ui/tables.py): HTML, drawn as Streamlit draws st.table */
.parkloop-table-wrap { overflow-x: auto; margin-bottom: 1rem; }
.stApp table.parkloop-table { width: auto; min-width: min(100%, 24rem); border-collapse: collapse;
  margin: 0; font-size: 1rem;
  font-variant-numeric: tabular-nums; border: 1px solid #d1d5db; }
.stApp .parkloop-table th, .stApp .parkloop-table td { padding: 0.5rem 0.75rem; text-align: left;
  vertical-align: top; border: 1px solid #e5e7eb; font-size: 1rem; line-height: 1.5; }
.stApp .parkloop-table th { color: #374151; font-weight: 600; background: #f9fafb; }
.stApp .parkloop-table tbody th { background: transparent; }
.stApp .parkloop-table .parkloop-number { text-align: right; }
/* Figure cards (parkloop/ui/figures.py: card_html), drawn as Streamlit drew a bordered metric */
.stApp .parkloop-figures { display: flex; gap: 1rem; margin-bottom: 1rem; }
.stApp .parkloop-figures-columns { flex-direction: row; }
.stApp .parkloop-figures-rows { flex-direction: column; }
.stApp .parkloop-figure-group { display: flex; gap: 1rem; flex: 1 1 0; min-width: 0; }
.stApp .parkloop-figures-columns > .parkloop-figure-group { flex-direction: column; }
.stApp .parkloop-figures-rows > .parkloop-figure-group > .parkloop-figure { flex: 1 1 0; min-width: 0; }
.stApp .parkloop-figure { border: 1px solid #99d5cc; border-radius: 0.75rem; padding: calc(1rem - 1px);
  display: flex; flex-direction: column; gap: 0; }
.stApp .parkloop-figure p { margin: 0; }
.stApp .parkloop-figure .parkloop-figure-label { font-size: 0.875rem; line-height: 1.5rem; }
.stApp .parkloop-figure .parkloop-figure-value { font-size: 2.25rem; line-height: 1.35;
  padding-bottom: 0.25rem; overflow-wrap: anywhere; }
.stApp .parkloop-figure .parkloop-figure-delta { font-size: 0.875rem; color: #4b5563; }
.stApp .parkloop-where-from { margin-top: 1rem; }
.stApp .parkloop-where-from summary { display: inline-flex; align-items: center; gap: 0.5rem;
  min-height: 2.5rem; padding: 0.25rem 0.75rem; border: 1px solid #99d5cc; border-radius: 0.75rem;
  background: #fff;
  font-size: 0.875rem; cursor: pointer; list-style: none; user-select: none; }
.stApp .parkloop-where-from summary::-webkit-details-marker { display: none; }
.stApp .parkloop-where-from summary::after { content: ""; width: 0.4rem; height: 0.4rem; margin-top: -0.2rem;
  border-right: 2px solid currentColor; border-bottom: 2px solid currentColor; transform: rotate(45deg); }
.stApp .parkloop-where-from[open] summary::after { margin-top: 0.2rem; transform: rotate(225deg); }
.stApp .parkloop-where-from summary:hover { border-color: #0f766e; }
.stApp .parkloop-where-from-body { display: flex; flex-direction: column; gap: 0.5rem; margin-top: 0.75rem;
  font-size: 1rem; line-height: 1.6; }
.stApp .parkloop-badge { align-self: flex-start; padding: 0 0.4rem; border-radius: 0.5rem;
  font-size: 0.875rem; font-weight: 600; line-height: 1.6; }
.stApp .parkloop-badge-blue { color: #1e40af; background: #dbeafe; }
.stApp .parkloop-badge-green { color: #166534; background: #dcfce7; }
.stApp .parkloop-badge-orange { color: #9a3412; background: #ffedd5; }
.stApp .parkloop-badge-violet { color: #5b21b6; background: #ede9fe; }
.stApp .parkloop-badge-gray { color: #374151; background: #f3f4f6; }
.stApp [data-testid="stMetricValue"], .stApp [data-testid="stMetricValue"] * {
  white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: anywhere; }
.stApp [data-testid="stMetricLabel"], .stApp [data-testid="stMetricLabel"] * {
  white-space: normal; overflow: visible; text-overflow: clip; }
.stApp [data-testid="stPageLink"] a, .stApp [data-testid="stPageLink"] a * {
  white-space: normal; overflow-wrap: anywhere; }
/* focus: one solid ring, 3 px, 6.7:1 on white, outside the element so it never hides its text */
.stApp :is(a, button, summary, select, textarea, input, [role="button"], [role="tab"]):focus-visible,
.stApp [tabindex]:focus-visible,
[data-testid="stSlider"] div:has(> div > input:focus-visible),
.stApp label:has(> input:focus-visible), .stApp label:has(input[type="checkbox"]:focus-visible),
.stApp label:has(input[type="radio"]:focus-visible) {
  outline: 3px solid var(--parkloop-focus) !important; outline-offset: 2px !important; }
.stApp [data-testid="stElementToolbar"]:focus-within { opacity: 1 !important; }
@media (max-width: 640px) {
  /* figure cards stack on a phone, as Streamlit's columns do: first group first */
  .stApp .parkloop-figures-columns, .stApp .parkloop-figure-group { flex-direction: column; }
  /* the sorting game's bins two by two on a phone (also in exhibits/sorting.py, which arrives late) */
  .st-key-sort-bins [data-testid="stHorizontalBlock"] { flex-wrap: wrap; gap: 0.5rem; }
  .st-key-sort-bins [data-testid="stColumn"] { flex: 1 1 calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important; }
  .stApp .parkloop-table td, .stApp .parkloop-table th {
    font-size: 0.875rem; padding: 0.35rem 0.4rem;
  }
}
</style>
"""

HTML_LANG = {"zh": "zh-Hans", "en": "en"}
"""``<html lang>`` per language: screen readers pick their voice from it (Simplified Chinese, English)."""

# Streamlit's page is served as <html lang="en"> whatever the language. This sets the document's
# language on the run that draws a page; Streamlit keeps the document across page switches, and a
# language switch draws this element again with the other code. It also marks the end of the first
# paint (see the CSS) and moves the focus into and out of popovers (the passport's "clear").
_LANG_SCRIPT = """<script>
(function () {
  const root = document.documentElement;
  root.lang = "__LANG__";
  if (!window.parkloopPopoverFocus) {
    // A popover ("Where from?") opened from the keyboard gets the focus, so its words are read next;
    // when it closes (Escape, a click outside) the focus goes back to its button, not to the page's top.
    window.parkloopPopoverFocus = true;
    let opener = null;
    new MutationObserver(() => {
      const body = document.querySelector('[data-testid="stPopoverBody"]');
      if (body && !body.hasAttribute('data-parkloop-focused')) {
        const active = document.activeElement;
        const fromButton = active && active.closest && active.closest('[data-testid="stPopoverButton"]');
        opener = fromButton ? active : null;
        body.setAttribute('data-parkloop-focused', '');
        body.setAttribute('tabindex', '-1');
        if (opener) { body.focus({preventScroll: true}); }
      } else if (!body && opener) {
        const active = document.activeElement;
        if (!active || active === document.body) { opener.focus({preventScroll: true}); }
        opener = null;
      }
    }).observe(document.body, {childList: true, subtree: true});
    document.addEventListener('keydown', (event) => {  // Tab out of a popover: it closes, on from its button
      const inside = event.target.closest && event.target.closest('[data-testid="stPopoverBody"]');
      if (event.key !== 'Tab' || !inside || !opener) { return; }
      const button = opener;
      inside.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', code: 'Escape', bubbles: true}));
      button.focus({preventScroll: true});
    }, true);
  }
  if (root.dataset.parkloopPainted !== undefined) { return; }
  const open = () => {  // the curtain (page_curtain) when its CSS never came: Markdown with HTML failed
    const curtain = document.querySelector('.st-key-parkloop-page');
    if (!curtain || curtain.getBoundingClientRect().height > 1) { return; }
    for (const el of [curtain, curtain.parentElement]) {
      el.style.setProperty('height', 'auto', 'important');
      el.style.setProperty('flex', '0 0 auto', 'important');
      el.style.setProperty('overflow', 'visible', 'important');
    }
  };
  setTimeout(open, 10000);
  const started = Date.now();
  (function wait() {
    const main = document.querySelector('[data-testid="stMainBlockContainer"]');
    const drawn = main && !main.querySelector('[data-testid^="stSkeleton"]');
    if (drawn || Date.now() - started > 3000) {
      root.dataset.parkloopPainted = "";
      if (drawn) { open(); }
    } else { setTimeout(wait, 100); }
  })();
})();
</script>"""


def page_title(slug: str, lang: str) -> str:
    """The browser tab's title of a page: "垃圾变电 · ParkLoop 园区循环"; the home page's names the park."""
    if not slug:
        return f"{t('app.name', lang)} · {t('app.park', lang)}"
    key = slug.replace("-", "_")
    return f"{t(f'nav.{key}', lang)} · {t('app.name', lang)}"


def configure_page(lang: str, slug: str = "") -> None:
    """Page config for every page: wide layout (kiosks are 1920×1080), the page's own translated title."""
    st.set_page_config(page_title=page_title(slug, lang), page_icon=str(FAVICON), layout="wide")


def inject_css(mode: str = "web") -> None:
    """The frame's CSS (and the kiosk's), first thing in the top bar."""
    css = _CSS + f"<style>{SANKEY_CSS}</style>" + theme_css() + (kiosk.kiosk_css() if mode == "kiosk" else "")
    st.markdown(css, unsafe_allow_html=True, width="content")


_STYLE_SLOT = threading.local()  # this script run's top bar (each session runs in its own thread)


def style_slot():
    """Where a page's own ``<style>`` goes (:func:`parkloop.ui.exhibit.page_style`): the top bar's row,
    whose height the style's placeholder does not change; the page itself without a top bar."""
    return getattr(_STYLE_SLOT, "bar", None)


CURTAIN_KEY = "parkloop-page"


def page_curtain():
    """The container that holds the whole screen (top bar and page): 1 px high until the frame's CSS opens it.

    Streamlit paints plain text and headings as soon as they arrive, but Markdown with HTML (the
    frame's CSS, the journey pictures, the sorting game's cards) only once its parser (rehype-raw) has
    loaded — a chunk of its own, fetched after the text. A phone would paint the page with each HTML
    block as a 40 px placeholder, then again with them, and everything below them would jump (CLS 0.65
    on the home page). In a fixed 1 px container nothing is visible until the CSS arrives, and the CSS
    arrives in the same paint as every other HTML block. Should the parser fail (every element drawn,
    the CSS not applied) or not come within 10 s, the script in :data:`_LANG_SCRIPT` opens it."""
    return st.container(height=1, border=False, autoscroll=False, key=CURTAIN_KEY)


def set_document_lang(lang: str) -> None:
    st.html(_LANG_SCRIPT.replace("__LANG__", HTML_LANG[lang]), unsafe_allow_javascript=True, width="content")


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

    bar = st.container(horizontal=True, vertical_alignment="center", key="parkloop-topbar")
    _STYLE_SLOT.bar = bar
    with bar:
        # First in the bar's row, not above it: until Streamlit's code for an element has loaded, the
        # element holds a placeholder — above the bar it would push the page down, then let it jump up.
        inject_css(mode)
        set_document_lang(lang)
        if home:
            st.markdown(f"**{t('app.name', lang)}**", width="content")
        else:
            st.page_link(PAGES[0].script, label=t("nav.back_home", lang), query_params=link_params(lang))
        if mode == "kiosk":
            kiosk.text_size_control(lang)
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
    _STYLE_SLOT.bar = None
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
        if slug:
            configure_page(lang, slug)
        with page_curtain():
            top_bar(lang, home=not slug, mode=mode)
            for hook in HOOKS:
                if hook.before_page and hook.before_page(lang, mode, slug):
                    return
            page.run()
    except Exception as error:  # noqa: BLE001 — the last line of defence for a kiosk; logged in show_error
        show_error(lang, error)
