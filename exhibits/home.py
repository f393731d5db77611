"""The home page: a child's first step (the sorting game, four bins), the park's journey, a few numbers
from the model's plan scenario (each marked simulated; the carbon ones name their ledger), and one tile per
exhibit, grouped, each with a picture, the exhibit's name and a few words.

URL keys: none of its own. Every tile is a link to the exhibit's own URL that keeps the language and mode
(``?lang=…&mode=…``); the whole tile is the link's target (its picture and words too).
"""

from __future__ import annotations

import html

import streamlit as st

from parkloop.content import t
from parkloop.exhibits import home as view
from parkloop.pages import BY_SLUG, GROUPS
from parkloop.ui.exhibit import exhibit_start, page_style
from parkloop.ui.journey import journey_picture, journey_style
from parkloop.ui.model_data import PLAN, scenario_result
from parkloop.ui.state import link_params
from parkloop.ui.theme import bin_colours

PAGE = "home"
# Tiles: a picture, the exhibit's name big enough to read from a step back on a kiosk, a few words; the
# link stretches over the whole tile (a child taps the picture). Sizes from the type scale (theme.py).
TILE_CSS = """<style>
[class*="st-key-tile-"], .st-key-home-start { position: relative; }
[class*="st-key-tile-"] [data-testid="stElementContainer"],
.st-key-home-start [data-testid="stElementContainer"] { position: static; }
[class*="st-key-tile-"] { padding: 0.9rem 1rem 1.1rem 5.25rem !important; min-height: 5.5rem; }
[class*="st-key-tile-"] [data-testid="stMarkdownContainer"] p { font-size: var(--pl-step-0);
  color: var(--pl-text); margin: 0; }
.st-key-home-start [data-testid="stMarkdownContainer"] p { font-size: var(--pl-step-1); color: var(--pl-text);
  margin: 0; }
[class*="st-key-tile-"] [data-testid="stPageLink"] a::after,
.st-key-home-start [data-testid="stPageLink"] a::after { content: ""; position: absolute; inset: 0; }
[class*="st-key-tile-"] [data-testid="stPageLink"] a { min-height: 44px; padding: 0; }
[class*="st-key-tile-"] [data-testid="stPageLink"] a :is(span, p) {
  font-size: var(--pl-step-1); font-weight: 700; color: var(--pl-primary-dark); line-height: 1.25; }
[class*="st-key-tile-"]:hover, .st-key-home-start:hover { background: var(--pl-surface); }
.pl-tile-pic, .pl-start-pic { pointer-events: none; }  /* a tap on the picture reaches the link */
.pl-tile-pic { position: absolute; left: 1rem; top: 50%; transform: translateY(-50%); }
.st-key-home-start { background: var(--pl-surface); border: 3px solid var(--pl-primary) !important;
  border-radius: 1rem; padding: 0.9rem 1.25rem 1.1rem 20rem !important; margin: 0.25rem 0 0.5rem 0;
  min-height: 6.5rem; justify-content: center; }
.st-key-home-start [data-testid="stPageLink"] a { padding: 0; }
.st-key-home-start [data-testid="stPageLink"] a :is(span, p) { font-size: var(--pl-step-3); font-weight: 800;
  color: var(--pl-primary-dark); line-height: 1.2; }
.pl-start-pic { display: flex; gap: 0.35rem; position: absolute; left: 1.25rem; top: 50%;
  transform: translateY(-50%); }
@media (max-width: 640px) {
  .st-key-home-start { padding: 4.4rem 1rem 1rem 1rem !important; }
  .pl-start-pic { top: 0.9rem; transform: none; }
  .pl-start-pic svg { width: 44px; height: 44px; }
  .st-key-home-start [data-testid="stPageLink"] a :is(span, p) { font-size: var(--pl-step-2); }
}
</style>"""


def _start(lang: str) -> None:
    """The invitation a child can follow first: four bins and "来玩分类游戏！", the whole box a link."""
    spec = BY_SLUG[view.START_PAGE]
    with st.container(key="home-start", gap="small"):
        label = t("home.start.title", lang)
        st.page_link(spec.path.as_posix(), label=label, query_params=link_params(lang))
        words = html.escape(t("home.start.body", lang))
        st.markdown(view.start_pictures(bin_colours()) + words, unsafe_allow_html=True)


def _tiles(group: str, lang: str, columns: int) -> None:
    """One group's tiles: one row of columns per line of tiles; in each, the exhibit's name (the link) and
    its picture with its few words in one Markdown element (two elements a tile: a rerun stays cheap)."""
    st.header(t(f"home.group.{group}", lang), anchor=False)
    params = link_params(lang)
    for row in view.tile_rows(group, columns):
        for column, spec in zip(st.columns(columns, gap="medium"), row, strict=False):
            with column, st.container(border=True, key=f"tile-{spec.key}", gap="small"):
                label = t(f"nav.{spec.key}", lang)
                st.page_link(spec.path.as_posix(), label=label, query_params=params)
                words = html.escape(view.tile_text(spec.key, lang))
                st.markdown(view.tile_picture(spec.key) + words, unsafe_allow_html=True)


lang, mode = exhibit_start(PAGE, intro=False, title=view.page_title)
page_style(TILE_CSS)
st.markdown(t("app.tagline", lang))
_start(lang)
journey_style(PAGE)
journey_picture(PAGE, scenario_result(PLAN), lang)
totals = scenario_result(PLAN)["totals"]
st.markdown(view.today_text(totals, lang))
st.markdown(view.carbon_text(totals, lang))
for group in GROUPS:
    _tiles(group, lang, columns=1 if mode == "phone" else 3)
