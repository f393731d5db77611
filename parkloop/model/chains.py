"""The five chains of the park joined by their explicit links, and the park's electricity balance.

Links (what one chain hands another):

* kitchen waste → incineration: digestate co-incinerated (tonnes, carbon, heating value);
* incineration → construction waste: recycled bottom ash, made into bricks;
* incineration → kitchen waste: export steam (process heat; reported, it changes no kitchen figure);
* leachate → incineration: the concentrate, evaporated in the furnace (reported in the flows);
* every generator → the park's grid → every plant; the surplus is exported, a shortfall purchased.

The landfill counterfactual (:func:`parkloop.model.landfill.run`) takes the household and food waste the
park treats; landfilled digestate decays at the same landfill.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from parkloop.model import construction_waste, incineration, kitchen_waste, landfill, leachate, solar
from parkloop.model.factors import Factors
from parkloop.model.scenario import Scenario


def share(part: float, whole: float) -> float:
    """``part / whole``, or 0 when there is no whole [-]."""
    return part / whole if whole > 0 else 0.0


@dataclass(frozen=True, slots=True)
class ParkElectricity:
    """The park's own grid for one year [kWh/yr]: generators feed the plants first, the surplus goes to
    the public grid; shares [-] attribute export and purchase to the chains."""

    generation_kwh: Mapping[str, float]  # by chain: incineration, kitchen_waste, solar
    use_kwh: Mapping[str, float]  # by chain: kitchen_waste, leachate, construction_waste
    generated_kwh: float
    used_kwh: float
    export_kwh: float
    purchased_kwh: float
    generation_share: Mapping[str, float]
    use_share: Mapping[str, float]


def electricity_balance(generation_kwh: Mapping[str, float], use_kwh: Mapping[str, float]) -> ParkElectricity:
    """Net the park's generation against its use [kWh/yr]."""
    generated, used = sum(generation_kwh.values()), sum(use_kwh.values())
    return ParkElectricity(
        generation_kwh=generation_kwh,
        use_kwh=use_kwh,
        generated_kwh=generated,
        used_kwh=used,
        export_kwh=max(generated - used, 0.0),
        purchased_kwh=max(used - generated, 0.0),
        generation_share={name: share(kwh, generated) for name, kwh in generation_kwh.items()},
        use_share={name: share(kwh, used) for name, kwh in use_kwh.items()},
    )


@dataclass(frozen=True, slots=True)
class ChainResults:
    """The typed result of every chain for one scenario, plus the electricity balance."""

    kitchen_waste: kitchen_waste.KitchenWasteResult
    incineration: incineration.IncinerationResult
    leachate: leachate.LeachateResult
    construction_waste: construction_waste.ConstructionWasteResult
    solar: solar.SolarResult
    landfill_counterfactual: landfill.LandfillCounterfactual
    electricity: ParkElectricity

    @property
    def warnings(self) -> list[str]:
        """The chains' warnings, in the order the chains run."""
        return [*self.kitchen_waste.warnings, *self.incineration.warnings]


def run_chains(scenario: Scenario, factors: Factors) -> ChainResults:
    """Run the five chains of ``scenario`` in link order and net their electricity [per year]."""
    values = scenario.values
    days = values["scenario"]["days_per_year"]
    site = landfill.site(**values["landfill_counterfactual"], factors=factors)
    kitchen = kitchen_waste.run(**values["kitchen_waste"], days_per_year=days, factors=factors, landfill=site)
    incinerator = incineration.run(
        **values["incineration"],
        days_per_year=days,
        factors=factors,
        digestate_t=kitchen.digestate_to_incineration_t,
        digestate_carbon_t_c=kitchen.carbon.digestate_to_incineration_t_c,
        digestate_heat_gj=kitchen.digestate_to_incineration_heat_gj,
    )
    leachate_plant = leachate.run(**values["leachate"], days_per_year=days)
    construction = construction_waste.run(
        **values["construction_waste"], days_per_year=days, bottom_ash_t=incinerator.bottom_ash_recycled_t
    )
    pv = solar.run(**values["solar"])
    counterfactual = landfill.run(
        site,
        household_waste_t=incinerator.waste_t,
        household_waste_composition=values["incineration"]["composition"],
        food_waste_t=kitchen.waste_t,
        components=factors.components,
    )
    electricity = electricity_balance(
        {
            "incineration": incinerator.electricity_kwh,
            "kitchen_waste": kitchen.engine_kwh,
            "solar": pv.electricity_kwh,
        },
        {
            "kitchen_waste": kitchen.own_use_kwh,
            "leachate": leachate_plant.electricity_kwh,
            "construction_waste": construction.electricity_kwh,
        },
    )
    return ChainResults(kitchen, incinerator, leachate_plant, construction, pv, counterfactual, electricity)
