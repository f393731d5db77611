"""The home page: one tile per exhibit, grouped, with a few numbers from the model's plan scenario (each
marked simulated; the carbon ones name their ledger).

URL keys: none of its own. Every tile is a link to the exhibit's own URL that keeps the language and mode
(``?lang=…&mode=…``).
"""

from __future__ import annotations

import streamlit as st

from parkloop.content import t
from parkloop.exhibits import home as view
from parkloop.pages import GROUPS
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.journey import journey_picture
from parkloop.ui.model_data import PLAN, scenario_result
from parkloop.ui.state import link_params

PAGE = "home"
# Tiles: the exhibit's name big enough to read from a step back on a kiosk, the whole link a big target.
TILE_CSS = """<style>
[class*="st-key-tile-"] [data-testid="stPageLink"] a { min-height: 56px; }
[class*="st-key-tile-"] [data-testid="stPageLink"] a * {
  font-size: 1.3rem; font-weight: 700; color: #0f766e;
}
[class*="st-key-tile-"] [data-testid="stMarkdownContainer"] p { font-size: 1.05rem; color: #1f2937; }
</style>"""


def _tiles(group: str, lang: str, columns: int) -> None:
    """One group's tiles: one row of columns per line of tiles."""
    st.subheader(t(f"home.group.{group}", lang), anchor=False)
    params = link_params(lang)
    for row in view.tile_rows(group, columns):
        for column, spec in zip(st.columns(columns, gap="medium"), row, strict=False):
            with column, st.container(border=True, key=f"tile-{spec.key}"):
                label = f"**{t(f'nav.{spec.key}', lang)}**"
                st.page_link(spec.path.as_posix(), label=label, query_params=params)
                st.markdown(t(f"teaser.{spec.key}", lang))


lang, mode = exhibit_start(PAGE, intro=False, title=view.page_title)
st.markdown(t("app.tagline", lang))
journey_picture(PAGE, scenario_result(PLAN), lang)
totals = scenario_result(PLAN)["totals"]
st.markdown(view.today_text(totals, lang))
st.markdown(view.carbon_text(totals, lang))
st.html(TILE_CSS)
for group in GROUPS:
    _tiles(group, lang, columns=1 if mode == "phone" else 3)
