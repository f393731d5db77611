"""The home page's logic (no Streamlit): its title, the plan's numbers in two sentences (what the park
treats and makes; its two carbon ledgers, kept apart), and the exhibits' tiles by group, in rows.

Every number is a model estimate of the plan-2026 scenario and says so ("simulated"); a carbon number names
its ledger — 园区自身排放 / what the park emits, 替代减排 / avoided elsewhere — and the two are never netted
(model.md, carbon accounting version 2). Waste is household waste: the illustrative construction waste is
not counted in it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from parkloop.content import t
from parkloop.i18n import format_quantity
from parkloop.pages import EXHIBITS, PageSpec


def page_title(lang: str) -> str:
    """The home page's title: a question, not its name in the menu (``nav.home``)."""
    return t("home.title", lang)


def today_text(totals: Mapping[str, float], lang: str) -> str:
    """What the park treats (household waste) and makes in a year, from a model result's ``totals``."""
    return t(
        "home.plan_year",
        lang,
        waste=format_quantity(totals["household_waste_t_per_year"], "t", lang),
        power=format_quantity(totals["net_electricity_kwh_per_year"], "kWh", lang),
        water=format_quantity(totals["reclaimed_water_m3_per_year"], "m3", lang),
    )


def carbon_text(totals: Mapping[str, float], lang: str) -> str:
    """The plan's two carbon ledgers in a year, side by side: inventory and avoided [t CO2e]."""
    return t(
        "home.plan_carbon",
        lang,
        inventory=format_quantity(totals["emissions_t_co2e_per_year"], "t CO2e", lang, sig=2),
        avoided=format_quantity(totals["avoided_t_co2e_per_year"], "t CO2e", lang, sig=2),
    )


def tile_rows(group: str, columns: int, exhibits: Sequence[PageSpec] = EXHIBITS) -> list[list[PageSpec]]:
    """The exhibits of ``group`` in rows of ``columns`` tiles (the last row may be shorter), so that on a
    phone, where columns stack, the tiles keep their order."""
    specs = [spec for spec in exhibits if spec.group == group]
    return [specs[start : start + columns] for start in range(0, len(specs), columns)]
