"""The home page's logic (no Streamlit): its title, the plan's numbers in two sentences (what the park
treats and makes; its two carbon ledgers, kept apart), the exhibits' tiles by group, in rows, each with
a picture and a few words, and the invitation a child can follow first (the sorting game).

Every number is a model estimate of the plan-2026 scenario and says so ("simulated"); a carbon number names
its ledger — 园区自身排放 / what the park emits, 替代减排 / avoided elsewhere — and the two are never netted
(model.md, carbon accounting version 2). Waste is household waste: the illustrative construction waste is
not counted in it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache

from parkloop.content import t
from parkloop.exhibits.sorting_pictures import ICON_SET, OWN, VIEWBOX, _icons, bin_svg
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


# --------------------------------------------------------------------------------------------
# pictures: one per tile, four bins on the invitation to play
# --------------------------------------------------------------------------------------------
TILE_PICTURES: dict[str, str] = {
    "park": "world-map",
    "power": "high-voltage",
    "steam": "hot-springs",
    "biogas": "green-salad",
    "water": "droplet",
    "materials": "brick",
    "solar": "sun",
    "system": "counterclockwise-arrows-button",
    "targets": "bullseye",
    "air": "leaf-fluttering-in-wind",
    "my_garbage": "house",
    "sorting": "wastebasket",
    "tours": "mobile-phone",
    "lessons": "school",
}
"""Each tile's picture: a Fluent Emoji Flat name (MIT, ``licenses/fluent-emoji-flat.txt``), read from the
npm package the sorting game's pictures come from (:mod:`parkloop.exhibits.sorting_pictures`)."""
START_PAGE = "sorting"
"""A child's first step: the invitation at the top of the home page opens the sorting game."""


@lru_cache(maxsize=1)
def _tile_bodies() -> dict[str, str]:
    return _icons(ICON_SET, frozenset(TILE_PICTURES.values()))


def tile_picture(key: str, size: int = 56) -> str:
    """The tile's picture as an inline, decorative ``<svg>`` (the exhibit's name is written beside it);
    a plain drawn bag when the icon set is not installed (``data-parkloop-fallback``)."""
    drawn = _tile_bodies().get(TILE_PICTURES.get(key, ""))
    fallback = "" if drawn else ' data-parkloop-fallback="1"'
    return (
        f'<svg class="pl-tile-pic"{fallback} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEWBOX} '
        f'{VIEWBOX}" width="{size}" height="{size}" aria-hidden="true" focusable="false">'
        f"{drawn or OWN['bag']}</svg>"
    )


def tile_text(key: str, lang: str) -> str:
    """A tile's few words under the exhibit's name (``home.tile.<key>``): what a visitor will do there."""
    return t(f"home.tile.{key}", lang)


def start_pictures(colours: Mapping[str, str], size: int = 64) -> str:
    """The four bins in their colours (``{bin id: colour}``), side by side: the invitation's picture."""
    bins = "".join(bin_svg(bin_id, colour, size=size) for bin_id, colour in colours.items())
    return f'<span class="pl-start-pic" aria-hidden="true">{bins}</span>'
