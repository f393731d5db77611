"""The park: the five chains joined by explicit links, carbon accounting, flows, money and synergy.

This is the pipeline runner (pvlib's ``ModelChain`` idea): pages and the CLI call :func:`evaluate`;
sliders may call the layer-one functions of the chain modules directly. Units are in the names.
Conventions (``docs/model.md``): emissions and avoided emissions are kept apart; biogenic CO2 is reported,
not counted; the GWP set and the grid factor are scenario inputs.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from parkloop.model import construction_waste, incineration, kitchen_waste, landfill, leachate, solar
from parkloop.model.factors import Factors, load_factors
from parkloop.model.flows import Graph
from parkloop.model.paths import SYNERGY_FILE
from parkloop.model.scenario import Scenario

CHAINS = ("incineration", "kitchen_waste", "leachate", "construction_waste", "solar")
EMISSION_CATEGORIES = (
    "fossil_co2_incineration",
    "n2o_incineration",
    "ch4_leakage",
    "landfilled_digestate_ch4",
    "purchased_electricity",
)
AVOIDED_CATEGORIES = (
    "grid_electricity",
    "steam_heat",
    "fuel_gas",
    "landfill_methane",
    "biodiesel",
    "recycled_materials",
)


@dataclass
class Result:
    """Everything the model computes for one scenario; :meth:`to_dict` is the CLI's JSON."""

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


@lru_cache(maxsize=2)
def load_synergy_definition(path: str | None = None) -> dict[str, Any]:
    """The project's own synergy index, defined in ``data/synergy.toml`` (the plan gives no formula)."""
    with open(path or SYNERGY_FILE, "rb") as fh:
        return tomllib.load(fh)


def _share(part: float, whole: float) -> float:
    return part / whole if whole > 0 else 0.0


# Below this many tonnes a year a per-tonne intensity means nothing (and could overflow); it is reported as 0.
_TINY_T = 1e-6


def synergy_index(q: dict[str, float], definition: dict[str, Any]) -> dict[str, Any]:
    """Weighted mean of the components' ``used / total`` shares, × 100. A component whose total is zero
    (nothing of that kind flows) is left out and the weights of the others renormalised."""
    components: dict[str, float | None] = {}
    weights: dict[str, float] = {}
    for name, comp in definition["components"].items():
        total = sum(q[k] for k in comp["total"])
        used = sum(q[k] for k in comp["used"])
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


def evaluate(scenario: Scenario, factors: Factors | None = None) -> Result:
    """Run the whole park for one validated scenario [per year]."""
    f = factors or load_factors()
    c = f.constants
    v = scenario.values
    sc, inc, kw, lf, lc, cw, pv, price = (
        v["scenario"],
        v["incineration"],
        v["kitchen_waste"],
        v["landfill_counterfactual"],
        v["leachate"],
        v["construction_waste"],
        v["solar"],
        v["prices"],
    )
    days = sc["days_per_year"]
    grid_t_per_kwh = sc["grid_kg_co2_per_kwh"] / 1000.0
    gwp = f.gwp[sc["gwp"]]
    co2_per_c = c["co2_per_c"]
    warnings: list[str] = []

    # --- kitchen and restaurant food waste → biogas, oil, digestate -------------------------------------
    kw_t = kw["tonnes_per_day"] * days
    biogas_nm3 = kw_t * kw["biogas_nm3_per_tonne"]
    digester_ch4_nm3 = biogas_nm3 * kw["methane_fraction"]
    lfg_nm3 = kw["landfill_gas_nm3_per_day"] * days
    lfg_ch4_nm3 = lfg_nm3 * kw["landfill_gas_methane_fraction"]
    ch4_nm3 = digester_ch4_nm3 + lfg_ch4_nm3
    leak_ch4_nm3 = ch4_nm3 * kw["methane_leakage_fraction"]
    usable_ch4_nm3 = ch4_nm3 - leak_ch4_nm3
    power_ch4_nm3 = usable_ch4_nm3 * kw["to_power_fraction"]
    upgrade_ch4_nm3 = usable_ch4_nm3 - power_ch4_nm3
    fuel_gas_nm3 = upgrade_ch4_nm3 * kw["upgrading_recovery"]
    flared_ch4_nm3 = upgrade_ch4_nm3 - fuel_gas_nm3
    biogas_co2_nm3 = biogas_nm3 - digester_ch4_nm3 + lfg_nm3 - lfg_ch4_nm3
    engine_kwh = kitchen_waste.engine_kwh(power_ch4_nm3, c["ch4_lhv_mj_per_nm3"], kw["engine_efficiency"])
    kw_own_kwh = kw_t * kw["own_use_kwh_per_tonne"]
    oil_t = kw_t * kw["oil_extraction_rate"]
    digestate_t = kw_t * kw["digestate_fraction"]
    digestate_inc_t = digestate_t * kw["digestate_to_incineration_fraction"]
    digestate_lf_t = digestate_t - digestate_inc_t
    biogas_mass_t = (
        (biogas_nm3 - digester_ch4_nm3) * c["co2_density_kg_per_nm3"]
        + digester_ch4_nm3 * c["ch4_density_kg_per_nm3"]
    ) / 1000.0
    liquor_t = kw_t - biogas_mass_t - oil_t - digestate_t
    if liquor_t < -1e-9 * max(kw_t, 1.0):
        warnings.append(
            "kitchen_waste: biogas, oil and digestate weigh more than the food waste that went in"
        )
    kw_c = kw_t * f.components["food"].carbon_per_tonne
    biogas_c = kitchen_waste.gas_carbon_t(biogas_nm3, c["molar_volume_nm3_per_kmol"])
    lfg_c = kitchen_waste.gas_carbon_t(lfg_nm3, c["molar_volume_nm3_per_kmol"])
    oil_c = oil_t * c["oil_carbon_fraction"]
    digestate_c = digestate_t * kw["digestate_carbon_fraction"]
    liquor_c = kw_c - biogas_c - oil_c - digestate_c
    if liquor_c < -1e-9 * max(kw_c, 1.0):
        warnings.append("kitchen_waste: biogas, oil and digestate hold more carbon than the food waste had")
    gas_c = lambda nm3: kitchen_waste.gas_carbon_t(nm3, c["molar_volume_nm3_per_kmol"])  # noqa: E731

    # --- incineration → electricity, steam, ash -------------------------------------------------------
    msw_t = inc["tonnes_per_day"] * days
    comp = inc["composition"]
    fossil_c_per_t, bio_c_per_t = incineration.carbon_per_tonne(comp, f.components)
    of = c["oxidation_factor_incineration"]
    fossil_co2_t = msw_t * fossil_c_per_t * of * co2_per_c
    burned_t = msw_t + digestate_inc_t
    n2o_t = incineration.n2o_t(burned_t, inc["n2o_g_per_tonne"])
    biogenic_co2_inc_t = (
        (msw_t * bio_c_per_t + digestate_inc_t * kw["digestate_carbon_fraction"]) * of * co2_per_c
    )
    unburned_c = (
        msw_t * (fossil_c_per_t + bio_c_per_t) + digestate_inc_t * kw["digestate_carbon_fraction"]
    ) * (1.0 - of)
    steam_t = inc["export_steam_t_per_year"] if msw_t > 0 else 0.0
    if msw_t == 0 and inc["export_steam_t_per_year"] > 0:
        warnings.append("incineration: no waste is burned, so no steam can be exported")
    steam_gj = steam_t * c["steam_enthalpy_gj_per_t"]
    inc_kwh_before_steam = msw_t * inc["net_kwh_per_tonne"]
    inc_kwh = inc_kwh_before_steam - steam_t * inc["steam_power_penalty_kwh_per_tonne"]
    if inc_kwh < 0:
        warnings.append("incineration: the steam sent out costs more electricity than the plant makes")
        inc_kwh = 0.0
    msw_gj = msw_t * incineration.heating_value_gj_per_t(comp, f.components)
    digestate_gj = digestate_inc_t * kw["digestate_lhv_mj_per_kg"]
    available_gj = msw_gj + digestate_gj
    out_gj = inc_kwh * c["mj_per_kwh"] / 1000.0 + steam_gj
    if out_gj > available_gj:
        # A plant cannot send out more energy than the waste holds: scale electricity and steam down
        # together so that the energy balance still closes, and say so.
        warnings.append(
            "incineration: electricity and steam exceed the heating value of this waste; both are scaled "
            "down to it — lower net_kwh_per_tonne or export_steam_t_per_year, or add burnable components"
        )
        scale = available_gj / out_gj if out_gj > 0 else 0.0
        inc_kwh *= scale
        steam_t *= scale
        steam_gj = steam_t * c["steam_enthalpy_gj_per_t"]
    inc_losses_gj = max(0.0, available_gj - inc_kwh * c["mj_per_kwh"] / 1000.0 - steam_gj)
    bottom_ash_t = burned_t * inc["bottom_ash_fraction"]
    fly_ash_t = burned_t * inc["fly_ash_fraction"]
    bottom_ash_recycled_t = bottom_ash_t * inc["bottom_ash_recycled_fraction"]
    fly_ash_reused_t = fly_ash_t * inc["fly_ash_reused_fraction"]

    # --- leachate → reclaimed water -------------------------------------------------------------------
    leach_m3 = lc["m3_per_day"] * days
    reclaimed_m3 = leach_m3 * lc["reuse_rate"]
    concentrate_m3 = leach_m3 - reclaimed_m3
    leach_kwh = leach_m3 * lc["kwh_per_m3"]
    ammonia_n_t = leachate.pollutant_t(leach_m3, lc["ammonia_mg_per_l"]) * lc["ammonia_recovery"]
    cod_removed_t = leachate.pollutant_t(leach_m3, lc["cod_mg_per_l"]) * lc["cod_removal"]

    # --- construction waste → aggregate, bricks (with bottom ash) ------------------------------------
    cd_t = cw["tonnes_per_day"] * days
    aggregate_t, cd_bricks_t, rejects_t = construction_waste.recycled_split(
        cd_t, cw["recycled_fraction"], cw["aggregate_share"]
    )
    cd_kwh = cd_t * cw["kwh_per_tonne"]
    bricks_t = cd_bricks_t + bottom_ash_recycled_t

    # --- solar ----------------------------------------------------------------------------------------
    pv_kwh = solar.pv_kwh_per_year(pv["kwp"], pv["kwh_per_kwp"])

    # --- the park's electricity: generators feed the plants first, the surplus goes to the grid -------
    generation = {"incineration": inc_kwh, "kitchen_waste": engine_kwh, "solar": pv_kwh}
    use = {"kitchen_waste": kw_own_kwh, "leachate": leach_kwh, "construction_waste": cd_kwh}
    gen_kwh, use_kwh = sum(generation.values()), sum(use.values())
    export_kwh = max(gen_kwh - use_kwh, 0.0)
    purchased_kwh = max(use_kwh - gen_kwh, 0.0)

    # --- carbon accounting (t CO2e/yr) ----------------------------------------------------------------
    lf_kwargs = {
        "docf": c["landfill_docf"],
        "mcf": lf["methane_correction_factor"],
        "methane_fraction": c["landfill_methane_fraction"],
        "recovery_fraction": lf["recovery_fraction"],
        "oxidation_factor": lf["oxidation_factor"],
    }
    lf_ch4_msw_t = landfill.methane_potential_t(msw_t, landfill.mixture_doc(comp, f.components), **lf_kwargs)
    lf_ch4_kw_t = landfill.methane_potential_t(kw_t, f.components["food"].doc, **lf_kwargs)
    digestate_lf_ch4_t = landfill.methane_potential_t(
        digestate_lf_t, kw["digestate_doc_fraction"], **lf_kwargs
    )
    leak_ch4_t = leak_ch4_nm3 * c["ch4_density_kg_per_nm3"] / 1000.0
    ng_nm3 = kitchen_waste.natural_gas_displaced_nm3(
        fuel_gas_nm3, c["ch4_lhv_mj_per_nm3"], c["natural_gas_ncv_mj_per_nm3"]
    )
    gen_share = {k: _share(val, gen_kwh) for k, val in generation.items()}
    use_share = {k: _share(val, use_kwh) for k, val in use.items()}
    grid_avoided = export_kwh * grid_t_per_kwh
    purchased = purchased_kwh * grid_t_per_kwh
    emissions = {
        "fossil_co2_incineration": fossil_co2_t,
        "n2o_incineration": n2o_t * gwp["n2o"],
        "ch4_leakage": leak_ch4_t * gwp["ch4"],
        "landfilled_digestate_ch4": digestate_lf_ch4_t * gwp["ch4"],
        "purchased_electricity": purchased,
    }
    materials_avoided = (
        aggregate_t * c["natural_aggregate_kg_co2_per_t"] + bricks_t * c["fired_brick_kg_co2_per_t"]
    ) / 1000.0
    avoided = {
        "grid_electricity": grid_avoided,
        "steam_heat": steam_gj * sc["heat_t_co2_per_gj"],
        "fuel_gas": ng_nm3 * c["natural_gas_kg_co2_per_nm3"] / 1000.0,
        "landfill_methane": (lf_ch4_msw_t + lf_ch4_kw_t) * gwp["ch4"],
        "biodiesel": oil_t * c["biodiesel_t_co2_per_t_oil"],
        "recycled_materials": materials_avoided,
    }
    emissions_total = sum(emissions.values())
    avoided_total = sum(avoided.values())
    biogenic_co2 = biogenic_co2_inc_t + co2_per_c * gas_c(power_ch4_nm3 + flared_ch4_nm3 + biogas_co2_nm3)
    waste_t = msw_t + kw_t + cd_t

    chains = {
        "incineration": {
            "inputs": {
                "tonnes_per_day": inc["tonnes_per_day"],
                "waste_t_per_year": msw_t,
                "digestate_t_per_year": digestate_inc_t,
                "concentrate_m3_per_year": concentrate_m3,
                "heating_value_gj_per_year": msw_gj + digestate_gj,
            },
            "products": {
                "net_electricity_kwh_per_year": inc_kwh,
                "export_steam_t_per_year": steam_t,
                "bottom_ash_recycled_t_per_year": bottom_ash_recycled_t,
                "fly_ash_reused_t_per_year": fly_ash_reused_t,
            },
            "fossil_co2_t_per_year": fossil_co2_t,
            "n2o_t_per_year": n2o_t,
            "biogenic_co2_t_per_year": biogenic_co2_inc_t,
            "bottom_ash_t_per_year": bottom_ash_t,
            "fly_ash_t_per_year": fly_ash_t,
            "fossil_co2_kg_per_t": fossil_c_per_t * of * co2_per_c * 1000.0,
            "heating_value_gj_per_t": incineration.heating_value_gj_per_t(comp, f.components),
            "emissions_t_co2e_per_year": emissions["fossil_co2_incineration"] + emissions["n2o_incineration"],
            "avoided_t_co2e_per_year": grid_avoided * gen_share["incineration"]
            + avoided["steam_heat"]
            + lf_ch4_msw_t * gwp["ch4"],
        },
        "kitchen_waste": {
            "inputs": {
                "tonnes_per_day": kw["tonnes_per_day"],
                "waste_t_per_year": kw_t,
                "steam_t_per_year": steam_t,
                "landfill_gas_nm3_per_year": lfg_nm3,
                "electricity_kwh_per_year": kw_own_kwh,
            },
            "products": {
                "biogas_nm3_per_year": biogas_nm3,
                "methane_nm3_per_year": ch4_nm3,
                "engine_electricity_kwh_per_year": engine_kwh,
                "fuel_gas_nm3_per_year": fuel_gas_nm3,
                "oil_t_per_year": oil_t,
                "digestate_t_per_year": digestate_t,
                "digestate_co_incinerated_t_per_year": digestate_inc_t,
            },
            "methane_leaked_t_per_year": leak_ch4_t,
            "emissions_t_co2e_per_year": emissions["ch4_leakage"]
            + emissions["landfilled_digestate_ch4"]
            + purchased * use_share["kitchen_waste"],
            "avoided_t_co2e_per_year": grid_avoided * gen_share["kitchen_waste"]
            + avoided["fuel_gas"]
            + avoided["biodiesel"]
            + lf_ch4_kw_t * gwp["ch4"],
        },
        "leachate": {
            "inputs": {"leachate_m3_per_year": leach_m3, "electricity_kwh_per_year": leach_kwh},
            "products": {
                "reclaimed_water_m3_per_year": reclaimed_m3,
                "ammonia_n_recovered_t_per_year": ammonia_n_t,
                "cod_removed_t_per_year": cod_removed_t,
                "concentrate_m3_per_year": concentrate_m3,
            },
            "emissions_t_co2e_per_year": purchased * use_share["leachate"],
            "avoided_t_co2e_per_year": 0.0,
        },
        "construction_waste": {
            "inputs": {
                "tonnes_per_day": cw["tonnes_per_day"],
                "waste_t_per_year": cd_t,
                "bottom_ash_t_per_year": bottom_ash_recycled_t,
                "electricity_kwh_per_year": cd_kwh,
            },
            "products": {
                "aggregate_t_per_year": aggregate_t,
                "bricks_t_per_year": bricks_t,
                "rejects_t_per_year": rejects_t,
            },
            "emissions_t_co2e_per_year": purchased * use_share["construction_waste"],
            "avoided_t_co2e_per_year": materials_avoided,
        },
        "solar": {
            "inputs": {"kwp": pv["kwp"]},
            "products": {"electricity_kwh_per_year": pv_kwh},
            "emissions_t_co2e_per_year": 0.0,
            "avoided_t_co2e_per_year": grid_avoided * gen_share["solar"],
        },
    }

    # --- flows ----------------------------------------------------------------------------------------
    flows = _flows(locals())

    q = {
        "digestate_t": digestate_t,
        "digestate_co_incinerated_t": digestate_inc_t,
        "bottom_ash_t": bottom_ash_t,
        "bottom_ash_recycled_t": bottom_ash_recycled_t,
        "fly_ash_t": fly_ash_t,
        "fly_ash_reused_t": fly_ash_reused_t,
        "cd_input_t": cd_t,
        "cd_recycled_t": aggregate_t + cd_bricks_t,
        "oil_t": oil_t,
        "energy_input_gj": msw_gj + digestate_gj + ch4_nm3 * c["ch4_lhv_mj_per_nm3"] / 1000.0,
        "electricity_useful_gj": (inc_kwh + engine_kwh) * c["mj_per_kwh"] / 1000.0,
        "steam_useful_gj": steam_gj,
        "fuel_gas_useful_gj": fuel_gas_nm3 * c["ch4_lhv_mj_per_nm3"] / 1000.0,
        "leachate_m3": leach_m3,
        "reclaimed_water_m3": reclaimed_m3,
        "landfill_methane_avoided_t_ch4": lf_ch4_msw_t + lf_ch4_kw_t,
        "ammonia_n_recovered_t": ammonia_n_t,
        "cod_removed_t": cod_removed_t,
        "engine_kwh": engine_kwh,
        "incineration_kwh": inc_kwh,
        "solar_kwh": pv_kwh,
        "flared_ch4_nm3": flared_ch4_nm3,
        "leaked_ch4_nm3": leak_ch4_nm3,
    }
    synergy = synergy_index(q, load_synergy_definition())
    external_revenue = sum((val for _, _, val, kind in flows["money"].links if kind == "revenue"), 0.0)
    totals = {
        "waste_treated_t_per_year": waste_t,
        "treatment_capacity_t_per_day": inc["tonnes_per_day"] + kw["tonnes_per_day"] + cw["tonnes_per_day"],
        "net_electricity_kwh_per_year": export_kwh,
        "purchased_electricity_kwh_per_year": purchased_kwh,
        "green_electricity_kwh_per_year": gen_kwh,
        "export_steam_t_per_year": steam_t,
        "fuel_gas_nm3_per_year": fuel_gas_nm3,
        "recycled_materials_t_per_year": aggregate_t + bricks_t + fly_ash_reused_t,
        "reclaimed_water_m3_per_year": reclaimed_m3,
        "emissions_t_co2e_per_year": emissions_total,
        "avoided_t_co2e_per_year": avoided_total,
        "net_t_co2e_per_year": emissions_total - avoided_total,
        "emissions_kg_co2e_per_t_waste": emissions_total * 1000.0 / waste_t if waste_t > _TINY_T else 0.0,
        "net_kg_co2e_per_t_waste": (emissions_total - avoided_total) * 1000.0 / waste_t
        if waste_t > _TINY_T
        else 0.0,
        "biogenic_co2_t_per_year": biogenic_co2,
        "water_reuse_rate": lc["reuse_rate"] if leach_m3 > 0 else 0.0,
        "synergy_index": synergy["index"],
        "output_value_yuan_per_year": external_revenue,
    }
    bad = [k for k, val in totals.items() if not math.isfinite(val)]
    if bad:  # pragma: no cover - validation keeps inputs finite; this guards the arithmetic
        raise ArithmeticError(f"non-finite totals: {', '.join(bad)}")
    return Result(
        scenario=scenario.name,
        gwp=sc["gwp"],
        grid_kg_co2_per_kwh=sc["grid_kg_co2_per_kwh"],
        totals=totals,
        chains=chains,
        ledger={"emissions": emissions, "avoided": avoided},
        quantities=q,
        flows=flows,
        synergy=synergy,
        warnings=warnings,
    )


def _flows(x: dict[str, Any]) -> dict[str, Graph]:
    """Build the five flow graphs from the runner's local quantities (one place for all node names)."""
    c = x["c"]
    mj = c["mj_per_kwh"] / 1000.0  # GJ per kWh
    gas_c = x["gas_c"]
    co2_per_c = c["co2_per_c"]

    material = Graph("t/yr")
    material.add("household_waste", "incinerator", x["msw_t"])
    material.add("food_waste", "food_waste_plant", x["kw_t"])
    material.add("construction_waste", "construction_waste_plant", x["cd_t"])
    material.add("food_waste_plant", "biogas", x["biogas_mass_t"])
    material.add("food_waste_plant", "biodiesel", x["oil_t"])
    material.add("food_waste_plant", "incinerator", x["digestate_inc_t"], "link")
    material.add("food_waste_plant", "landfill", x["digestate_lf_t"])
    material.add("food_waste_plant", "leachate_plant", x["liquor_t"], "link")
    material.add("leachate_concentrate", "incinerator", x["concentrate_m3"], "link")
    burned_in = x["msw_t"] + x["digestate_inc_t"] + x["concentrate_m3"]
    material.add("incinerator", "flue_gas", burned_in - x["bottom_ash_t"] - x["fly_ash_t"])
    material.add("incinerator", "construction_waste_plant", x["bottom_ash_recycled_t"], "link")
    material.add("incinerator", "landfill", x["bottom_ash_t"] - x["bottom_ash_recycled_t"])
    material.add("incinerator", "fly_ash_reuse", x["fly_ash_reused_t"])
    material.add("incinerator", "stabilised_fly_ash", x["fly_ash_t"] - x["fly_ash_reused_t"])
    material.add("construction_waste_plant", "recycled_aggregate", x["aggregate_t"])
    material.add("construction_waste_plant", "recycled_bricks", x["bricks_t"])
    material.add("construction_waste_plant", "landfill", x["rejects_t"])

    energy = Graph("GJ/yr")
    ch4_gj = c["ch4_lhv_mj_per_nm3"] / 1000.0
    energy.add("waste_heating_value", "incinerator", x["msw_gj"])
    energy.add("digestate_heating_value", "incinerator", x["digestate_gj"], "link")
    energy.add("incinerator", "park_electricity", x["inc_kwh"] * mj)
    energy.add("incinerator", "food_waste_plant", x["steam_gj"], "link")
    energy.add("incinerator", "losses", x["inc_losses_gj"])
    energy.add("food_waste_plant", "process_heat_used", x["steam_gj"])
    energy.add("digester_biogas", "biogas_blend", x["digester_ch4_nm3"] * ch4_gj)
    energy.add("landfill_gas", "biogas_blend", x["lfg_ch4_nm3"] * ch4_gj, "link")
    energy.add("biogas_blend", "methane_leaked", x["leak_ch4_nm3"] * ch4_gj)
    energy.add("biogas_blend", "gas_engines", x["power_ch4_nm3"] * ch4_gj)
    energy.add("biogas_blend", "upgrading", x["upgrade_ch4_nm3"] * ch4_gj)
    energy.add("gas_engines", "park_electricity", x["engine_kwh"] * mj)
    energy.add("gas_engines", "losses", x["power_ch4_nm3"] * ch4_gj - x["engine_kwh"] * mj)
    energy.add("upgrading", "city_gas", x["fuel_gas_nm3"] * ch4_gj)
    energy.add("upgrading", "losses", x["flared_ch4_nm3"] * ch4_gj)
    energy.add("sunlight", "park_electricity", x["pv_kwh"] * mj)
    energy.add("grid_import", "park_electricity", x["purchased_kwh"] * mj)
    energy.add("park_electricity", "food_waste_plant_power", x["kw_own_kwh"] * mj, "link")
    energy.add("park_electricity", "leachate_plant_power", x["leach_kwh"] * mj, "link")
    energy.add("park_electricity", "construction_waste_plant_power", x["cd_kwh"] * mj, "link")
    energy.add("park_electricity", "grid_export", x["export_kwh"] * mj)

    water = Graph("m³/yr")
    shares = x["lc"]["source_shares"]
    for src in ("incineration", "kitchen_waste", "landfill"):
        water.add(f"leachate_from_{src}", "leachate_plant", x["leach_m3"] * shares[src], "link")
    water.add("leachate_plant", "reclaimed_water", x["reclaimed_m3"])
    water.add("leachate_plant", "incinerator", x["concentrate_m3"], "link")
    water.add("incinerator", "evaporated_in_flue_gas", x["concentrate_m3"])

    carbon = Graph("t C/yr")
    fossil_c = x["msw_t"] * x["fossil_c_per_t"]
    bio_c = x["msw_t"] * x["bio_c_per_t"]
    of = x["of"]
    carbon.add("fossil_carbon_in_waste", "incinerator", fossil_c)
    carbon.add("biogenic_carbon_in_waste", "incinerator", bio_c)
    carbon.add("carbon_in_food_waste", "food_waste_plant", x["kw_c"])
    carbon.add("food_waste_plant", "biogas_blend", x["biogas_c"])
    carbon.add("landfill_gas", "biogas_blend", x["lfg_c"], "link")
    carbon.add("food_waste_plant", "biodiesel", x["oil_c"])
    carbon.add(
        "food_waste_plant", "incinerator", x["digestate_inc_t"] * x["kw"]["digestate_carbon_fraction"], "link"
    )
    carbon.add("food_waste_plant", "landfill", x["digestate_lf_t"] * x["kw"]["digestate_carbon_fraction"])
    carbon.add("food_waste_plant", "leachate_plant", x["liquor_c"], "link")
    carbon.add("incinerator", "air_fossil_co2", fossil_c * of)
    carbon.add("incinerator", "air_biogenic_co2", x["biogenic_co2_inc_t"] / co2_per_c)
    carbon.add("incinerator", "ash", x["unburned_c"])
    carbon.add("biogas_blend", "air_methane", gas_c(x["leak_ch4_nm3"]))
    carbon.add(
        "biogas_blend",
        "air_biogenic_co2",
        gas_c(x["power_ch4_nm3"] + x["flared_ch4_nm3"] + x["biogas_co2_nm3"]),
    )
    carbon.add("biogas_blend", "city_gas", gas_c(x["fuel_gas_nm3"]))

    money = Graph("yuan/yr")
    p = x["price"]
    gen_share = x["gen_share"]
    export_kwh = x["export_kwh"]
    chain_in: dict[str, float] = {}
    chain_out: dict[str, float] = {}

    def pay(source: str, target: str, value: float, kind: str) -> None:
        money.add(source, target, value, kind)
        chain_in[target] = chain_in.get(target, 0.0) + value
        chain_out[source] = chain_out.get(source, 0.0) + value

    pay("city_gate_fees", "incineration", x["msw_t"] * p["gate_fee_msw_yuan_per_t"], "revenue")
    pay("city_gate_fees", "kitchen_waste", x["kw_t"] * p["gate_fee_kitchen_yuan_per_t"], "revenue")
    pay("city_gate_fees", "construction_waste", x["cd_t"] * p["gate_fee_cd_yuan_per_t"], "revenue")
    for chain in ("incineration", "kitchen_waste", "solar"):
        pay("grid_buyer", chain, export_kwh * gen_share[chain] * p["electricity_yuan_per_kwh"], "revenue")
    pay("gas_buyers", "kitchen_waste", x["fuel_gas_nm3"] * p["fuel_gas_yuan_per_nm3"], "revenue")
    pay("biodiesel_buyers", "kitchen_waste", x["oil_t"] * p["oil_yuan_per_t"], "revenue")
    pay(
        "materials_buyers",
        "construction_waste",
        x["aggregate_t"] * p["aggregate_yuan_per_t"] + x["bricks_t"] * p["brick_yuan_per_t"],
        "revenue",
    )
    pay("kitchen_waste", "incineration", x["steam_t"] * p["steam_yuan_per_t"], "internal")
    pay("incineration", "leachate", x["reclaimed_m3"] * p["reclaimed_water_yuan_per_m3"], "internal")
    opex = {
        "incineration": x["msw_t"] * p["incineration_opex_yuan_per_t"],
        "kitchen_waste": x["kw_t"] * p["kitchen_opex_yuan_per_t"],
        "leachate": x["leach_m3"] * p["leachate_opex_yuan_per_m3"],
        "construction_waste": x["cd_t"] * p["cd_opex_yuan_per_t"],
        "solar": 0.0,
    }
    for chain, cost in opex.items():
        money.add(chain, "operating_costs", cost, "cost")
        margin = chain_in.get(chain, 0.0) - chain_out.get(chain, 0.0) - cost
        if margin >= 0:
            money.add(chain, "surplus", margin, "surplus")
        else:
            money.add("deficit_covered", chain, -margin, "deficit")

    return {"material": material, "energy": energy, "water": water, "carbon": carbon, "money": money}
