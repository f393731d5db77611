"""The park runner: the chains joined by explicit links, carbon accounting, flows, money and synergy.

This is the pipeline runner (pvlib's ``ModelChain`` idea): pages and the CLI call :func:`evaluate`;
sliders may call a chain's ``run()`` or its layer-one functions directly. :func:`evaluate` runs the
chains (:func:`parkloop.model.chains.run_chains`), then builds from their typed results the carbon ledger,
the per-chain summaries, the five flow graphs (:mod:`parkloop.model.flows`), the synergy index and the
totals. Units are in the names. Conventions (``docs/model.md``, accounting version 2): three ledgers,
never netted silently — the **inventory** (what the park emits inside its fence, its own landfill
included), the **avoided** emissions outside the fence (electricity exported, fuel gas, biodiesel,
recycled materials) and the landfill **counterfactual**, a teaching comparison in no total and no target;
biogenic CO2 is reported, not counted; the GWP set and both grid factors are scenario inputs.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from parkloop.model import paths
from parkloop.model.chains import ChainResults, run_chains
from parkloop.model.construction_waste import materials_avoided_co2_t
from parkloop.model.factors import Factors, load_factors
from parkloop.model.flows import Graph, Prices, park_flows
from parkloop.model.scenario import Scenario, ScenarioError
from parkloop.model.tomlfile import read_toml
from parkloop.model.units import energy_gj

CHAINS = (
    "incineration",
    "kitchen_waste",
    "restaurant_waste",
    "landfill",
    "leachate",
    "construction_waste",
    "solar",
)


@dataclass
class Result:
    """Everything the model computes for one scenario; :meth:`to_dict` is the CLI's JSON.

    ``chain_results`` holds the chains' typed results (not part of the JSON)."""

    scenario: str
    gwp: str
    grid_kg_co2_per_kwh: float
    avoided_grid_kg_co2_per_kwh: float
    totals: dict[str, float]
    counterfactual: dict[str, Any]
    chains: dict[str, dict[str, Any]]
    ledger: dict[str, dict[str, float]]
    quantities: dict[str, float]
    flows: dict[str, Graph]
    synergy: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    chain_results: ChainResults | None = None

    @property
    def balances(self) -> dict[str, dict[str, float]]:
        return {name: graph.balance() for name, graph in self.flows.items()}

    def to_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "gwp": self.gwp,
            "grid_kg_co2_per_kwh": self.grid_kg_co2_per_kwh,
            "avoided_grid_kg_co2_per_kwh": self.avoided_grid_kg_co2_per_kwh,
            "totals": self.totals,
            "counterfactual": self.counterfactual,
            "chains": self.chains,
            "ledger": self.ledger,
            "flows": {name: graph.to_dict() for name, graph in self.flows.items()},
            "balances": self.balances,
            "synergy": self.synergy,
            "warnings": list(self.warnings),
        }


# --- synergy ------------------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def load_synergy_definition(path: str | None = None) -> dict[str, Any]:
    """The project's own synergy index, defined in ``data/synergy.toml`` (the plan gives no formula)."""
    return read_toml(path or paths.synergy_file())


paths.clear_on_data_dir_change(load_synergy_definition.cache_clear)


def synergy_index(quantities: Mapping[str, float], definition: dict[str, Any]) -> dict[str, Any]:
    """Weighted mean of the components' ``used / total`` shares, × 100. A component whose total is zero
    (nothing of that kind flows) is left out and the weights of the others renormalised."""
    components: dict[str, float | None] = {}
    weights: dict[str, float] = {}
    for name, comp in definition["components"].items():
        total = sum(quantities[k] for k in comp["total"])
        used = sum(quantities[k] for k in comp["used"])
        # min(): floating-point rounding can put used a few ulp above total when everything is used
        components[name] = min(1.0, used / total) if total > 0 else None
        weights[name] = float(comp["weight"])
    weight_sum = sum(w for n, w in weights.items() if components[n] is not None)
    index = (
        100.0 * sum(weights[n] * c for n, c in components.items() if c is not None) / weight_sum
        if weight_sum > 0
        else 0.0
    )
    return {"index": index, "components": components, "weights": weights}


def named_quantities(chains: ChainResults, constants: Mapping[str, float]) -> dict[str, float]:
    """``Result.quantities``: model quantities by name, built from the chains' typed fields. This is the
    one place that names them: ``data/synergy.toml`` lists its ``used`` and ``total`` by these names (it is
    data-driven by design), and pages read a few of them."""
    incinerator, leachate, gas = chains.incineration, chains.leachate, chains.biogas
    food = chains.food_plants
    return {
        "digestate_t": sum(plant.digestate_t for plant in food),
        "digestate_co_incinerated_t": sum(plant.digestate_to_incineration_t for plant in food),
        "bottom_ash_t": incinerator.bottom_ash_t,
        "bottom_ash_recycled_t": incinerator.bottom_ash_recycled_t,
        "fly_ash_t": incinerator.fly_ash_t,
        "fly_ash_reused_t": incinerator.fly_ash_reused_t,
        "cd_input_t": chains.construction_waste.waste_t,
        "cd_recycled_t": chains.construction_waste.recycled_t,
        "oil_t": sum(plant.oil_t for plant in food),
        "energy_input_gj": incinerator.heat_in_gj
        + energy_gj(gas.methane_nm3, constants["ch4_lhv_mj_per_nm3"]),
        "electricity_useful_gj": energy_gj(
            incinerator.electricity_kwh + gas.engine_kwh, constants["mj_per_kwh"]
        ),
        "steam_useful_gj": chains.heat.steam_used_gj,
        "fuel_gas_useful_gj": energy_gj(gas.fuel_gas_nm3, constants["ch4_lhv_mj_per_nm3"]),
        "leachate_m3": leachate.leachate_m3,
        "reclaimed_water_m3": leachate.reclaimed_m3,
        "counterfactual_first_year_t_ch4": chains.counterfactual.methane_t_by_year[0],
        "ammonia_n_recovered_t": leachate.ammonia_n_recovered_t,
        "cod_removed_t": leachate.cod_removed_t,
        "cod_discharged_t": leachate.cod_discharged_t,
        "engine_kwh": gas.engine_kwh,
        "incineration_kwh": incinerator.electricity_kwh,
        "solar_kwh": chains.solar.electricity_kwh,
        "biogas_flared_nm3": gas.flared_biogas_nm3,
        "upgrading_loss_ch4_nm3": gas.upgrading_loss_nm3,
        "leaked_ch4_nm3": gas.leaked_nm3,
        "landfill_gas_captured_nm3": chains.landfill.captured_gas_nm3,
        "boiler_heat_gj": chains.heat.boiler_heat_gj,
    }


# --- carbon accounting --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _ByCategory:
    """One side of the carbon ledger [t CO2e/yr]: its fields are the categories, in category order."""

    @classmethod
    def categories(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))

    @property
    def total_t_co2e(self) -> float:
        """All categories [t CO2e/yr], summed in category order."""
        return sum(getattr(self, name) for name in self.categories())

    def to_dict(self) -> dict[str, float]:
        """``{category: t CO2e}`` in category order."""
        return {name: getattr(self, name) for name in self.categories()}


@dataclass(frozen=True, slots=True)
class Emissions(_ByCategory):
    """The inventory: what the park emits inside its fence, by category [t CO2e/yr] (the fields are
    :data:`EMISSION_CATEGORIES`)."""

    fossil_co2_incineration: float
    n2o_incineration: float
    biogas_methane_slip: float  # digesters, gas handling, engines, upgrading
    park_landfill_ch4: float  # the park's own landfill: FOD of the waste in place, less the gas captured
    landfilled_digestate_ch4: float
    gas_boiler: float  # the food-waste plants' heat that steam does not cover
    purchased_electricity: float


@dataclass(frozen=True, slots=True)
class Avoided(_ByCategory):
    """What the park's products avoid outside its fence, by category [t CO2e/yr]
    (:data:`AVOIDED_CATEGORIES`)."""

    grid_electricity: float
    fuel_gas: float
    biodiesel: float
    recycled_materials: float


EMISSION_CATEGORIES = Emissions.categories()
AVOIDED_CATEGORIES = Avoided.categories()


@dataclass(frozen=True, slots=True)
class CarbonLedger:
    """Inventory emissions and avoided emissions, kept apart (``docs/model.md``)."""

    emissions: Emissions
    avoided: Avoided

    def to_dict(self) -> dict[str, dict[str, float]]:
        """``Result.ledger``: ``{"emissions": {category: t CO2e}, "avoided": {...}}`` in category order."""
        return {"emissions": self.emissions.to_dict(), "avoided": self.avoided.to_dict()}


def carbon_ledger(chains: ChainResults, settings: Mapping[str, Any], factors: Factors) -> CarbonLedger:
    """Inventory and avoided emissions [t CO2e/yr] with the scenario's GWP set and its two grid factors
    (``settings`` is its ``[scenario]`` table): electricity bought at the consumption average, electricity
    exported at the regional baseline."""
    constants, gwp = factors.constants, factors.gwp[settings["gwp"]]
    incinerator, construction = chains.incineration, chains.construction_waste
    emissions = Emissions(
        fossil_co2_incineration=incinerator.fossil_co2_t,
        n2o_incineration=incinerator.n2o_t * gwp["n2o"],
        biogas_methane_slip=chains.biogas.methane_leaked_t * gwp["ch4"],
        park_landfill_ch4=chains.landfill.emitted_ch4_t * gwp["ch4"],
        landfilled_digestate_ch4=chains.digestate_ch4_t * gwp["ch4"],
        gas_boiler=chains.heat.boiler_co2_t,
        purchased_electricity=chains.electricity.purchased_kwh * settings["grid_kg_co2_per_kwh"] / 1000.0,
    )
    oil_t = sum(plant.oil_t for plant in chains.food_plants)
    avoided = Avoided(
        grid_electricity=chains.electricity.export_kwh * settings["avoided_grid_kg_co2_per_kwh"] / 1000.0,
        fuel_gas=chains.biogas.natural_gas_displaced_nm3 * constants["natural_gas_kg_co2_per_nm3"] / 1000.0,
        biodiesel=oil_t * constants["biodiesel_t_co2_per_t_oil"],
        recycled_materials=materials_avoided_co2_t(
            construction.aggregate_t,
            construction.bricks_t,
            constants["natural_aggregate_kg_co2_per_t"],
            constants["fired_brick_kg_co2_per_t"],
        ),
    )
    return CarbonLedger(emissions, avoided)


def counterfactual_dict(chains: ChainResults, ch4_gwp: float) -> dict[str, Any]:
    """``Result.counterfactual``: the landfill comparison (FOD year by year), in no total and no target."""
    comparison = chains.counterfactual
    by_year = list(comparison.methane_t_by_year)
    return {
        "landfill": {
            "horizon_years": comparison.horizon_years,
            "waste_t": comparison.waste_t,
            "methane_t_by_year": by_year,
            "first_year_t_co2e": (by_year[0] if by_year else 0.0) * ch4_gwp,
            "total_t_co2e": sum(by_year) * ch4_gwp,
            "lifetime_t_co2e": comparison.lifetime_methane_t * ch4_gwp,
            "gwp_ch4": ch4_gwp,
        }
    }


# --- per-chain summaries (Result.chains) --------------------------------------------------------------
# Exported electricity's avoided emissions go to the generators by their share of generation (the engines'
# share further by each gas source's share of the methane); purchased electricity's emissions to the users
# by their share of use; the biogas's slip and fuel gas to the gas sources by their share of the methane.


def _gas_share(chains: ChainResults, source: str) -> float:
    return chains.biogas.source_share.get(source, 0.0)


def _gas_avoided(chains: ChainResults, ledger: CarbonLedger, source: str) -> float:
    """Avoided emissions of a gas source's share of the biogas: engine electricity and fuel gas."""
    engines = ledger.avoided.grid_electricity * chains.electricity.generation_share["biogas"]
    return (engines + ledger.avoided.fuel_gas) * _gas_share(chains, source)


def _incineration_summary(chains: ChainResults, ledger: CarbonLedger) -> dict[str, Any]:
    incinerator, emissions, avoided = chains.incineration, ledger.emissions, ledger.avoided
    return {
        "inputs": {
            "tonnes_per_day": incinerator.capacity_t_per_day,
            "waste_t_per_year": incinerator.waste_t,
            "digestate_t_per_year": incinerator.digestate_t,
            "concentrate_m3_per_year": chains.leachate.concentrate_m3,
            "combustion_air_t_per_year": incinerator.combustion_air_t,
            "heating_value_gj_per_year": incinerator.heat_in_gj,
        },
        "products": {
            "net_electricity_kwh_per_year": incinerator.electricity_kwh,
            "export_steam_t_per_year": incinerator.steam_t,
            "bottom_ash_recycled_t_per_year": incinerator.bottom_ash_recycled_t,
            "fly_ash_reused_t_per_year": incinerator.fly_ash_reused_t,
        },
        "fossil_co2_t_per_year": incinerator.fossil_co2_t,
        "n2o_t_per_year": incinerator.n2o_t,
        "biogenic_co2_t_per_year": incinerator.biogenic_co2_t,
        "bottom_ash_t_per_year": incinerator.bottom_ash_t,
        "fly_ash_t_per_year": incinerator.fly_ash_t,
        "flue_gas_t_per_year": incinerator.flue_gas_t,
        "fossil_co2_kg_per_t": incinerator.fossil_co2_kg_per_t,
        "heating_value_gj_per_t": incinerator.heating_value_gj_per_t,
        "net_kwh_per_tonne": incinerator.kwh_per_tonne,
        "emissions_t_co2e_per_year": emissions.fossil_co2_incineration + emissions.n2o_incineration,
        "avoided_t_co2e_per_year": avoided.grid_electricity
        * chains.electricity.generation_share["incineration"],
    }


def _food_waste_summary(chains: ChainResults, ledger: CarbonLedger, name: str) -> dict[str, Any]:
    plant, emissions, heat = getattr(chains, name), ledger.emissions, chains.heat
    gas_share = _gas_share(chains, name)
    landfilled = sum(p.digestate_to_landfill_t for p in chains.food_plants)
    oil = sum(p.oil_t for p in chains.food_plants)
    heat_share = plant.heat_demand_gj / heat.demand_gj if heat.demand_gj > 0 else 0.0
    return {
        "inputs": {
            "tonnes_per_day": plant.capacity_t_per_day,
            "waste_t_per_year": plant.waste_t,
            "steam_gj_per_year": heat.steam_used_gj * heat_share,
            "boiler_heat_gj_per_year": heat.boiler_heat_gj * heat_share,
            "electricity_kwh_per_year": plant.own_use_kwh,
        },
        "products": {
            "biogas_nm3_per_year": plant.biogas_nm3,
            "methane_nm3_per_year": plant.methane_nm3,
            "oil_t_per_year": plant.oil_t,
            "digestate_t_per_year": plant.digestate_t,
            "digestate_co_incinerated_t_per_year": plant.digestate_to_incineration_t,
            "liquor_m3_per_year": plant.liquor_t,
        },
        "biogas_share_of_blend": gas_share,
        "emissions_t_co2e_per_year": emissions.biogas_methane_slip * gas_share
        + (
            emissions.landfilled_digestate_ch4 * plant.digestate_to_landfill_t / landfilled
            if landfilled
            else 0.0
        )
        + emissions.gas_boiler * heat_share
        + emissions.purchased_electricity * chains.electricity.use_share[name],
        "avoided_t_co2e_per_year": _gas_avoided(chains, ledger, name)
        + (ledger.avoided.biodiesel * plant.oil_t / oil if oil else 0.0),
    }


def _biogas_totals(chains: ChainResults) -> dict[str, float]:
    gas = chains.biogas
    return {
        "biogas_nm3_per_year": gas.biogas_nm3,
        "methane_nm3_per_year": gas.methane_nm3,
        "handling_capacity_nm3_per_year": gas.capacity_nm3,
        "flared_biogas_nm3_per_year": gas.flared_biogas_nm3,
        "engine_electricity_kwh_per_year": gas.engine_kwh,
        "fuel_gas_nm3_per_year": gas.fuel_gas_nm3,
        "methane_leaked_t_per_year": gas.methane_leaked_t,
    }


def _landfill_summary(chains: ChainResults, ledger: CarbonLedger) -> dict[str, Any]:
    site, share = chains.landfill, _gas_share(chains, "landfill")
    return {
        "inputs": {"waste_in_place_t": site.waste_in_place_t},
        "products": {
            "landfill_gas_captured_nm3_per_year": site.captured_gas_nm3,
            "methane_captured_t_per_year": site.captured_ch4_t,
        },
        "methane_generated_t_per_year": site.generated_ch4_t,
        "methane_emitted_t_per_year": site.emitted_ch4_t,
        "methane_oxidised_t_per_year": site.oxidised_ch4_t,
        "emissions_t_co2e_per_year": ledger.emissions.park_landfill_ch4
        + ledger.emissions.biogas_methane_slip * share,
        "avoided_t_co2e_per_year": _gas_avoided(chains, ledger, "landfill"),
    }


def _leachate_summary(chains: ChainResults, ledger: CarbonLedger) -> dict[str, Any]:
    leachate = chains.leachate
    return {
        "inputs": {
            "leachate_m3_per_year": leachate.leachate_m3,
            "from_incineration_m3_per_year": leachate.from_incineration_m3,
            "from_restaurant_waste_m3_per_year": leachate.from_restaurant_waste_m3,
            "from_landfill_m3_per_year": leachate.from_landfill_m3,
            "electricity_kwh_per_year": leachate.electricity_kwh,
        },
        "products": {
            "reclaimed_water_m3_per_year": leachate.reclaimed_m3,
            "ammonia_n_recovered_t_per_year": leachate.ammonia_n_recovered_t,
            "cod_removed_t_per_year": leachate.cod_removed_t,
            "concentrate_m3_per_year": leachate.concentrate_m3,
        },
        "effluent_cod_mg_per_l": leachate.effluent_cod_mg_per_l,
        "cod_limit_mg_per_l": leachate.cod_limit_mg_per_l,
        "cod_discharged_t_per_year": leachate.cod_discharged_t,
        "emissions_t_co2e_per_year": ledger.emissions.purchased_electricity
        * chains.electricity.use_share["leachate"],
        "avoided_t_co2e_per_year": 0.0,
    }


def _construction_waste_summary(chains: ChainResults, ledger: CarbonLedger) -> dict[str, Any]:
    construction = chains.construction_waste
    return {
        "inputs": {
            "tonnes_per_day": construction.capacity_t_per_day,
            "waste_t_per_year": construction.waste_t,
            "bottom_ash_t_per_year": construction.bottom_ash_t,
            "electricity_kwh_per_year": construction.electricity_kwh,
        },
        "products": {
            "aggregate_t_per_year": construction.aggregate_t,
            "bricks_t_per_year": construction.bricks_t,
            "rejects_t_per_year": construction.rejects_t,
        },
        "emissions_t_co2e_per_year": ledger.emissions.purchased_electricity
        * chains.electricity.use_share["construction_waste"],
        "avoided_t_co2e_per_year": ledger.avoided.recycled_materials,
    }


def _solar_summary(chains: ChainResults, ledger: CarbonLedger) -> dict[str, Any]:
    return {
        "inputs": {"kwp": chains.solar.kwp},
        "products": {"electricity_kwh_per_year": chains.solar.electricity_kwh},
        "emissions_t_co2e_per_year": 0.0,
        "avoided_t_co2e_per_year": ledger.avoided.grid_electricity
        * chains.electricity.generation_share["solar"],
    }


def chain_summaries(chains: ChainResults, ledger: CarbonLedger) -> dict[str, dict[str, Any]]:
    """``Result.chains``: each chain's inputs, products, and the emissions and avoided emissions
    attributed to it [per year]; ``kitchen_waste`` also carries the park's biogas totals (``biogas``)."""
    kitchen = _food_waste_summary(chains, ledger, "kitchen_waste")
    kitchen["biogas"] = _biogas_totals(chains)
    return {
        "incineration": _incineration_summary(chains, ledger),
        "kitchen_waste": kitchen,
        "restaurant_waste": _food_waste_summary(chains, ledger, "restaurant_waste"),
        "landfill": _landfill_summary(chains, ledger),
        "leachate": _leachate_summary(chains, ledger),
        "construction_waste": _construction_waste_summary(chains, ledger),
        "solar": _solar_summary(chains, ledger),
    }


# --- totals and the runner ----------------------------------------------------------------------------

# Below this many tonnes a year a per-tonne intensity means nothing (and could overflow); it is reported as 0.
_TINY_T = 1e-6


def _kg_per_tonne(t_co2e: float, waste_t: float) -> float:
    return t_co2e * 1000.0 / waste_t if waste_t > _TINY_T else 0.0


def park_totals(
    chains: ChainResults, ledger: CarbonLedger, synergy: float, revenue_yuan: float
) -> dict[str, float]:
    """``Result.totals`` [per year] from the chains, the carbon ledger, the synergy index and the park's
    revenue from outside. Intensity per tonne of household waste leaves construction waste out of the
    denominator (the plan's "单位垃圾处理量碳排放", model.md version 2)."""
    incinerator, construction, gas = chains.incineration, chains.construction_waste, chains.biogas
    kitchen, restaurant = chains.food_plants
    emissions_total = ledger.emissions.total_t_co2e
    avoided_total = ledger.avoided.total_t_co2e
    household_t = incinerator.waste_t + kitchen.waste_t + restaurant.waste_t
    waste_t = household_t + construction.waste_t
    return {
        "waste_treated_t_per_year": waste_t,
        "household_waste_t_per_year": household_t,
        "treatment_capacity_t_per_day": incinerator.capacity_t_per_day
        + kitchen.capacity_t_per_day
        + restaurant.capacity_t_per_day
        + construction.capacity_t_per_day,
        "net_electricity_kwh_per_year": chains.electricity.export_kwh,
        "purchased_electricity_kwh_per_year": chains.electricity.purchased_kwh,
        "green_electricity_kwh_per_year": chains.electricity.generated_kwh,
        "export_steam_t_per_year": incinerator.steam_t,
        "fuel_gas_nm3_per_year": gas.fuel_gas_nm3,
        "biogas_nm3_per_year": gas.biogas_nm3,
        "biogas_flared_nm3_per_year": gas.flared_biogas_nm3,
        "recycled_materials_t_per_year": construction.aggregate_t
        + construction.bricks_t
        + incinerator.fly_ash_reused_t,
        "reclaimed_water_m3_per_year": chains.leachate.reclaimed_m3,
        "emissions_t_co2e_per_year": emissions_total,
        "avoided_t_co2e_per_year": avoided_total,
        "net_t_co2e_per_year": emissions_total - avoided_total,
        "emissions_kg_co2e_per_t_waste": _kg_per_tonne(emissions_total, waste_t),
        "emissions_kg_co2e_per_t_household_waste": _kg_per_tonne(emissions_total, household_t),
        "net_kg_co2e_per_t_waste": _kg_per_tonne(emissions_total - avoided_total, waste_t),
        "biogenic_co2_t_per_year": incinerator.biogenic_co2_t + gas.to_air_as_co2_t_c * 44.0 / 12.0,
        "water_reuse_rate": chains.leachate.reuse_rate,
        "synergy_index": synergy,
        "output_value_yuan_per_year": revenue_yuan,
    }


def external_revenue_yuan(money: Graph) -> float:
    """What the park earns from outside [yuan/yr]: the money graph's ``revenue`` links."""
    return sum((value for _, _, value, kind in money.links if kind == "revenue"), 0.0)


def evaluate(scenario: Scenario, factors: Factors | None = None) -> Result:
    """Run the whole park for one validated scenario [per year].

    :raises ScenarioError: the scenario breaks a physics bound (one line naming the file and the key)."""
    factors = factors or load_factors()
    settings = scenario.values["scenario"]
    try:
        chains = run_chains(scenario, factors)
    except ScenarioError as error:  # a physics bound: name the scenario, not the model
        raise ScenarioError(str(scenario.path or scenario.name), error.key, error.reason) from None
    ledger = carbon_ledger(chains, settings, factors)
    flows = park_flows(chains, factors.constants, Prices(**scenario.values["prices"]))
    quantities = named_quantities(chains, factors.constants)
    synergy = synergy_index(quantities, load_synergy_definition())
    totals = park_totals(chains, ledger, synergy["index"], external_revenue_yuan(flows["money"]))
    bad = [k for k, val in totals.items() if not math.isfinite(val)]
    if bad:  # pragma: no cover - validation keeps inputs finite; this guards the arithmetic
        raise ArithmeticError(f"non-finite totals: {', '.join(bad)}")
    return Result(
        scenario=scenario.name,
        gwp=settings["gwp"],
        grid_kg_co2_per_kwh=settings["grid_kg_co2_per_kwh"],
        avoided_grid_kg_co2_per_kwh=settings["avoided_grid_kg_co2_per_kwh"],
        totals=totals,
        counterfactual=counterfactual_dict(chains, factors.gwp[settings["gwp"]]["ch4"]),
        chains=chain_summaries(chains, ledger),
        ledger=ledger.to_dict(),
        quantities=quantities,
        flows=flows,
        synergy=synergy,
        warnings=chains.warnings,
        chain_results=chains,
    )
