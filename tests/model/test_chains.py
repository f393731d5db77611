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
from parkloop.model.chains import ChainResults, electricity_balance, run_chains, share
from parkloop.model.flows import Prices
from parkloop.model.park import Avoided, Emissions

# what a chain's run() takes besides its scenario table: the year, the factors, and the links
RUNS = {
    "incineration": (
        incineration.run,
        {"days_per_year", "factors", "digestate_t", "digestate_carbon_t_c", "digestate_heat_gj"},
    ),
    "kitchen_waste": (kitchen_waste.run, {"days_per_year", "factors", "landfill"}),
    "leachate": (leachate.run, {"days_per_year"}),
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


def test_landfill_site_takes_the_counterfactual_table():
    params = set(inspect.signature(landfill.site).parameters)
    assert params - {"factors"} == set(SCHEMA["landfill_counterfactual"])


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
        chains.kitchen_waste.gas,
        chains.kitchen_waste.carbon,
        chains.leachate,
        chains.construction_waste,
        chains.solar,
        chains.landfill_counterfactual,
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
    assert chains.kitchen_waste.gas.fuel_gas_nm3 == kw["products"]["fuel_gas_nm3_per_year"]
    assert chains.leachate.reclaimed_m3 == d["totals"]["reclaimed_water_m3_per_year"]
    assert chains.solar.electricity_kwh == d["chains"]["solar"]["products"]["electricity_kwh_per_year"]
    assert chains.electricity.export_kwh == d["totals"]["net_electricity_kwh_per_year"]
    assert plan.warnings == [*chains.kitchen_waste.warnings, *chains.incineration.warnings]


def test_links_join_the_chains(plan):
    chains = plan.chain_results
    # kitchen waste → incineration: the co-incinerated digestate, its carbon and its heat
    assert chains.incineration.digestate_t == chains.kitchen_waste.digestate_to_incineration_t
    assert chains.incineration.digestate_heat_gj == chains.kitchen_waste.digestate_to_incineration_heat_gj
    assert (
        chains.incineration.burned_t
        == chains.incineration.waste_t + chains.kitchen_waste.digestate_to_incineration_t
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


def test_gas_routes_split_the_methane():
    gas = kitchen_waste.gas_routes(
        biogas_nm3=1000.0,
        methane_fraction=0.6,
        landfill_gas_nm3=100.0,
        landfill_gas_methane_fraction=0.5,
        leakage_fraction=0.01,
        to_power_fraction=0.5,
        upgrading_recovery=0.97,
    )
    # 600 + 50 Nm³ CH4; 1 % leaks (6.5); half of 643.5 to the engines; 97 % of the other half delivered
    assert gas.methane_nm3 == pytest.approx(650.0)
    assert gas.leaked_nm3 == pytest.approx(6.5)
    assert gas.to_engines_nm3 == pytest.approx(321.75)
    assert gas.fuel_gas_nm3 == pytest.approx(312.0975)
    assert gas.flared_nm3 == pytest.approx(9.6525)
    assert gas.blend_co2_nm3 == pytest.approx(450.0)  # 400 from the digesters + 50 in the landfill gas
    assert gas.leaked_nm3 + gas.to_engines_nm3 + gas.fuel_gas_nm3 + gas.flared_nm3 == pytest.approx(650.0)


def test_carbon_routes_close():
    gas = kitchen_waste.gas_routes(
        biogas_nm3=10_000.0,
        methane_fraction=0.6,
        landfill_gas_nm3=0.0,
        landfill_gas_methane_fraction=0.5,
        leakage_fraction=0.0,
        to_power_fraction=1.0,
        upgrading_recovery=1.0,
    )
    carbon = kitchen_waste.carbon_routes(
        waste_t_c=15.2,  # 100 t food × 0.40 dm × 0.38 CF
        gas=gas,
        oil_t=3.0,
        oil_carbon_fraction=0.77,
        digestate_t=32.0,
        digestate_to_incineration_t=16.0,
        digestate_to_landfill_t=16.0,
        digestate_carbon_fraction=0.08,
        molar_volume_nm3_per_kmol=22.414,
    )
    # 10 000 Nm³ / 22.414 × 12 kg = 5.354 t C in the biogas, all of it to the air as CO2
    assert carbon.biogas_t_c == pytest.approx(5.3538, rel=1e-4)
    assert carbon.to_air_as_co2_t_c == pytest.approx(carbon.biogas_t_c)
    # 15.2 − 5.354 − 2.31 (oil) − 2.56 (digestate) = 4.976 t C with the liquor
    assert carbon.liquor_t_c == pytest.approx(4.9762, rel=1e-4)
    parts = carbon.biogas_t_c + carbon.oil_t_c + carbon.digestate_to_incineration_t_c
    assert parts + carbon.digestate_to_landfill_t_c + carbon.liquor_t_c == pytest.approx(15.2)


def test_kitchen_waste_masses_and_balance():
    assert kitchen_waste.gas_mass_t(1000.0, 0.717) == pytest.approx(0.717)
    assert kitchen_waste.biogas_mass_t(400.0, 600.0, 1.977, 0.717) == pytest.approx(1.221)  # 0.7908 + 0.4302
    assert kitchen_waste.remainder(10.0, 1.0, 2.0, 3.0) == 4.0
    assert not kitchen_waste.exceeds(10.0, -1e-9)  # rounding
    assert kitchen_waste.exceeds(10.0, -1e-6)


def test_leachate_removed():
    # 1000 m³ at 1500 mg/L hold 1.5 t; 99 % recovered
    assert leachate.removed_t(1000.0, 1500.0, 0.99) == pytest.approx(1.485)


def test_materials_avoided():
    # (700 t × 5 kg + 300 t × 200 kg) / 1000 = 63.5 t CO2
    assert construction_waste.materials_avoided_co2_t(700.0, 300.0, 5.0, 200.0) == pytest.approx(63.5)


def test_landfill_site_and_counterfactual():
    site = landfill.LandfillSite(
        docf=0.5, mcf=1.0, methane_fraction=0.5, recovery_fraction=0.2, oxidation_factor=0.1
    )
    # 100 t × 0.15 DOC × 0.5 × 1 × 0.5 × 16/12 × 0.8 × 0.9 = 3.6 t CH4
    assert site.methane_t(100.0, 0.15) == pytest.approx(3.6)
    components = load_factors().components
    food_only = {name: 1.0 if name == "food" else 0.0 for name in components}
    result = landfill.run(
        site,
        household_waste_t=100.0,
        household_waste_composition=food_only,
        food_waste_t=100.0,
        components=components,
    )
    assert result.household_waste_ch4_t == pytest.approx(3.6)  # food's DOC is 0.15 (IPCC Table 2.4)
    assert result.total_ch4_t == pytest.approx(7.2)


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
