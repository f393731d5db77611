"""Pure logic of "公众说碳 — my garbage": a household's garbage, where each kind goes in the park, what it
becomes and the carbon it saves (no Streamlit here; tested on its own).

Per-tonne yields are taken from the model's plan-2026 result (:func:`yields_from_result`), never new
factors: electricity per tonne the incinerator burns, bottom ash made into bricks per tonne burned,
biogas per tonne of food waste, and each plant's net carbon saving per tonne compared with landfilling
the same garbage and using grid electricity ((avoided − emissions) ÷ tonnes of the chain).

Two household figures are the project's own, labelled illustrative on screen:

* :data:`KG_PER_PERSON_PER_DAY` — Beijing's municipal waste collected per resident, ≈ 0.9 kg a day
  (``../shared/reference/factors.md``: total collection ÷ residents, so it includes shops and offices, not
  only homes; not yet checked against the statistical yearbook). No household-only figure was found.
* :data:`HOUSEHOLD_MIX` — food ≈ 63 %, plastics ≈ 13 %, paper ≈ 11 % of mixed household waste (the 2006
  survey in factors.md, out of date); the other 13 % is counted as residual waste here, although some
  glass, metal and cloth in it could be recycled. Hazardous waste is a tiny share by weight and is not
  counted by weight at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parkloop.content import page_section, t
from parkloop.exhibits.figures import Figure, illustrative
from parkloop.i18n import format_number, format_percent, format_quantity

PAGE = "my_garbage"
KG_PER_PERSON_PER_DAY = 0.9
HOUSEHOLD_MIX: dict[str, float] = {"food_waste": 0.63, "recyclables": 0.24, "residual": 0.13}
DAYS_PER_YEAR = 365
BINS: tuple[str, ...] = ("food_waste", "recyclables", "hazardous", "residual")
DESTINATIONS: tuple[str, ...] = ("biogas_plant", "incinerator", "recycling")


@dataclass(frozen=True)
class Yields:
    """Per tonne, from the model's plan-2026 result."""

    kwh_per_t_burned: float  # electricity sent out per tonne of residual waste burned [kWh/t]
    bricks_t_per_t_burned: float  # bottom ash made into bricks per tonne burned [t/t]
    biogas_nm3_per_t_food: float  # biogas per tonne of food waste [Nm³/t]
    saved_t_per_t_burned: float  # net CO2e saved per tonne burned, vs landfill + grid [t/t]
    saved_t_per_t_food: float  # net CO2e saved per tonne of food waste digested [t/t]


def yields_from_result(result: Mapping[str, Any]) -> Yields:
    """Per-tonne yields of the incinerator and the food-waste plant from one model result."""
    inc = result["chains"]["incineration"]
    kw = result["chains"]["kitchen_waste"]
    inc_t = inc["inputs"]["waste_t_per_year"]
    burned_t = inc_t + inc["inputs"]["digestate_t_per_year"]
    kw_t = kw["inputs"]["waste_t_per_year"]
    return Yields(
        kwh_per_t_burned=inc["products"]["net_electricity_kwh_per_year"] / inc_t,
        bricks_t_per_t_burned=inc["products"]["bottom_ash_recycled_t_per_year"] / burned_t,
        biogas_nm3_per_t_food=kw["products"]["biogas_nm3_per_year"] / kw_t,
        saved_t_per_t_burned=(inc["avoided_t_co2e_per_year"] - inc["emissions_t_co2e_per_year"]) / inc_t,
        saved_t_per_t_food=(kw["avoided_t_co2e_per_year"] - kw["emissions_t_co2e_per_year"]) / kw_t,
    )


@dataclass(frozen=True)
class Household:
    """One household's garbage over a year [kg/yr unless named otherwise]."""

    people: int
    sorting: float  # share of food waste and recyclables put in the right bin [0–1]
    total_kg: float
    by_bin_kg: dict[str, float]  # what the household makes, by the bin it belongs in
    to_kg: dict[str, float]  # where it actually goes: biogas_plant, incinerator, recycling
    kwh: float  # electricity the incinerator makes from it
    biogas_nm3: float
    bricks_kg: float
    saved_kg_co2e: float  # counted for what the park treats; recycling outside the park is left out

    def car_km(self, car_kg_co2_per_km: float) -> float:
        return self.saved_kg_co2e / car_kg_co2_per_km

    def trees(self, tree_kg_co2_per_year: float) -> float:
        return self.saved_kg_co2e / tree_kg_co2_per_year


def household(people: int, sorting: float, yields: Yields) -> Household:
    """Where a household's garbage goes for ``people`` people sorting a share ``sorting`` correctly.

    Food waste and recyclables that are not sorted end up in the grey bin and so in the incinerator."""
    if people < 0 or not 0.0 <= sorting <= 1.0:
        raise ValueError("people must be ≥ 0 and sorting between 0 and 1")
    total_kg = people * KG_PER_PERSON_PER_DAY * DAYS_PER_YEAR
    by_bin = {name: total_kg * HOUSEHOLD_MIX.get(name, 0.0) for name in BINS}
    to_biogas = by_bin["food_waste"] * sorting
    to_recycling = by_bin["recyclables"] * sorting
    to_incinerator = total_kg - to_biogas - to_recycling
    t_burned, t_food = to_incinerator / 1000.0, to_biogas / 1000.0
    return Household(
        people=people,
        sorting=sorting,
        total_kg=total_kg,
        by_bin_kg=by_bin,
        to_kg={"biogas_plant": to_biogas, "incinerator": to_incinerator, "recycling": to_recycling},
        kwh=t_burned * yields.kwh_per_t_burned,
        biogas_nm3=t_food * yields.biogas_nm3_per_t_food,
        bricks_kg=to_incinerator * yields.bricks_t_per_t_burned,
        saved_kg_co2e=(t_burned * yields.saved_t_per_t_burned + t_food * yields.saved_t_per_t_food) * 1000.0,
    )


def chart_rows(home: Household, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Bars: kg a year to each destination; ``labels`` maps :data:`DESTINATIONS` to the visitor's words."""
    return [{"place": labels[key], "key": key, "kg": home.to_kg[key]} for key in DESTINATIONS]


def household_at(people: int, sorting_percent: float, yields: Yields) -> Household:
    """:func:`household` for the page's sliders: how well the home sorts in percent (0–100)."""
    return household(people, sorting_percent / 100.0, yields)


# --------------------------------------------------------------------------------------------------
# what the page shows, in the visitor's language
# --------------------------------------------------------------------------------------------------
def total_figure(home: Household, lang: str) -> Figure:
    """The household's garbage a year (under the sliders): the project's own per-person figure."""
    return Figure(
        "fig-total",
        t("my_garbage.total", lang),
        format_quantity(home.total_kg, "kg/yr", lang),
        provenance=illustrative(t("my_garbage.prov.per_person_detail", lang), lang),
        assumption=t(
            "my_garbage.total_note",
            lang,
            kg=format_number(KG_PER_PERSON_PER_DAY, lang),
            per_day=format_number(home.total_kg / DAYS_PER_YEAR, lang, sig=2),
        ),
    )


def _equivalent(name: str, field: str, amount: float, provenance: Any, lang: str) -> Figure:
    """An everyday equivalent of the carbon saved (``fig-car``, ``fig-trees``), said to be rough."""
    return Figure(
        f"fig-{name}",
        t(f"my_garbage.{name}", lang),
        t(f"my_garbage.{name}_value", lang, **{field: format_number(amount, lang, sig=2)}),
        provenance=provenance,
        assumption=t("my_garbage.rough_note", lang),
    )


def shown_figures(
    home: Household,
    yields: Yields,
    equivalents: Mapping[str, float],
    factor_provenance: Mapping[str, Any],
    lang: str,
) -> list[list[Figure]]:
    """The results in two columns: carbon saved and its car equivalent; electricity and trees.

    ``equivalents`` / ``factor_provenance``: the factors' ``equivalents`` and ``provenance`` tables."""
    saved = Figure(
        "fig-saved",
        t("my_garbage.saved", lang),
        format_quantity(home.saved_kg_co2e, "kg CO2e/yr", lang, sig=2),
        assumption=t("my_garbage.saved_note", lang),
    )
    kwh = Figure(
        "fig-kwh",
        t("my_garbage.kwh", lang),
        format_quantity(home.kwh, "kWh/yr", lang, sig=2),
        assumption=t("my_garbage.kwh_note", lang, per_t=format_number(yields.kwh_per_t_burned, lang)),
    )
    km = home.car_km(equivalents["car_kg_co2_per_km"])
    trees = home.trees(equivalents["tree_kg_co2_per_year"])
    car = _equivalent("car", "km", km, factor_provenance["equivalents.car_kg_co2_per_km"], lang)
    tree = _equivalent("trees", "trees", trees, factor_provenance["equivalents.tree_kg_co2_per_year"], lang)
    return [[saved, car], [kwh, tree]]


def compare_text(people: int, yields: Yields, lang: str) -> str:
    """What the same home saves sorting nothing and sorting everything."""
    none, perfect = household(people, 0.0, yields), household(people, 1.0, yields)
    return t(
        "my_garbage.compare",
        lang,
        none=format_quantity(none.saved_kg_co2e, "kg CO2e", lang, sig=2),
        perfect=format_quantity(perfect.saved_kg_co2e, "kg CO2e", lang, sig=2),
    )


@dataclass(frozen=True)
class BinCard:
    """One of the four bins: its badge and name, how much goes in it, where it goes, what it becomes."""

    bin: str
    badge: str
    title: str
    amount: str
    goes: str
    becomes: str


def _kg(value: float, lang: str) -> str:
    return format_quantity(value, "kg/yr", lang, sig=2)


SORTED_TO: dict[str, str] = {"food_waste": "biogas_plant", "recyclables": "recycling"}
"""Where a bin's garbage goes when it is sorted (unsorted, it ends up in the grey bin)."""


def _amounts(home: Household, lang: str) -> dict[str, str]:
    """How much of each bin the home makes: sorted and (ending up in the grey bin) not sorted."""
    amounts = {
        name: t(
            f"my_garbage.bin.{name}.amount",
            lang,
            sorted=_kg(home.to_kg[place], lang),
            unsorted=_kg(home.by_bin_kg[name] - home.to_kg[place], lang),
        )
        for name, place in SORTED_TO.items()
    }
    amounts["hazardous"] = t("my_garbage.bin.hazardous.amount", lang)
    amounts["residual"] = t("my_garbage.bin.residual.amount", lang, kg=_kg(home.to_kg["incinerator"], lang))
    return amounts


def _becomes(home: Household, yields: Yields, lang: str) -> dict[str, str]:
    """What each bin becomes in the park (biogas; electricity and bricks from what is burned)."""
    return {
        "food_waste": t(
            "my_garbage.bin.food_waste.becomes",
            lang,
            biogas=format_quantity(home.biogas_nm3, "Nm3/yr", lang, sig=2),
            per_t=format_number(yields.biogas_nm3_per_t_food, lang),
        ),
        "recyclables": t("my_garbage.bin.recyclables.becomes", lang),
        "hazardous": t("my_garbage.bin.hazardous.becomes", lang),
        "residual": t(
            "my_garbage.bin.residual.becomes",
            lang,
            kwh=format_quantity(home.kwh, "kWh/yr", lang, sig=2),
            bricks=_kg(home.bricks_kg, lang),
        ),
    }


def bin_cards(home: Household, yields: Yields, lang: str) -> list[BinCard]:
    """The four bins in :data:`BINS` order."""
    amounts, becomes = _amounts(home, lang), _becomes(home, yields, lang)
    return [
        BinCard(
            bin=name,
            badge=t(f"my_garbage.bin.{name}.badge", lang),
            title=t(f"my_garbage.bin.{name}.title", lang),
            amount=amounts[name],
            goes=t(f"my_garbage.bin.{name}.goes", lang),
            becomes=becomes[name],
        )
        for name in BINS
    ]


def destination_labels(lang: str) -> dict[str, str]:
    """:data:`DESTINATIONS` in the visitor's words, in chart order."""
    return {key: t(f"my_garbage.dest.{key}", lang) for key in DESTINATIONS}


def axis_max_kg(home: Household) -> float:
    """The end of the chart's axis: the home's whole garbage, so the bars show shares of it."""
    return max(home.total_kg, 1.0)


def chart_summary_text(home: Household, lang: str) -> str:
    """The sentence under the chart: the total, each destination, the share that is burned."""
    return t(
        "my_garbage.chart_summary",
        lang,
        total=format_quantity(home.total_kg, "kg", lang),
        biogas=format_quantity(home.to_kg["biogas_plant"], "kg", lang, sig=2),
        incinerator=format_quantity(home.to_kg["incinerator"], "kg", lang, sig=2),
        recycling=format_quantity(home.to_kg["recycling"], "kg", lang, sig=2),
        share=format_percent(home.to_kg["incinerator"] / home.total_kg, lang, decimals=0),
    )


def how_text(yields: Yields, lang: str) -> str:
    """The "how we count" text: the per-tonne yields from the model, per kg where a visitor thinks in kg."""
    return page_section(
        PAGE,
        "how",
        lang,
        saved_burned=format_number(yields.saved_t_per_t_burned * 1000, lang, sig=2),
        saved_food=format_number(yields.saved_t_per_t_food * 1000, lang, sig=2),
        kwh=format_number(yields.kwh_per_t_burned, lang),
        biogas=format_number(yields.biogas_nm3_per_t_food, lang),
        bricks=format_number(yields.bricks_t_per_t_burned * 1000, lang),
    )


def provenance_items(factor_provenance: Mapping[str, Any], lang: str) -> list[tuple[str, Any]]:
    """What "where the numbers come from" lists: the two household assumptions, the model's yields and
    the two everyday equivalents."""
    return [
        (
            t("my_garbage.prov.per_person", lang),
            illustrative(t("my_garbage.prov.per_person_detail", lang), lang),
        ),
        (t("my_garbage.prov.mix", lang), illustrative(t("my_garbage.prov.mix_detail", lang), lang)),
        (t("my_garbage.prov.yields", lang), "model"),
        (t("my_garbage.prov.car", lang), factor_provenance["equivalents.car_kg_co2_per_km"]),
        (t("my_garbage.prov.tree", lang), factor_provenance["equivalents.tree_kg_co2_per_year"]),
    ]
