"""The home page's logic (no Streamlit): its title, the plan's numbers in one sentence, and the exhibits'
tiles by group, in rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from parkloop.content import t
from parkloop.i18n import format_quantity
from parkloop.pages import EXHIBITS, PageSpec


def page_title(lang: str) -> str:
    """The home page's title: a question, not its name in the menu (``nav.home``)."""
    return t("home.title", lang)


def today_text(totals: Mapping[str, float], lang: str) -> str:
    """What the park treats and makes in a year, from a model result's ``totals``."""
    return t(
        "home.today",
        lang,
        waste=format_quantity(totals["waste_treated_t_per_year"], "t", lang),
        power=format_quantity(totals["net_electricity_kwh_per_year"], "kWh", lang),
        water=format_quantity(totals["reclaimed_water_m3_per_year"], "m3", lang),
    )


def tile_rows(group: str, columns: int, exhibits: Sequence[PageSpec] = EXHIBITS) -> list[list[PageSpec]]:
    """The exhibits of ``group`` in rows of ``columns`` tiles (the last row may be shorter), so that on a
    phone, where columns stack, the tiles keep their order."""
    specs = [spec for spec in exhibits if spec.group == group]
    return [specs[start : start + columns] for start in range(0, len(specs), columns)]
