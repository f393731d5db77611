"""The home page: one tile per exhibit, grouped, with a few live numbers from the model.

Every tile is a link to the exhibit's own URL that keeps the language and mode (``?lang=…&mode=…``).
"""

from __future__ import annotations

import streamlit as st

from parkloop.content import t
from parkloop.i18n import format_quantity
from parkloop.pages import EXHIBITS, GROUPS
from parkloop.ui.model_data import PLAN, scenario_result
from parkloop.ui.session import current_lang
from parkloop.ui.state import current_mode, link_params

lang, mode = current_lang(), current_mode()
st.title(t("home.title", lang))
st.markdown(t("app.tagline", lang))

totals = scenario_result(PLAN)["totals"]
st.markdown(
    t(
        "home.today",
        lang,
        waste=format_quantity(totals["waste_treated_t_per_year"], "t", lang),
        power=format_quantity(totals["net_electricity_kwh_per_year"], "kWh", lang),
        water=format_quantity(totals["reclaimed_water_m3_per_year"], "m3", lang),
    )
)

# Tiles: the exhibit's name big enough to read from a step back on a kiosk, the whole link a big target.
st.html(
    """<style>
[class*="st-key-tile-"] [data-testid="stPageLink"] a { min-height: 56px; }
[class*="st-key-tile-"] [data-testid="stPageLink"] a * {
  font-size: 1.3rem; font-weight: 700; color: #0f766e;
}
[class*="st-key-tile-"] [data-testid="stMarkdownContainer"] p { font-size: 1.05rem; color: #1f2937; }
</style>"""
)
params = link_params(lang)
columns = 1 if mode == "phone" else 3
for group in GROUPS:
    st.subheader(t(f"home.group.{group}", lang))
    specs = [spec for spec in EXHIBITS if spec.group == group]
    # one row of columns per line of tiles, so that on a phone (where columns stack) the order stays
    for start in range(0, len(specs), columns):
        row = st.columns(columns, gap="medium")
        for column, spec in zip(row, specs[start : start + columns], strict=False):
            with column, st.container(border=True, key=f"tile-{spec.key}"):
                st.page_link(
                    spec.path.as_posix(), label=f"**{t(f'nav.{spec.key}', lang)}**", query_params=params
                )
                st.markdown(t(f"teaser.{spec.key}", lang))
