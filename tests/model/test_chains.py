"""The layers (docs/model-api.md): layer-one functions, one ``run()`` per chain with a typed result, and the
park runner that joins the chains by explicit links. Expected values are worked by hand in the comments."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from parkloop.model import (
    AVOIDED_CATEGORIES,
    EMISSION_CATEGORIES,
    SCHEMA,
    biogas,
    construction_waste,
    evaluate,
    incineration,
    kitchen_waste,
    landfill,
    leachate,
    load_factors,
    load_scenario,
    solar,
    units,
)
from parkloop.model.chains import _SHARED_FOOD_KEYS, ChainResults, electricity_balance, run_chains, share
from parkloop.model.flows import Prices
from parkloop.model.park import Avoided, Emissions

# what a chain's run() takes besides its scenario table: the year, the factors, and the links
RUNS = {
    "incineration": (
        incineration.run,
        {
            "days_per_year",
            "factors",
            "digestate_t",
            "digestate_carbon_t_c",
            "digestate_fossil_carbon_t_c",
            "digestate_heat_gj",
            "concentrate_t",
        },
    ),
    "restaurant_waste": (kitchen_waste.digest, {"plant", "days_per_year", "factors", *_SHARED_FOOD_KEYS}),
    "landfill": (landfill.park_landfill, {"year", "factors"}),
    "landfill_counterfactual": (
        landfill.counterfactual,
        {"residual_waste_t", "residual_composition", "food_waste_t", "factors"},
    ),
    "leachate": (leachate.run, {"days_per_year", "cod_limit_mg_per_l"}),
    "construction_waste": (construction_waste.run, {"days_per_year", "bottom_ash_t"}),
    "solar": (solar.run, set()),
}


@pytest.fixture(scope="module")
def plan():
    return evaluate(load_scenario("plan-2026"))


@pytest.mark.parametrize("table", RUNS)
def test_each_run_takes_its_scenario_table_by_name(table):
    run, extra = RUNS[table]
    params = set(inspect.signature(run).parameters)
    assert params - extra == set(SCHEMA[table]), table


def test_the_kitchen_waste_table_feeds_the_plant_the_blend_and_the_heat():
    # [kitchen_waste] holds the household plant's feed, the keys both food-waste plants share, and the
    # biogas plant's engines and upgrading
    digest = set(inspect.signature(kitchen_waste.digest).parameters) - {"plant", "days_per_year", "factors"}
    blend = {"methane_leakage_fraction", "to_power_fraction", "engine_efficiency", "upgrading_recovery"}
    elsewhere = {"digestate_lhv_mj_per_kg", "residue_fossil_carbon_fraction", "boiler_efficiency"}
    assert digest | blend | elsewhere == set(SCHEMA["kitchen_waste"])


def test_prices_are_the_scenario_price_table():
    assert [f.name for f in dataclasses.fields(Prices)] == list(SCHEMA["prices"])


def test_ledger_fields_are_the_categories():
    assert tuple(f.name for f in dataclasses.fields(Emissions)) == EMISSION_CATEGORIES
    assert tuple(f.name for f in dataclasses.fields(Avoided)) == AVOIDED_CATEGORIES


def test_results_are_typed_and_frozen(plan):
    chains = plan.chain_results
    assert isinstance(chains, ChainResults)
    for result in (
        chains.incineration,
        chains.kitchen_waste,
        chains.restaurant_waste,
        chains.landfill,
        chains.biogas,
        chains.heat,
        chains.leachate,
        chains.construction_waste,
        chains.solar,
        chains.counterfactual,
        chains.electricity,
    ):
        assert dataclasses.is_dataclass(result)
        first = dataclasses.fields(result)[0].name
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(result, first, 0.0)


def test_the_typed_results_are_what_the_json_reports(plan):
    chains, d = plan.chain_results, plan.to_dict()
    inc, kw = d["chains"]["incineration"], d["chains"]["kitchen_waste"]
    assert chains.incineration.fossil_co2_t == inc["fossil_co2_t_per_year"]
    assert chains.incineration.electricity_kwh == inc["products"]["net_electricity_kwh_per_year"]
    assert chains.biogas.fuel_gas_nm3 == kw["biogas"]["fuel_gas_nm3_per_year"]
    assert chains.biogas.fuel_gas_nm3 == d["totals"]["fuel_gas_nm3_per_year"]
    assert chains.biogas.flared_biogas_nm3 == d["totals"]["biogas_flared_nm3_per_year"]
    assert chains.leachate.reclaimed_m3 == d["totals"]["reclaimed_water_m3_per_year"]
    assert chains.solar.electricity_kwh == d["chains"]["solar"]["products"]["electricity_kwh_per_year"]
    assert chains.electricity.export_kwh == d["totals"]["net_electricity_kwh_per_year"]
    assert (
        list(chains.counterfactual.methane_t_by_year) == d["counterfactual"]["landfill"]["methane_t_by_year"]
    )
    assert plan.warnings == chains.warnings


def test_links_join_the_chains(plan):
    chains = plan.chain_results
    food = chains.kitchen_waste, chains.restaurant_waste
    # both food-waste plants → incineration: the co-incinerated digestate and residue
    assert chains.incineration.digestate_t == sum(p.digestate_to_incineration_t for p in food)
    assert chains.incineration.burned_t == chains.incineration.waste_t + chains.incineration.digestate_t
    # incineration → food-waste plants: the steam covers part of their heat, a gas boiler the rest
    assert chains.heat.steam_supplied_gj == chains.incineration.steam_gj
    assert chains.heat.demand_gj == sum(p.heat_demand_gj for p in food)
    assert chains.heat.steam_used_gj + chains.heat.boiler_heat_gj == pytest.approx(chains.heat.demand_gj)
    # the park's landfill → the biogas blend: the gas captured
    assert chains.biogas.gas_nm3["landfill"] == chains.landfill.captured_gas_nm3
    assert chains.biogas.gas_nm3["kitchen_waste"] == chains.kitchen_waste.biogas_nm3
    # leachate → incineration: the concentrate
    assert chains.incineration.flue_gas_t == pytest.approx(
        chains.incineration.burned_t
        + chains.leachate.concentrate_m3
        + chains.incineration.combustion_air_t
        - chains.incineration.bottom_ash_t
        - chains.incineration.fly_ash_t
    )
    # incineration → construction waste: recycled bottom ash becomes bricks
    assert chains.construction_waste.bottom_ash_t == chains.incineration.bottom_ash_recycled_t
    assert chains.construction_waste.bricks_t == (
        chains.construction_waste.bricks_from_waste_t + chains.incineration.bottom_ash_recycled_t
    )


def test_run_chains_is_the_runner_s_first_step(plan):
    assert run_chains(load_scenario("plan-2026"), load_factors()) == plan.chain_results


# --- layer one ----------------------------------------------------------------------------------------


def test_units():
    assert units.per_year(10.0, 365) == 3650.0
    assert units.heat_gj(2.0, 2.69) == pytest.approx(5.38)  # 2 t × 2.69 GJ/t
    assert units.energy_gj(1000.0, 3.6) == pytest.approx(3.6)  # 1000 kWh × 3.6 MJ/kWh = 3.6 GJ
    assert units.gj_per_unit(35.8) == pytest.approx(0.0358)


def test_incineration_carbon_functions():
    assert incineration.oxidised_carbon_t(10.0, 0.9) == pytest.approx(9.0)
    assert incineration.unburned_carbon_t(10.0, 0.9) == pytest.approx(1.0)
    assert incineration.co2_to_air_t(12.0, 1.0) == pytest.approx(44.0)  # 12 t C → 44 t CO2
    assert incineration.co2_to_air_t(12.0, 0.5, 44.0 / 12.0) == pytest.approx(22.0)


def test_incineration_electricity_and_first_law():
    # 1000 t × 400 kWh/t − 100 t steam × 110 kWh/t = 389 000 kWh
    assert incineration.electricity_kwh(1000.0, 400.0, 100.0, 110.0) == pytest.approx(389_000.0)
    # 1000 kWh = 3.6 GJ and 1 t steam × 2.69 GJ/t: 6.29 GJ fit into 6.29 GJ of fuel
    assert incineration.fit_to_heating_value(1000.0, 1.0, 6.29, 3.6, 2.69) == (1000.0, 1.0, False)
    # into half as much fuel both are halved
    kwh, steam_t, scaled = incineration.fit_to_heating_value(1000.0, 1.0, 3.145, 3.6, 2.69)
    assert (kwh, steam_t, scaled) == (pytest.approx(500.0), pytest.approx(0.5), True)


def test_biogas_blend_flares_above_capacity_and_splits_the_rest():
    # 1000 Nm³ of digester gas (600 CH4) + 200 Nm³ of landfill gas (100 CH4) = 1200 Nm³, 700 CH4, against a
    # capacity of 900 Nm³ a year (900/365 a day for 365 days): 300 Nm³ = 25 % flared (175 CH4).
    # Of the 525 CH4 handled 1 % leaks (5.25); half of 519.75 to the engines; 97 % of the rest delivered.
    gas = biogas.run(
        gas_nm3={"kitchen_waste": 1000.0, "restaurant_waste": 0.0, "landfill": 200.0},
        methane_nm3={"kitchen_waste": 600.0, "restaurant_waste": 0.0, "landfill": 100.0},
        handling_capacity_nm3_per_day=900.0 / 365,
        leakage_fraction=0.01,
        to_power_fraction=0.5,
        engine_efficiency=0.4,
        upgrading_recovery=0.97,
        days_per_year=365,
        factors=load_factors(),
    )
    assert gas.flared_biogas_nm3 == pytest.approx(300.0)
    assert gas.flared_methane_nm3 == pytest.approx(175.0)
    assert gas.leaked_nm3 == pytest.approx(5.25)
    assert gas.to_engines_nm3 == pytest.approx(259.875)
    assert gas.fuel_gas_nm3 == pytest.approx(252.07875)
    # 259.875 Nm³ × 35.8 MJ × 0.4 / 3.6 = 1033.7 kWh
    assert gas.engine_kwh == pytest.approx(1033.725)
    assert gas.source_share == {
        "kitchen_waste": pytest.approx(6 / 7),
        "restaurant_waste": 0.0,
        "landfill": pytest.approx(1 / 7),
    }
    assert (
        gas.flared_methane_nm3
        + gas.leaked_nm3
        + gas.to_engines_nm3
        + gas.fuel_gas_nm3
        + gas.upgrading_loss_nm3
        == pytest.approx(700.0)
    )
    # carbon: 1200 Nm³ / 22.414 × 12 kg = 0.6424 t C in; what is not leaked or delivered goes to the air
    assert gas.carbon_in_t_c == pytest.approx(0.64246, rel=1e-4)
    assert gas.leaked_t_c + gas.to_air_as_co2_t_c + gas.fuel_gas_t_c == pytest.approx(gas.carbon_in_t_c)


def test_food_plant_carbon_follows_the_liquor_cod():
    # 100 t/d for 1 day of food (15.2 t C); 100 Nm³/t biogas: 10 000 Nm³ / 22.414 × 12 kg = 5.354 t C;
    # oil 3 t × 0.77 = 2.31 t C; digestate 32 t; biogas mass 10 000 × (0.6 × 0.717 + 0.4 × 1.977) / 1000
    # = 12.210 t; liquor 100 − 12.210 − 3 − 32 = 52.790 m³ at 20 000 mg/L COD × 12/32 = 0.3959 t C;
    # the digestate keeps the rest: 15.2 − 5.354 − 2.31 − 0.396 = 7.140 t C
    plant = kitchen_waste.digest(
        "kitchen_waste",
        tonnes_per_day=100.0,
        biogas_nm3_per_tonne=100.0,
        methane_fraction=0.6,
        oil_extraction_rate=0.03,
        digestate_fraction=0.32,
        digestate_to_incineration_fraction=0.5,
        digestate_doc_fraction=0.05,
        liquor_cod_mg_per_l=20_000.0,
        own_use_kwh_per_tonne=0.0,
        heat_demand_gj_per_tonne=0.8,
        days_per_year=1,
        factors=load_factors(),
    )
    assert plant.biogas_t_c == pytest.approx(5.3538, rel=1e-4)
    assert plant.liquor_t == pytest.approx(52.790, rel=1e-4)
    assert plant.liquor_t_c == pytest.approx(0.39593, rel=1e-3)
    assert plant.digestate_t_c == pytest.approx(7.1403, rel=1e-3)
    assert plant.digestate_to_incineration_t_c == pytest.approx(plant.digestate_t_c / 2)
    assert plant.heat_demand_gj == pytest.approx(80.0)


def test_kitchen_waste_masses():
    assert kitchen_waste.gas_mass_t(1000.0, 0.717) == pytest.approx(0.717)
    assert kitchen_waste.biogas_mass_t(400.0, 600.0, 1.977, 0.717) == pytest.approx(1.221)  # 0.7908 + 0.4302
    # 1000 m³ at 32 000 mg/L COD hold 32 t O2 demand → 12 t C
    assert kitchen_waste.liquor_carbon_t(1000.0, 32_000.0) == pytest.approx(12.0)
    # 10 GJ of heat at 90 % from gas of 38.931 MJ/Nm³: 10 000 / (0.9 × 38.931) = 285.4 Nm³
    assert kitchen_waste.boiler_fuel_nm3(10.0, 0.9, 38.931) == pytest.approx(285.41, rel=1e-4)


def test_leachate_removed():
    # 1000 m³ at 1500 mg/L hold 1.5 t; 99 % recovered
    assert leachate.removed_t(1000.0, 1500.0, 0.99) == pytest.approx(1.485)


def test_materials_avoided():
    # (700 t × 5 kg + 300 t × 200 kg) / 1000 = 63.5 t CO2
    assert construction_waste.materials_avoided_co2_t(700.0, 300.0, 5.0, 200.0) == pytest.approx(63.5)


def test_landfill_layer_one():
    # Eq. 3.2: 100 t × 0.15 DOC × 0.5 DOCf × 1 MCF = 7.5 t C; Eq. 3.6: × 0.5 × 16/12 = 5 t CH4
    assert landfill.decomposable_carbon_t(100.0, 0.15, 0.5, 1.0) == pytest.approx(7.5)
    assert landfill.methane_from_carbon_t(7.5, 0.5) == pytest.approx(5.0)
    # Eq. 3.1: (5 − 1 recovered) × (1 − 0.1) = 3.6 t CH4 emitted
    assert landfill.methane_emitted_t(5.0, 1.0, 0.1) == pytest.approx(3.6)
    # first-order decay shares: nothing in the deposit year, 1 − e^−k the year after
    assert landfill.decay_share(0.06, 0) == 0.0
    assert landfill.decay_share(0.06, 1) == pytest.approx(0.0582355, rel=1e-6)
    assert sum(landfill.decay_share(0.06, n) for n in range(1, 2000)) == pytest.approx(1.0)
    # deposits 3 … 12 years old: the shares telescope to e^−0.06·2 − e^−0.06·12
    assert landfill.decay_share_sum(0.06, 3, 12) == pytest.approx(
        sum(landfill.decay_share(0.06, n) for n in range(3, 13))
    )
    assert landfill.decay_share_sum(0.06, -5, 0) == 0.0  # deposits in the future or this year
    assert landfill.decay_series(0.04, 3) == pytest.approx([landfill.decay_share(0.04, n) for n in (1, 2, 3)])


def test_electricity_balance():
    surplus = electricity_balance({"a": 60.0, "b": 40.0}, {"c": 30.0, "d": 20.0})
    assert (surplus.export_kwh, surplus.purchased_kwh) == (50.0, 0.0)
    assert surplus.generation_share == {"a": 0.6, "b": 0.4}
    assert surplus.use_share == {"c": 0.6, "d": 0.4}
    shortfall = electricity_balance({"a": 0.0}, {"c": 30.0})
    assert (shortfall.export_kwh, shortfall.purchased_kwh) == (0.0, 30.0)
    assert shortfall.generation_share == {"a": 0.0}
    assert share(1.0, 0.0) == 0.0


def test_synergy_definition_names_quantities_the_model_computes(plan):
    from parkloop.model.park import load_synergy_definition

    for name, component in load_synergy_definition()["components"].items():
        for key in (*component["used"], *component["total"]):
            assert key in plan.quantities, (name, key)
