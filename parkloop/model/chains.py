"""The park's chains joined by their explicit links, and the park's electricity balance.

Links (what one chain hands another):

* the park's landfill → biogas: the landfill gas captured, blended with the digesters' biogas;
* both food-waste plants → biogas: their digesters' biogas;
* both food-waste plants → incineration: digestate and residue co-incinerated (tonnes, carbon, heating value);
* incineration → food-waste plants: waste-heat steam (process heat; a gas boiler covers the rest);
* incineration → construction waste: recycled bottom ash, made into bricks;
* leachate → incineration: the concentrate, evaporated in the furnace;
* every generator → the park's grid → every plant; the surplus is exported, a shortfall purchased.

The landfill counterfactual (:func:`parkloop.model.landfill.counterfactual`) takes the household waste
the park treats (residual and food waste); it is a comparison, in no total.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from parkloop.model import biogas, construction_waste, incineration, kitchen_waste, landfill, leachate, solar
from parkloop.model.factors import Factors
from parkloop.model.messages import warning
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


# The keys of [kitchen_waste] that both food-waste plants share (one site, one process).
_SHARED_FOOD_KEYS = (
    "digestate_fraction",
    "digestate_to_incineration_fraction",
    "digestate_doc_fraction",
    "liquor_cod_mg_per_l",
    "own_use_kwh_per_tonne",
    "heat_demand_gj_per_tonne",
)


@dataclass(frozen=True, slots=True)
class ChainResults:
    """The typed result of every chain for one scenario, plus the electricity balance."""

    kitchen_waste: kitchen_waste.FoodWasteResult  # 厨余
    restaurant_waste: kitchen_waste.FoodWasteResult  # 餐厨
    landfill: landfill.ParkLandfillResult  # the park's own
    biogas: biogas.BiogasResult
    heat: kitchen_waste.ProcessHeat
    incineration: incineration.IncinerationResult
    leachate: leachate.LeachateResult
    construction_waste: construction_waste.ConstructionWasteResult
    solar: solar.SolarResult
    counterfactual: landfill.LandfillCounterfactual
    electricity: ParkElectricity
    digestate_ch4_t: float  # landfilled digestate, steady state [t CH4/yr]

    @property
    def food_plants(self) -> tuple[kitchen_waste.FoodWasteResult, kitchen_waste.FoodWasteResult]:
        return self.kitchen_waste, self.restaurant_waste

    @property
    def warnings(self) -> list[str]:
        """The chains' warnings, in the order the chains run."""
        warnings = [*self.incineration.warnings, *self.leachate.warnings]
        if self.heat.steam_unused_gj > 0:
            warnings.append(warning("kitchen_waste.steam_unused"))
        return warnings


def _food_plants(values: Mapping, days: float, factors: Factors) -> tuple:
    kitchen_table = values["kitchen_waste"]
    shared = {key: kitchen_table[key] for key in _SHARED_FOOD_KEYS}
    common = {"days_per_year": days, "factors": factors}
    kitchen = kitchen_waste.digest(
        "kitchen_waste",
        tonnes_per_day=kitchen_table["tonnes_per_day"],
        biogas_nm3_per_tonne=kitchen_table["biogas_nm3_per_tonne"],
        methane_fraction=kitchen_table["methane_fraction"],
        oil_extraction_rate=kitchen_table["oil_extraction_rate"],
        **shared,
        **common,
    )
    restaurant = kitchen_waste.digest("restaurant_waste", **values["restaurant_waste"], **shared, **common)
    return kitchen, restaurant


def _landfill_gas_blend(values: Mapping, kitchen, restaurant, site, days: float, factors: Factors):
    table = values["kitchen_waste"]
    return biogas.run(
        gas_nm3={
            "kitchen_waste": kitchen.biogas_nm3,
            "restaurant_waste": restaurant.biogas_nm3,
            "landfill": site.captured_gas_nm3,
        },
        methane_nm3={
            "kitchen_waste": kitchen.methane_nm3,
            "restaurant_waste": restaurant.methane_nm3,
            "landfill": site.captured_methane_nm3,
        },
        handling_capacity_nm3_per_day=values["biogas"]["handling_capacity_nm3_per_day"],
        leakage_fraction=table["methane_leakage_fraction"],
        to_power_fraction=table["to_power_fraction"],
        engine_efficiency=table["engine_efficiency"],
        upgrading_recovery=table["upgrading_recovery"],
        days_per_year=days,
        factors=factors,
    )


def _incinerator(values: Mapping, food: tuple, concentrate_t: float, days: float, factors: Factors):
    table = values["kitchen_waste"]
    digestate_t = sum(plant.digestate_to_incineration_t for plant in food)
    return incineration.run(
        **values["incineration"],
        days_per_year=days,
        factors=factors,
        digestate_t=digestate_t,
        digestate_carbon_t_c=sum(plant.digestate_to_incineration_t_c for plant in food),
        digestate_fossil_carbon_t_c=digestate_t * table["residue_fossil_carbon_fraction"],
        digestate_heat_gj=digestate_t * table["digestate_lhv_mj_per_kg"],
        concentrate_t=concentrate_t,
    )


def _digestate_ch4_t(food: tuple, values: Mapping, factors: Factors) -> float:
    """Landfilled digestate at the park's landfill, in steady state (the same deposit every year: the
    year's FOD emission equals one deposit's whole decay) [t CH4/yr]."""
    site = values["landfill"]
    carbon = sum(plant.digestate_doc_t_c for plant in food) * factors.constants["landfill_docf"]
    generated = landfill.methane_from_carbon_t(
        carbon * site["methane_correction_factor"], factors.constants["landfill_methane_fraction"]
    )
    return landfill.methane_emitted_t(generated, 0.0, site["oxidation_factor"])


def run_chains(scenario: Scenario, factors: Factors) -> ChainResults:
    """Run the chains of ``scenario`` in link order and net their electricity [per year]."""
    values = scenario.values
    days = values["scenario"]["days_per_year"]
    site = landfill.park_landfill(**values["landfill"], year=values["scenario"]["year"], factors=factors)
    kitchen, restaurant = food = _food_plants(values, days, factors)
    gas = _landfill_gas_blend(values, kitchen, restaurant, site, days, factors)
    leachate_plant = leachate.run(
        **values["leachate"], days_per_year=days, cod_limit_mg_per_l=factors.constants["gb16889_cod_mg_per_l"]
    )
    incinerator = _incinerator(values, food, leachate_plant.concentrate_m3, days, factors)
    heat = kitchen_waste.process_heat(
        kitchen.heat_demand_gj + restaurant.heat_demand_gj,
        incinerator.steam_gj,
        values["kitchen_waste"]["boiler_efficiency"],
        factors,
    )
    construction = construction_waste.run(
        **values["construction_waste"], days_per_year=days, bottom_ash_t=incinerator.bottom_ash_recycled_t
    )
    pv = solar.run(**values["solar"])
    comparison = landfill.counterfactual(
        residual_waste_t=incinerator.waste_t,
        residual_composition=values["incineration"]["composition"],
        food_waste_t=kitchen.waste_t + restaurant.waste_t,
        **values["landfill_counterfactual"],
        factors=factors,
    )
    electricity = electricity_balance(
        {"incineration": incinerator.electricity_kwh, "biogas": gas.engine_kwh, "solar": pv.electricity_kwh},
        {
            "kitchen_waste": kitchen.own_use_kwh,
            "restaurant_waste": restaurant.own_use_kwh,
            "leachate": leachate_plant.electricity_kwh,
            "construction_waste": construction.electricity_kwh,
        },
    )
    return ChainResults(
        kitchen_waste=kitchen,
        restaurant_waste=restaurant,
        landfill=site,
        biogas=gas,
        heat=heat,
        incineration=incinerator,
        leachate=leachate_plant,
        construction_waste=construction,
        solar=pv,
        counterfactual=comparison,
        electricity=electricity,
        digestate_ch4_t=_digestate_ch4_t(food, values, factors),
    )
