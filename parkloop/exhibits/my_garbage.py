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
