"""Carbon accounting version 2 (model.md): three ledgers, steam inside the fence, the flare, the physics
bounds and the new keys of the public contract. Worked by hand in the comments."""

from __future__ import annotations

import json

import pytest

from parkloop.model import ScenarioError, evaluate, load_scenario

from ._helpers import (
    NG_KG_CO2_PER_NM3,
    NG_NCV_MJ_PER_NM3,
    REL,
    STEAM_GJ_PER_T,
    cli,
    composition,
    isolated,
    run,
)

FOOD = {
    "kitchen_waste__tonnes_per_day": 100,
    "kitchen_waste__biogas_nm3_per_tonne": 50,
    "kitchen_waste__methane_fraction": 0.6,
    "kitchen_waste__to_power_fraction": 1.0,
    "kitchen_waste__methane_leakage_fraction": 0.0,
    "kitchen_waste__oil_extraction_rate": 0.0,
    "kitchen_waste__own_use_kwh_per_tonne": 0.0,
    "kitchen_waste__digestate_fraction": 0.0,
    "kitchen_waste__heat_demand_gj_per_tonne": 0.8,
    "kitchen_waste__boiler_efficiency": 0.9,
}


# --- steam inside the fence ---------------------------------------------------------------------------


def test_without_steam_a_gas_boiler_heats_the_food_waste_plant():
    # 100 t/d × 365 = 36 500 t × 0.8 GJ/t = 29 200 GJ of heat; a 90 % gas boiler burns
    # 29 200 000 MJ / (0.9 × 38.931 MJ/Nm³) = 833 398 Nm³ × 2.162 kg = 1801.8 t CO2 — in the inventory
    d = run(isolated(**FOOD))
    nm3 = 29_200 * 1000 / (0.9 * NG_NCV_MJ_PER_NM3)
    assert d["ledger"]["emissions"]["gas_boiler"] == pytest.approx(nm3 * NG_KG_CO2_PER_NM3 / 1000, rel=REL)
    assert d["ledger"]["emissions"]["gas_boiler"] == pytest.approx(1801.8, rel=REL)


def test_steam_from_the_incinerator_lowers_the_inventory():
    # 5000 t of export steam × 2.69 GJ/t = 13 450 GJ cover part of the 29 200 GJ; the boiler makes the other
    # 15 750 GJ: 15 750 000 / (0.9 × 38.931) × 2.162 kg = 971.9 t CO2, i.e. 829.9 t less than without steam.
    # Nothing is booked as "avoided": the steam stays inside the fence.
    kw = {
        **FOOD,
        "incineration__tonnes_per_day": 1000,
        "incineration__net_kwh_per_tonne": 300,
        "incineration__composition": composition(food=0.5, paper=0.2, plastics=0.2, textiles=0.1),
    }
    without = run(isolated(**kw))
    with_steam = run(isolated(**kw, incineration__export_steam_t_per_year=5000))
    assert with_steam["ledger"]["emissions"]["gas_boiler"] == pytest.approx(971.9, rel=REL)
    saved = without["ledger"]["emissions"]["gas_boiler"] - with_steam["ledger"]["emissions"]["gas_boiler"]
    assert saved == pytest.approx(
        5000 * STEAM_GJ_PER_T / (0.9 * NG_NCV_MJ_PER_NM3) * NG_KG_CO2_PER_NM3, rel=REL
    )
    assert set(with_steam["ledger"]["avoided"]) == {
        "grid_electricity",
        "fuel_gas",
        "biodiesel",
        "recycled_materials",
    }
    # the steam costs the turbine 110 kWh per tonne: 5000 × 110 = 550 000 kWh less exported
    lost = (
        without["totals"]["net_electricity_kwh_per_year"]
        - with_steam["totals"]["net_electricity_kwh_per_year"]
    )
    assert lost == pytest.approx(550_000, rel=REL)


def test_steam_beyond_the_demand_is_reported_as_lost():
    # 20 000 t × 2.69 = 53 800 GJ against a demand of 29 200 GJ: no boiler, 24 600 GJ of steam unused
    d = run(
        isolated(
            **FOOD,
            incineration__tonnes_per_day=1000,
            incineration__net_kwh_per_tonne=300,
            incineration__composition=composition(food=0.5, paper=0.2, plastics=0.2, textiles=0.1),
            incineration__export_steam_t_per_year=20_000,
        )
    )
    assert d["ledger"]["emissions"]["gas_boiler"] == 0.0
    lost = [
        link["value"]
        for link in d["flows"]["energy"]["links"]
        if link["source"] == "food_waste_plant" and link["target"] == "losses"
    ]
    assert lost == [pytest.approx(24_600, rel=REL)]
    assert any("steam" in w for w in d["warnings"])


# --- the flare ----------------------------------------------------------------------------------------


def test_biogas_above_the_handling_capacity_is_flared_and_reported():
    # 100 t/d × 50 Nm³/t = 5000 Nm³/d of biogas against a capacity of 2000 Nm³/d: 3000 Nm³/d flared,
    # × 365 = 1 095 000 Nm³ a year; the engines get the methane of 2000 Nm³/d only:
    # 2000 × 365 × 0.6 = 438 000 Nm³ CH4 × 35.8 × 0.38 / 3.6 = 1 655 137 kWh
    d = run(isolated(**FOOD, biogas__handling_capacity_nm3_per_day=2000))
    assert d["totals"]["biogas_flared_nm3_per_year"] == pytest.approx(1_095_000, rel=REL)
    assert d["chains"]["kitchen_waste"]["biogas"]["engine_electricity_kwh_per_year"] == pytest.approx(
        1_655_137, rel=REL
    )
    flare = [link["value"] for link in d["flows"]["energy"]["links"] if link["target"] == "flare"]
    # 3000 × 365 × 0.6 = 657 000 Nm³ CH4 × 35.8 MJ = 23 520.6 GJ burned in the flare
    assert flare == [pytest.approx(23_520.6, rel=REL)]
    roomy = run(isolated(**FOOD, biogas__handling_capacity_nm3_per_day=5000))
    assert roomy["totals"]["biogas_flared_nm3_per_year"] == 0.0


def test_the_plan_flares_what_its_5_wan_cannot_handle():
    # plan 二(一)2: handling 5万 Nm³/d. Whatever the model's gas is above that is flared, and said so
    d = evaluate(load_scenario("plan-2026")).to_dict()
    gas = d["chains"]["kitchen_waste"]["biogas"]
    assert gas["handling_capacity_nm3_per_year"] == pytest.approx(50_000 * 365)
    assert d["totals"]["biogas_flared_nm3_per_year"] == pytest.approx(
        max(gas["biogas_nm3_per_year"] - 50_000 * 365, 0.0), rel=1e-9
    )


# --- physics bounds: refused with one line naming the key -----------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "key"),
    [
        # 1000 kWh/t at 10.51 GJ/t is 34 % of the heating value (30 % allows 876 kWh/t)
        ({"incineration.net_kwh_per_tonne": 1000}, "incineration.net_kwh_per_tonne"),
        ({"kitchen_waste.engine_efficiency": 0.46}, "kitchen_waste.engine_efficiency"),
        # 300 Nm³/t holds 300 / 22.414 × 12 = 160.6 kg C, above food's DOC of 150 kg C/t
        ({"restaurant_waste.biogas_nm3_per_tonne": 300}, "restaurant_waste.biogas_nm3_per_tonne"),
        (
            {"kitchen_waste.tonnes_per_day": 100, "kitchen_waste.biogas_nm3_per_tonne": 300},
            "kitchen_waste.biogas_nm3_per_tonne",
        ),
        # digestate 0.95 t/t plus biogas and oil weigh more than the food waste
        ({"kitchen_waste.digestate_fraction": 0.95}, "kitchen_waste.digestate_fraction"),
    ],
)
def test_bounds_are_refused_naming_the_key(overrides, key):
    with pytest.raises(ScenarioError) as caught:
        evaluate(load_scenario("baseline-2023", overrides=overrides))
    assert caught.value.key == key
    assert "\n" not in str(caught.value) and "baseline-2023" in str(caught.value)


def test_bounds_just_inside_pass():
    # 876 kWh/t at 10.51 GJ/t = 30.0 % (3.154 GJ of 10.51); engines at 0.45; 270 Nm³/t hold 144.6 kg C/t,
    # under the DOC (150) and, with no oil, under the food's 152 kg C/t with the liquor's 2.8 kg
    for overrides in (
        {"incineration.net_kwh_per_tonne": 875},
        {"kitchen_waste.engine_efficiency": 0.45},
        {"restaurant_waste.biogas_nm3_per_tonne": 270, "restaurant_waste.oil_extraction_rate": 0.0},
    ):
        evaluate(load_scenario("baseline-2023", overrides=overrides))


def test_electricity_follows_the_heating_value():
    # baseline-2023: 375 kWh/t holds at 10.51 GJ/t. All-food waste (4 GJ/t) makes 375 × 4 / 10.51 =
    # 142.7 kWh/t — the same 12.8 % net — not 36 % of its heating value as in version 1
    d = evaluate(
        load_scenario("baseline-2023", overrides={"incineration.composition": composition(food=1.0)})
    )
    assert d.chains["incineration"]["net_kwh_per_tonne"] == pytest.approx(142.7, rel=REL)


def test_cli_refuses_a_bound_with_exit_2():
    proc = cli("evaluate", "baseline-2023", "--set", "kitchen_waste.engine_efficiency=0.9", "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "kitchen_waste.engine_efficiency" in lines[0]


# --- the contract's new keys --------------------------------------------------------------------------


def test_v2_keys_by_their_names():
    proc = cli("evaluate", "plan-2026", "--json")
    assert proc.returncode == 0, proc.stderr
    d = json.loads(proc.stdout)
    for key in ("emissions_kg_co2e_per_t_household_waste", "biogas_flared_nm3_per_year"):
        assert key in d["totals"], key
    landfill = d["counterfactual"]["landfill"]
    assert {"horizon_years", "methane_t_by_year", "first_year_t_co2e", "total_t_co2e"} <= set(landfill)
    assert len(landfill["methane_t_by_year"]) == landfill["horizon_years"] == 30
    assert set(d["chains"]) >= {"restaurant_waste", "landfill"}
    # the comparison is in no total: avoided is exactly its four categories
    assert d["totals"]["avoided_t_co2e_per_year"] == pytest.approx(sum(d["ledger"]["avoided"].values()))
    assert landfill["first_year_t_co2e"] > 0


def test_exported_and_bought_electricity_have_their_own_factors():
    # a park that buys electricity (no generation, one crushing line): 1000 t/d × 365 × 4 kWh/t =
    # 1 460 000 kWh × 0.5306 kg (consumption average) = 774.7 t CO2; the exported factor plays no part
    d = run(isolated(construction_waste__tonnes_per_day=1000, scenario__avoided_grid_kg_co2_per_kwh=5.0))
    assert d["ledger"]["emissions"]["purchased_electricity"] == pytest.approx(774.7, rel=REL)
    assert d["ledger"]["avoided"]["grid_electricity"] == 0.0
