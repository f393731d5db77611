"""The park runner: the chains joined by explicit links, carbon accounting, flows, money and synergy.

This is the pipeline runner (pvlib's ``ModelChain`` idea): pages and the CLI call :func:`evaluate`;
sliders may call a chain's ``run()`` or its layer-one functions directly. :func:`evaluate` runs the
chains (:func:`parkloop.model.chains.run_chains`), then builds from their typed results the carbon ledger,
the per-chain summaries, the five flow graphs (:mod:`parkloop.model.flows`), the synergy index and the
totals. Units are in the names. Conventions (``docs/model.md``): emissions and avoided emissions are kept
apart; biogenic CO2 is reported, not counted; the GWP set and the grid factor are scenario inputs.
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
from parkloop.model.scenario import Scenario
from parkloop.model.tomlfile import read_toml
from parkloop.model.units import energy_gj

CHAINS = ("incineration", "kitchen_waste", "leachate", "construction_waste", "solar")


@dataclass
class Result:
    """Everything the model computes for one scenario; :meth:`to_dict` is the CLI's JSON.

    ``chain_results`` holds the chains' typed results (not part of the JSON)."""

    scenario: str
    gwp: str
    grid_kg_co2_per_kwh: float
    totals: dict[str, float]
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
            "totals": self.totals,
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
    kitchen, incinerator, leachate = chains.kitchen_waste, chains.incineration, chains.leachate
    return {
        "digestate_t": kitchen.digestate_t,
        "digestate_co_incinerated_t": kitchen.digestate_to_incineration_t,
        "bottom_ash_t": incinerator.bottom_ash_t,
        "bottom_ash_recycled_t": incinerator.bottom_ash_recycled_t,
        "fly_ash_t": incinerator.fly_ash_t,
        "fly_ash_reused_t": incinerator.fly_ash_reused_t,
        "cd_input_t": chains.construction_waste.waste_t,
        "cd_recycled_t": chains.construction_waste.recycled_t,
        "oil_t": kitchen.oil_t,
        "energy_input_gj": incinerator.heat_in_gj
        + energy_gj(kitchen.gas.methane_nm3, constants["ch4_lhv_mj_per_nm3"]),
        "electricity_useful_gj": energy_gj(
            incinerator.electricity_kwh + kitchen.engine_kwh, constants["mj_per_kwh"]
        ),
        "steam_useful_gj": incinerator.steam_gj,
        "fuel_gas_useful_gj": energy_gj(kitchen.gas.fuel_gas_nm3, constants["ch4_lhv_mj_per_nm3"]),
        "leachate_m3": leachate.leachate_m3,
        "reclaimed_water_m3": leachate.reclaimed_m3,
        "landfill_methane_avoided_t_ch4": chains.landfill_counterfactual.total_ch4_t,
        "ammonia_n_recovered_t": leachate.ammonia_n_recovered_t,
        "cod_removed_t": leachate.cod_removed_t,
        "engine_kwh": kitchen.engine_kwh,
        "incineration_kwh": incinerator.electricity_kwh,
        "solar_kwh": chains.solar.electricity_kwh,
        "flared_ch4_nm3": kitchen.gas.flared_nm3,
        "leaked_ch4_nm3": kitchen.gas.leaked_nm3,
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
    """What the park emits, by category [t CO2e/yr] (the fields are :data:`EMISSION_CATEGORIES`)."""

    fossil_co2_incineration: float
    n2o_incineration: float
    ch4_leakage: float
    landfilled_digestate_ch4: float
    purchased_electricity: float


@dataclass(frozen=True, slots=True)
class Avoided(_ByCategory):
    """What the park's products avoid elsewhere, by category [t CO2e/yr] (:data:`AVOIDED_CATEGORIES`)."""

    grid_electricity: float
    steam_heat: float
    fuel_gas: float
    landfill_methane: float
    biodiesel: float
    recycled_materials: float


EMISSION_CATEGORIES = Emissions.categories()
AVOIDED_CATEGORIES = Avoided.categories()


@dataclass(frozen=True, slots=True)
class CarbonLedger:
    """Emissions and avoided emissions, kept apart (``docs/model.md``)."""

    emissions: Emissions
    avoided: Avoided

    def to_dict(self) -> dict[str, dict[str, float]]:
        """``Result.ledger``: ``{"emissions": {category: t CO2e}, "avoided": {...}}`` in category order."""
        return {"emissions": self.emissions.to_dict(), "avoided": self.avoided.to_dict()}


def carbon_ledger(chains: ChainResults, settings: Mapping[str, Any], factors: Factors) -> CarbonLedger:
    """Emissions and avoided emissions [t CO2e/yr] with the scenario's GWP set, grid factor and heat
    factor (``settings`` is its ``[scenario]`` table)."""
    constants, gwp = factors.constants, factors.gwp[settings["gwp"]]
    kitchen, incinerator, construction = chains.kitchen_waste, chains.incineration, chains.construction_waste
    grid_t_per_kwh = settings["grid_kg_co2_per_kwh"] / 1000.0
    emissions = Emissions(
        fossil_co2_incineration=incinerator.fossil_co2_t,
        n2o_incineration=incinerator.n2o_t * gwp["n2o"],
        ch4_leakage=kitchen.methane_leaked_t * gwp["ch4"],
        landfilled_digestate_ch4=kitchen.landfilled_digestate_ch4_t * gwp["ch4"],
        purchased_electricity=chains.electricity.purchased_kwh * grid_t_per_kwh,
    )
    avoided = Avoided(
        grid_electricity=chains.electricity.export_kwh * grid_t_per_kwh,
        steam_heat=incinerator.steam_gj * settings["heat_t_co2_per_gj"],
        fuel_gas=kitchen.natural_gas_displaced_nm3 * constants["natural_gas_kg_co2_per_nm3"] / 1000.0,
        landfill_methane=chains.landfill_counterfactual.total_ch4_t * gwp["ch4"],
        biodiesel=kitchen.oil_t * constants["biodiesel_t_co2_per_t_oil"],
        recycled_materials=materials_avoided_co2_t(
            construction.aggregate_t,
            construction.bricks_t,
            constants["natural_aggregate_kg_co2_per_t"],
            constants["fired_brick_kg_co2_per_t"],
        ),
    )
    return CarbonLedger(emissions, avoided)


# --- per-chain summaries (Result.chains) --------------------------------------------------------------
# Exported electricity's avoided emissions go to the generators by their share of generation; purchased
# electricity's emissions to the users by their share of use.


def _incineration_summary(chains: ChainResults, ledger: CarbonLedger, ch4_gwp: float) -> dict[str, Any]:
    incinerator, emissions, avoided = chains.incineration, ledger.emissions, ledger.avoided
    return {
        "inputs": {
            "tonnes_per_day": incinerator.capacity_t_per_day,
            "waste_t_per_year": incinerator.waste_t,
            "digestate_t_per_year": incinerator.digestate_t,
            "concentrate_m3_per_year": chains.leachate.concentrate_m3,
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
        "fossil_co2_kg_per_t": incinerator.fossil_co2_kg_per_t,
        "heating_value_gj_per_t": incinerator.heating_value_gj_per_t,
        "emissions_t_co2e_per_year": emissions.fossil_co2_incineration + emissions.n2o_incineration,
        "avoided_t_co2e_per_year": avoided.grid_electricity
        * chains.electricity.generation_share["incineration"]
        + avoided.steam_heat
        + chains.landfill_counterfactual.household_waste_ch4_t * ch4_gwp,
    }


def _kitchen_waste_summary(chains: ChainResults, ledger: CarbonLedger, ch4_gwp: float) -> dict[str, Any]:
    kitchen, emissions, avoided = chains.kitchen_waste, ledger.emissions, ledger.avoided
    return {
        "inputs": {
            "tonnes_per_day": kitchen.capacity_t_per_day,
            "waste_t_per_year": kitchen.waste_t,
            "steam_t_per_year": chains.incineration.steam_t,
            "landfill_gas_nm3_per_year": kitchen.gas.landfill_gas_nm3,
            "electricity_kwh_per_year": kitchen.own_use_kwh,
        },
        "products": {
            "biogas_nm3_per_year": kitchen.gas.biogas_nm3,
            "methane_nm3_per_year": kitchen.gas.methane_nm3,
            "engine_electricity_kwh_per_year": kitchen.engine_kwh,
            "fuel_gas_nm3_per_year": kitchen.gas.fuel_gas_nm3,
            "oil_t_per_year": kitchen.oil_t,
            "digestate_t_per_year": kitchen.digestate_t,
            "digestate_co_incinerated_t_per_year": kitchen.digestate_to_incineration_t,
        },
        "methane_leaked_t_per_year": kitchen.methane_leaked_t,
        "emissions_t_co2e_per_year": emissions.ch4_leakage
        + emissions.landfilled_digestate_ch4
        + emissions.purchased_electricity * chains.electricity.use_share["kitchen_waste"],
        "avoided_t_co2e_per_year": avoided.grid_electricity
        * chains.electricity.generation_share["kitchen_waste"]
        + avoided.fuel_gas
        + avoided.biodiesel
        + chains.landfill_counterfactual.food_waste_ch4_t * ch4_gwp,
    }


def _leachate_summary(chains: ChainResults, ledger: CarbonLedger) -> dict[str, Any]:
    leachate = chains.leachate
    return {
        "inputs": {
            "leachate_m3_per_year": leachate.leachate_m3,
            "electricity_kwh_per_year": leachate.electricity_kwh,
        },
        "products": {
            "reclaimed_water_m3_per_year": leachate.reclaimed_m3,
            "ammonia_n_recovered_t_per_year": leachate.ammonia_n_recovered_t,
            "cod_removed_t_per_year": leachate.cod_removed_t,
            "concentrate_m3_per_year": leachate.concentrate_m3,
        },
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


def chain_summaries(chains: ChainResults, ledger: CarbonLedger, ch4_gwp: float) -> dict[str, dict[str, Any]]:
    """``Result.chains``: each chain's inputs, products, and the emissions and avoided emissions
    attributed to it [per year]."""
    return {
        "incineration": _incineration_summary(chains, ledger, ch4_gwp),
        "kitchen_waste": _kitchen_waste_summary(chains, ledger, ch4_gwp),
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
    revenue from outside."""
    incinerator, kitchen, construction = chains.incineration, chains.kitchen_waste, chains.construction_waste
    emissions_total = ledger.emissions.total_t_co2e
    avoided_total = ledger.avoided.total_t_co2e
    waste_t = incinerator.waste_t + kitchen.waste_t + construction.waste_t
    return {
        "waste_treated_t_per_year": waste_t,
        "treatment_capacity_t_per_day": incinerator.capacity_t_per_day
        + kitchen.capacity_t_per_day
        + construction.capacity_t_per_day,
        "net_electricity_kwh_per_year": chains.electricity.export_kwh,
        "purchased_electricity_kwh_per_year": chains.electricity.purchased_kwh,
        "green_electricity_kwh_per_year": chains.electricity.generated_kwh,
        "export_steam_t_per_year": incinerator.steam_t,
        "fuel_gas_nm3_per_year": kitchen.gas.fuel_gas_nm3,
        "recycled_materials_t_per_year": construction.aggregate_t
        + construction.bricks_t
        + incinerator.fly_ash_reused_t,
        "reclaimed_water_m3_per_year": chains.leachate.reclaimed_m3,
        "emissions_t_co2e_per_year": emissions_total,
        "avoided_t_co2e_per_year": avoided_total,
        "net_t_co2e_per_year": emissions_total - avoided_total,
        "emissions_kg_co2e_per_t_waste": _kg_per_tonne(emissions_total, waste_t),
        "net_kg_co2e_per_t_waste": _kg_per_tonne(emissions_total - avoided_total, waste_t),
        "biogenic_co2_t_per_year": incinerator.biogenic_co2_t + kitchen.biogenic_co2_t,
        "water_reuse_rate": chains.leachate.reuse_rate,
        "synergy_index": synergy,
        "output_value_yuan_per_year": revenue_yuan,
    }


def external_revenue_yuan(money: Graph) -> float:
    """What the park earns from outside [yuan/yr]: the money graph's ``revenue`` links."""
    return sum((value for _, _, value, kind in money.links if kind == "revenue"), 0.0)


def evaluate(scenario: Scenario, factors: Factors | None = None) -> Result:
    """Run the whole park for one validated scenario [per year]."""
    factors = factors or load_factors()
    settings = scenario.values["scenario"]
    chains = run_chains(scenario, factors)
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
        totals=totals,
        chains=chain_summaries(chains, ledger, factors.gwp[settings["gwp"]]["ch4"]),
        ledger=ledger.to_dict(),
        quantities=quantities,
        flows=flows,
        synergy=synergy,
        warnings=chains.warnings,
        chain_results=chains,
    )
