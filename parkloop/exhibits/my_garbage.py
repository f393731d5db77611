"""Pure logic of "公众说碳 — my garbage": a household's garbage, where each kind goes in the park, what it
becomes, and what sorting changes in the park's carbon books (no Streamlit here; tested on its own).

The carbon follows the model's three ledgers (model.md, accounting version 2) and never nets them
silently: the household's garbage has **inventory** emissions in the park (what burning it emits; the
food-waste plant's own emissions) and **avoided** emissions outside the park (the electricity and biogas
it becomes). The headline is what **sorting** changes: the park's net (inventory − avoided) with the
slider's sorting minus the same home's net with everything in the grey bin. It is *not* compared with a
landfill: Beijing no longer landfills raw household waste, and separately collected food waste may not be
landfilled.

Per-tonne figures come from the model's plan-2026 result and the model's own factors, never new ones
(:func:`yields_from_result`):

* burned (grey bin), per material: fossil CO2 by IPCC Eq. 5.2 from the component's factors (what the model
  does for a mixture), N2O per tonne burned as in the result, and electricity following the heating value
  of the material, as the model's incinerator does (its average kWh per tonne × material heating value ÷
  the mixture's), counted as avoided at the incinerator's avoided emissions per kWh in the result;
* food waste in the green bin goes to the household food-waste plant (厨余, ``chains.kitchen_waste``): its
  inventory and avoided emissions per tonne, plus its digestate burned in the incinerator (the plastic
  bags in it are fossil carbon; the model books that under incineration).

Two household figures are the project's own, labelled illustrative on screen:

* :data:`KG_PER_PERSON_PER_DAY` — Beijing's municipal waste collected per resident, ≈ 0.9 kg a day
  (``../shared/reference/factors.md``: total collection ÷ residents, so it includes shops and offices, not
  only homes; not yet checked against the statistical yearbook). No household-only figure was found.
* :data:`MATERIAL_MIX` — food ≈ 63 %, plastics ≈ 13 %, paper ≈ 11 % of mixed household waste (the 2006
  survey in factors.md, out of date); paper and plastics are the recyclables; the other 13 % is residual
  waste, counted like the part of the plant's garbage that is not food, paper or plastics. Hazardous
  waste is a tiny share by weight and is not counted by weight at all.
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
# What a home's garbage is made of, by the model's waste components ("other": the rest, see above).
MATERIAL_MIX: dict[str, float] = {"food": 0.63, "plastics": 0.13, "paper": 0.11, "other": 0.13}
MATERIALS: tuple[str, ...] = tuple(MATERIAL_MIX)
# The bin each material belongs in; "other" is residual waste.
MATERIAL_BIN: dict[str, str] = {
    "food": "food_waste",
    "plastics": "recyclables",
    "paper": "recyclables",
    "other": "residual",
}
# The model's components that are NOT one of the named materials make up "other".
NAMED_COMPONENTS: tuple[str, ...] = ("food", "plastics", "paper")
DAYS_PER_YEAR = 365
BINS: tuple[str, ...] = ("food_waste", "recyclables", "hazardous", "residual")
DESTINATIONS: tuple[str, ...] = ("biogas_plant", "incinerator", "recycling")


@dataclass(frozen=True)
class PerTonne:
    """The two ledgers of one tonne [kg CO2e/t]: inventory (in the park) and avoided (outside it)."""

    inventory_kg: float
    avoided_kg: float

    @property
    def net_kg(self) -> float:
        """Inventory − avoided [kg CO2e/t]: what this tonne adds to the park's net."""
        return self.inventory_kg - self.avoided_kg


@dataclass(frozen=True)
class Yields:
    """Per tonne, from the model's plan-2026 result and the model's factors."""

    burned: dict[str, PerTonne]  # per tonne of each material burned (grey bin)
    kwh_per_t: dict[str, float]  # electricity sent out per tonne of each material burned [kWh/t]
    digested: PerTonne  # per tonne of food waste in the household food-waste plant (with its digestate)
    kwh_per_t_burned: float  # the incinerator's average electricity sent out per tonne [kWh/t]
    bricks_t_per_t_burned: float  # bottom ash made into bricks per tonne burned [t/t]
    biogas_nm3_per_t_food: float  # biogas per tonne of household food waste [Nm³/t]


def _material_factors(
    composition: Mapping[str, float], components: Mapping[str, Mapping[str, float]], co2_per_c: float
) -> dict[str, tuple[float, float]]:
    """(fossil CO2 [kg/t], heating value [GJ/t]) of one wet tonne of each material: IPCC Eq. 5.2 for one
    component, ``dm × cf × fcf × 44/12``; "other" is the plant's composition without the named
    materials, in its own proportions."""

    def fossil_kg(name: str) -> float:
        c = components[name]
        return c["dm"] * c["cf"] * c["fcf"] * co2_per_c * 1000.0

    out = {name: (fossil_kg(name), components[name]["lhv_mj_per_kg"]) for name in NAMED_COMPONENTS}
    rest = {name: share for name, share in composition.items() if name not in NAMED_COMPONENTS}
    total = sum(rest.values()) or 1.0
    out["other"] = (
        sum(share * fossil_kg(name) for name, share in rest.items()) / total,
        sum(share * components[name]["lhv_mj_per_kg"] for name, share in rest.items()) / total,
    )
    return out


def yields_from_result(result: Mapping[str, Any], factors: Mapping[str, Any]) -> Yields:
    """Per-tonne figures of the incinerator and the household food-waste plant from one model result
    (a ``scenario_result``: ``chains``, ``ledger``, ``values``) and ``factors_data()``."""
    inc, kw = result["chains"]["incineration"], result["chains"]["kitchen_waste"]
    constants = factors["constants"]
    inc_t = inc["inputs"]["waste_t_per_year"]
    digestate_t = inc["inputs"]["digestate_t_per_year"]
    burned_t = inc_t + digestate_t
    kwh = inc["products"]["net_electricity_kwh_per_year"]
    n2o_kg = result["ledger"]["emissions"]["n2o_incineration"] / burned_t * 1000.0  # per tonne burned
    avoided_kg_per_kwh = inc["avoided_t_co2e_per_year"] * 1000.0 / kwh if kwh else 0.0
    kwh_avg = kwh / inc_t
    mixture_gj = inc["heating_value_gj_per_t"]
    oxidation = constants["oxidation_factor_incineration"]
    materials = _material_factors(
        result["values"]["incineration.composition"], factors["components"], constants["co2_per_c"]
    )
    kwh_per_t = {name: kwh_avg * gj / mixture_gj for name, (_, gj) in materials.items()}
    burned = {
        name: PerTonne(fossil * oxidation + n2o_kg, kwh_per_t[name] * avoided_kg_per_kwh)
        for name, (fossil, _) in materials.items()
    }
    # the digestate's fossil CO2: what the incinerator emits beyond its household waste's own
    digestate_fossil_kg = (
        (inc["fossil_co2_t_per_year"] - inc_t * inc["fossil_co2_kg_per_t"] / 1000.0) / digestate_t * 1000.0
        if digestate_t
        else 0.0
    )
    kw_t = kw["inputs"]["waste_t_per_year"]
    digestate_per_t = kw["products"]["digestate_co_incinerated_t_per_year"] / kw_t
    digested = PerTonne(
        kw["emissions_t_co2e_per_year"] / kw_t * 1000.0 + digestate_per_t * (digestate_fossil_kg + n2o_kg),
        kw["avoided_t_co2e_per_year"] / kw_t * 1000.0,
    )
    return Yields(
        burned=burned,
        kwh_per_t=kwh_per_t,
        digested=digested,
        kwh_per_t_burned=kwh_avg,
        bricks_t_per_t_burned=inc["products"]["bottom_ash_recycled_t_per_year"] / burned_t,
        biogas_nm3_per_t_food=kw["products"]["biogas_nm3_per_year"] / kw_t,
    )


@dataclass(frozen=True)
class Household:
    """One household's garbage over a year [kg/yr, kg CO2e/yr unless named otherwise]."""

    people: int
    sorting: float  # share of food waste and recyclables put in the right bin [0–1]
    total_kg: float
    by_bin_kg: dict[str, float]  # what the household makes, by the bin it belongs in
    to_kg: dict[str, float]  # where it actually goes: biogas_plant, incinerator, recycling
    burned_kg: dict[str, float]  # what is burned, by material
    kwh: float  # electricity the incinerator makes from it
    biogas_nm3: float
    bricks_kg: float
    inventory_kg_co2e: float  # ledger 1: what it emits in the park (burning, the food-waste plant)
    avoided_kg_co2e: float  # ledger 2: what its electricity and biogas avoid outside the park
    change_kg_co2e: float  # the park's net with this sorting − with everything in the grey bin

    @property
    def net_kg_co2e(self) -> float:
        return self.inventory_kg_co2e - self.avoided_kg_co2e

    def car_km(self, car_kg_co2_per_km: float) -> float:
        """The size of the change as car kilometres (a rough equivalent)."""
        return abs(self.change_kg_co2e) / car_kg_co2_per_km

    def trees(self, tree_kg_co2_per_year: float) -> float:
        """The size of the change as trees' yearly uptake (a rough equivalent)."""
        return abs(self.change_kg_co2e) / tree_kg_co2_per_year


def _ledgers(burned_kg: Mapping[str, float], digested_kg: float, yields: Yields) -> tuple[float, float]:
    """(inventory, avoided) [kg CO2e] of the garbage burned, by material, and the food digested [kg]."""
    inventory = sum(kg * yields.burned[m].inventory_kg for m, kg in burned_kg.items()) / 1000.0
    avoided = sum(kg * yields.burned[m].avoided_kg for m, kg in burned_kg.items()) / 1000.0
    digested_t = digested_kg / 1000.0
    return (
        inventory + digested_t * yields.digested.inventory_kg,
        avoided + digested_t * yields.digested.avoided_kg,
    )


def household(people: int, sorting: float, yields: Yields) -> Household:
    """Where a household's garbage goes for ``people`` people sorting a share ``sorting`` correctly.

    Food waste and recyclables that are not sorted end up in the grey bin and so in the incinerator."""
    if people < 0 or not 0.0 <= sorting <= 1.0:
        raise ValueError("people must be ≥ 0 and sorting between 0 and 1")
    total_kg = people * KG_PER_PERSON_PER_DAY * DAYS_PER_YEAR
    made = {m: total_kg * share for m, share in MATERIAL_MIX.items()}
    by_bin = {name: sum(kg for m, kg in made.items() if MATERIAL_BIN[m] == name) for name in BINS}
    kept = {m: (0.0 if MATERIAL_BIN[m] == "residual" else sorting) for m in MATERIALS}  # sorted out
    burned = {m: kg * (1.0 - kept[m]) for m, kg in made.items()}
    to_biogas = made["food"] * sorting
    inventory, avoided = _ledgers(burned, to_biogas, yields)
    grey_inventory, grey_avoided = _ledgers(made, 0.0, yields)  # everything in the grey bin
    return Household(
        people=people,
        sorting=sorting,
        total_kg=total_kg,
        by_bin_kg=by_bin,
        to_kg={
            "biogas_plant": to_biogas,
            "incinerator": sum(burned.values()),
            "recycling": by_bin["recyclables"] * sorting,
        },
        burned_kg=burned,
        kwh=sum(kg * yields.kwh_per_t[m] for m, kg in burned.items()) / 1000.0,
        biogas_nm3=to_biogas / 1000.0 * yields.biogas_nm3_per_t_food,
        bricks_kg=sum(burned.values()) * yields.bricks_t_per_t_burned,
        inventory_kg_co2e=inventory,
        avoided_kg_co2e=avoided,
        change_kg_co2e=(inventory - avoided) - (grey_inventory - grey_avoided),
    )


def chart_rows(home: Household, labels: Mapping[str, str]) -> list[dict[str, Any]]:
    """Bars: kg a year to each destination; ``labels`` maps :data:`DESTINATIONS` to the visitor's words."""
    return [{"place": labels[key], "key": key, "kg": home.to_kg[key]} for key in DESTINATIONS]


def household_at(people: int, sorting_percent: float, yields: Yields) -> Household:
    """:func:`household` for the page's sliders: how well the home sorts in percent (0–100)."""
    return household(people, sorting_percent / 100.0, yields)


def sorted_change_kg_per_t(material: str, yields: Yields) -> float:
    """What one tonne of ``material`` sorted out of the grey bin changes in the park's net [kg CO2e/t]:
    food goes to the food-waste plant instead of the fire; recyclables leave the park."""
    burned = yields.burned[material].net_kg
    if material == "food":
        return yields.digested.net_kg - burned
    return -burned


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


def _co2(kg: float, lang: str, unit: str = "kg CO2e/yr") -> str:
    return format_quantity(kg, unit, lang, sig=2)


def _direction(change_kg: float) -> str:
    """ "less", "more" or "none" (a change under half a kilogram a year is none)."""
    if round(change_kg) == 0:
        return "none"
    return "less" if change_kg < 0 else "more"


def change_label(change_kg: float, lang: str) -> str:
    """The big figure's label says the direction in words (a minus sign is easy to miss for a child)."""
    which = _direction(change_kg)
    return t("my_garbage.change" if which == "none" else f"my_garbage.change_label_{which}", lang)


def change_value(change_kg: float, lang: str) -> str:
    """The size of the change [kg CO2e/yr], or "no change"; :func:`change_label` says which way."""
    if _direction(change_kg) == "none":
        return t("my_garbage.change_none", lang)
    return _co2(abs(change_kg), lang)


def change_phrase(change_kg: float, lang: str) -> str:
    """The change in a sentence: "… less in the park's net" / "… more …" / "no change"."""
    which = _direction(change_kg)
    if which == "none":
        return t("my_garbage.change_none", lang)
    return t(f"my_garbage.change_{which}", lang, kg=_co2(abs(change_kg), lang))


def _equivalent(name: str, field: str, amount: float, provenance: Any, lang: str) -> Figure:
    """An everyday equivalent of the change's size (``fig-car``, ``fig-trees``), said to be rough."""
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
    """The results in two columns: what sorting changes and its two rough equivalents; the two ledgers
    of the home's garbage in the park and its electricity.

    ``equivalents`` / ``factor_provenance``: the factors' ``equivalents`` and ``provenance`` tables."""
    change = Figure(
        "fig-change",
        change_label(home.change_kg_co2e, lang),
        change_value(home.change_kg_co2e, lang),
        assumption=t("my_garbage.change_note", lang),
    )
    inventory = Figure(
        "fig-inventory",
        t("my_garbage.inventory", lang),
        _co2(home.inventory_kg_co2e, lang),
        assumption=t("my_garbage.inventory_note", lang),
    )
    avoided = Figure(
        "fig-avoided",
        t("my_garbage.avoided", lang),
        _co2(home.avoided_kg_co2e, lang),
        assumption=t("my_garbage.avoided_note", lang),
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
    return [[change, car, tree], [inventory, avoided, kwh]]


def compare_text(people: int, yields: Yields, lang: str) -> str:
    """What the same home changes sorting everything right, and why: the plastic kept out of the fire."""
    perfect = household(people, 1.0, yields)
    return t(
        "my_garbage.compare",
        lang,
        perfect=change_phrase(perfect.change_kg_co2e, lang),
        plastic=format_number(-sorted_change_kg_per_t("plastics", yields) / 1000.0, lang, sig=2),
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


def _per_kg(kg_per_t: float, lang: str) -> str:
    """kg CO2e per tonne as kg per kg, rounded for a visitor (a child thinks in kilograms)."""
    return format_number(kg_per_t / 1000.0, lang, sig=2)


def how_text(yields: Yields, lang: str) -> str:
    """The "how we count" text: the model's per-tonne figures, both ledgers, per kg where a visitor
    thinks in kg."""
    burned, digested = yields.burned, yields.digested
    return page_section(
        PAGE,
        "how",
        lang,
        kwh=format_number(yields.kwh_per_t_burned, lang),
        biogas=format_number(yields.biogas_nm3_per_t_food, lang),
        bricks=format_number(yields.bricks_t_per_t_burned * 1000, lang),
        plastics_inv=format_number(burned["plastics"].inventory_kg, lang, sig=2),
        plastics_av=format_number(burned["plastics"].avoided_kg, lang, sig=2),
        paper_inv=format_number(burned["paper"].inventory_kg, lang, sig=2),
        paper_av=format_number(burned["paper"].avoided_kg, lang, sig=2),
        food_inv=format_number(burned["food"].inventory_kg, lang, sig=2),
        food_av=format_number(burned["food"].avoided_kg, lang, sig=2),
        digest_inv=format_number(digested.inventory_kg, lang, sig=2),
        digest_av=format_number(digested.avoided_kg, lang, sig=2),
        plastic_kg=_per_kg(-sorted_change_kg_per_t("plastics", yields), lang),
        food_change=format_number(abs(sorted_change_kg_per_t("food", yields)), lang, sig=2),
        food_change_dir=t(
            "my_garbage.how_food_" + ("more" if sorted_change_kg_per_t("food", yields) > 0 else "less"), lang
        ),
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
