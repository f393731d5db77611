"""Construction and demolition waste → recycled aggregate and bricks (bricks also from bottom ash).

Layer one: :func:`recycled_split`, :func:`materials_avoided_co2_t`. :func:`run` is the chain for one
year and returns a :class:`ConstructionWasteResult`.

References: [1] the scenario's ``[construction_waste]`` values, each with its provenance
(``python -m parkloop sources``); [2] the emission factors of natural aggregate and fired bricks in
``data/factors.toml`` (illustrative life-cycle round numbers, with their provenance).
"""

from __future__ import annotations

from dataclasses import dataclass

from parkloop.model.units import per_year


def recycled_split(
    tonnes: float, recycled_fraction: float, aggregate_share: float
) -> tuple[float, float, float]:
    """Split construction waste into (aggregate, bricks, rejects) [t] [1]."""
    recycled = tonnes * recycled_fraction
    aggregate = recycled * aggregate_share
    return aggregate, recycled - aggregate, tonnes - recycled


def materials_avoided_co2_t(
    aggregate_t: float, bricks_t: float, aggregate_kg_co2_per_t: float, brick_kg_co2_per_t: float
) -> float:
    """CO2 of the natural aggregate and fired bricks the recycled ones replace [t CO2] =
    (t aggregate × kg CO2/t + t bricks × kg CO2/t) ÷ 1000 kg/t [2]."""
    return (aggregate_t * aggregate_kg_co2_per_t + bricks_t * brick_kg_co2_per_t) / 1000.0


@dataclass(frozen=True, slots=True)
class ConstructionWasteResult:
    """One year of the construction-waste chain. Every amount is per year: ``_t`` [t/yr], ``_kwh``
    [kWh/yr]."""

    capacity_t_per_day: float  # construction waste received a day [t/d]
    waste_t: float
    bottom_ash_t: float  # link: recycled bottom ash from the incinerator, made into bricks
    aggregate_t: float
    bricks_from_waste_t: float
    bricks_t: float  # from construction waste and bottom ash
    recycled_t: float  # construction waste made into aggregate and bricks
    rejects_t: float  # landfilled
    electricity_kwh: float


def run(
    *,
    tonnes_per_day: float,
    recycled_fraction: float,
    aggregate_share: float,
    kwh_per_tonne: float,
    days_per_year: float,
    bottom_ash_t: float = 0.0,
) -> ConstructionWasteResult:
    """The chain for one year. The keyword arguments before ``days_per_year`` are the scenario's
    ``[construction_waste]`` table (units in ``parkloop.model.scenario.SCHEMA``); ``bottom_ash_t`` is
    the incinerator's recycled bottom ash [t/yr]."""
    waste_t = per_year(tonnes_per_day, days_per_year)
    aggregate_t, bricks_from_waste_t, rejects_t = recycled_split(waste_t, recycled_fraction, aggregate_share)
    return ConstructionWasteResult(
        capacity_t_per_day=tonnes_per_day,
        waste_t=waste_t,
        bottom_ash_t=bottom_ash_t,
        aggregate_t=aggregate_t,
        bricks_from_waste_t=bricks_from_waste_t,
        bricks_t=bricks_from_waste_t + bottom_ash_t,
        recycled_t=aggregate_t + bricks_from_waste_t,
        rejects_t=rejects_t,
        electricity_kwh=waste_t * kwh_per_tonne,
    )
