"""The park: chains joined by explicit links, the five flows and their balances, the carbon ledger."""

from __future__ import annotations

import math

import pytest

from parkloop.model import AVOIDED_CATEGORIES, EMISSION_CATEGORIES, evaluate, evaluate_dict, load_scenario

from ._helpers import REL, assert_finite_json

SHIPPED = ("baseline-2023", "plan-2026")
FLOWS = ("material", "energy", "water", "carbon", "money")
KITCHEN = ("kitchen", "food_waste_plant")
INCINERATOR = ("incinerat",)


def has(name: str, parts) -> bool:
    return any(p in name for p in parts)


@pytest.fixture(scope="module", params=SHIPPED)
def shipped(request):
    s = load_scenario(request.param)
    return s, evaluate_dict(s)


def node_imbalance(graph: dict) -> tuple[float, float]:
    """Largest |in − out| of a node that both receives and sends, and the graph's throughput."""
    inflow: dict[str, float] = {}
    outflow: dict[str, float] = {}
    for link in graph["links"]:
        outflow[link["source"]] = outflow.get(link["source"], 0.0) + link["value"]
        inflow[link["target"]] = inflow.get(link["target"], 0.0) + link["value"]
    worst = max((abs(inflow[n] - outflow[n]) for n in inflow.keys() & outflow.keys()), default=0.0)
    sources = sum(v for n, v in outflow.items() if n not in inflow)
    return worst, max(sources, 1.0)


def test_every_balance_closes(shipped):
    _, d = shipped
    for name in FLOWS:
        b = d["balances"][name]
        assert b["closure_error"] < 1e-9, (name, b)
        scale = max(abs(b["inputs"]), abs(b["outputs"]), 1.0)
        assert abs(b["inputs"] - b["outputs"] - b["stock_change"]) <= 1e-9 * scale, (name, b)


def test_balances_agree_with_the_graphs(shipped):
    # recompute every inner node's balance from the links themselves, not from the model's own report
    _, d = shipped
    for name in FLOWS:
        graph = d["flows"][name]
        worst, scale = node_imbalance(graph)
        assert worst <= 1e-9 * scale, (name, worst)
        nodes = {n["id"] for n in graph["nodes"]}
        for link in graph["links"]:
            assert link["source"] in nodes and link["target"] in nodes
            assert math.isfinite(link["value"]) and link["value"] >= 0, (name, link)
        assert graph["unit"]


def test_result_balances_match_the_json(shipped):
    s, d = shipped
    result = evaluate(s)
    for name in FLOWS:
        assert result.balances[name]["closure_error"] == pytest.approx(
            d["balances"][name]["closure_error"], abs=1e-15
        )


def test_ledger_adds_up(shipped):
    _, d = shipped
    t = d["totals"]
    assert sum(d["ledger"]["emissions"].values()) == pytest.approx(t["emissions_t_co2e_per_year"], rel=1e-9)
    assert sum(d["ledger"]["avoided"].values()) == pytest.approx(t["avoided_t_co2e_per_year"], rel=1e-9)
    assert t["net_t_co2e_per_year"] == pytest.approx(
        t["emissions_t_co2e_per_year"] - t["avoided_t_co2e_per_year"], rel=1e-9
    )
    # the category names themselves are pinned by the golden files (tests/model/test_golden.py)
    assert tuple(d["ledger"]["emissions"]) == EMISSION_CATEGORIES
    assert tuple(d["ledger"]["avoided"]) == AVOIDED_CATEGORIES


def test_chains_add_up_to_the_ledger(shipped):
    # purchased electricity is a park-level emission; everything else belongs to a chain
    _, d = shipped
    chain_e = sum(c["emissions_t_co2e_per_year"] for c in d["chains"].values())
    chain_a = sum(c["avoided_t_co2e_per_year"] for c in d["chains"].values())
    t = d["totals"]
    assert chain_a == pytest.approx(t["avoided_t_co2e_per_year"], rel=1e-9)
    assert chain_e == pytest.approx(t["emissions_t_co2e_per_year"], rel=1e-9) or chain_e == pytest.approx(
        t["emissions_t_co2e_per_year"] - d["ledger"]["emissions"]["purchased_electricity"], rel=1e-9
    )


def test_waste_treated_and_intensity(shipped):
    s, d = shipped
    v = s.values
    days = v["scenario"]["days_per_year"]
    household = (
        v["incineration"]["tonnes_per_day"]
        + v["kitchen_waste"]["tonnes_per_day"]
        + v["restaurant_waste"]["tonnes_per_day"]
    ) * days
    solid = household + v["construction_waste"]["tonnes_per_day"] * days
    t = d["totals"]
    assert t["waste_treated_t_per_year"] == pytest.approx(solid, rel=1e-9)
    assert t["emissions_kg_co2e_per_t_waste"] == pytest.approx(
        t["emissions_t_co2e_per_year"] * 1000 / solid, rel=1e-9
    )
    # v2: the plan's intensity is per tonne of household waste; construction waste is not in it
    assert t["household_waste_t_per_year"] == pytest.approx(household, rel=1e-9)
    assert t["emissions_kg_co2e_per_t_household_waste"] == pytest.approx(
        t["emissions_t_co2e_per_year"] * 1000 / household, rel=1e-9
    )


def test_biogenic_co2_is_reported_not_counted(shipped):
    _, d = shipped
    t = d["totals"]
    assert t["biogenic_co2_t_per_year"] > 0
    assert "biogenic" not in " ".join(d["ledger"]["emissions"])


def test_digestate_link(shipped):
    # digestate and residue, both food-waste plants → incinerator: t/d × days × digestate share × share burned
    s, d = shipped
    kw = s.values["kitchen_waste"]
    expected = (
        (kw["tonnes_per_day"] + s.values["restaurant_waste"]["tonnes_per_day"])
        * s.values["scenario"]["days_per_year"]
        * kw["digestate_fraction"]
        * kw["digestate_to_incineration_fraction"]
    )
    got = sum(
        link["value"]
        for link in d["flows"]["material"]["links"]
        if has(link["source"], KITCHEN) and has(link["target"], INCINERATOR)
    )
    assert got == pytest.approx(expected, rel=1e-9)


def test_plan_co_incinerates_14_wan_tonnes_of_digestate():
    # plan 二(二)2: 沼渣、残渣等协同处理量达14万t/a by 2026
    d = evaluate_dict(load_scenario("plan-2026"))
    got = sum(
        link["value"]
        for link in d["flows"]["material"]["links"]
        if has(link["source"], KITCHEN) and has(link["target"], INCINERATOR)
    )
    assert got == pytest.approx(140_000, rel=0.01)


def test_steam_link(shipped):
    # export steam, incinerator → kitchen-waste plant, carries 2.69 GJ per tonne (IAPWS-IF97)
    s, d = shipped
    steam_t = s.values["incineration"]["export_steam_t_per_year"]
    graph = d["flows"]["energy"]
    per_gj = {"GJ/yr": 1.0, "MWh/yr": 1 / 3.6, "kWh/yr": 1000 / 3.6, "TJ/yr": 1e-3}[graph["unit"]]
    got = sum(
        link["value"]
        for link in graph["links"]
        if has(link["source"], INCINERATOR) and has(link["target"], KITCHEN)
    )
    assert got == pytest.approx(steam_t * 2.69 * per_gj, rel=REL)


def test_exported_power_on_the_energy_graph(shipped):
    _, d = shipped
    graph = d["flows"]["energy"]
    per_kwh = {"GJ/yr": 0.0036, "MWh/yr": 1e-3, "kWh/yr": 1.0, "TJ/yr": 3.6e-6}[graph["unit"]]
    got = sum(link["value"] for link in graph["links"] if "grid" in link["target"])
    assert got == pytest.approx(d["totals"]["net_electricity_kwh_per_year"] * per_kwh, rel=1e-9)


def test_leachate_from_three_sources(shipped):
    s, d = shipped
    lc = s.values["leachate"]
    total = lc["m3_per_day"] * s.values["scenario"]["days_per_year"]
    links = d["flows"]["water"]["links"]
    for src, share in lc["source_shares"].items():
        got = sum(link["value"] for link in links if "leachate" in link["target"] and src in link["source"])
        assert got == pytest.approx(total * share, rel=1e-9), src
    assert d["totals"]["reclaimed_water_m3_per_year"] == pytest.approx(total * lc["reuse_rate"], rel=1e-9)


def test_bottom_ash_to_building_materials(shipped):
    s, d = shipped
    ash = d["chains"]["incineration"]["bottom_ash_t_per_year"]
    share = s.values["incineration"]["bottom_ash_recycled_fraction"]
    got = sum(
        link["value"]
        for link in d["flows"]["material"]["links"]
        if has(link["source"], INCINERATOR) and has(link["target"], ("construction", "brick"))
    )
    assert got == pytest.approx(ash * share, rel=1e-9)


def test_fossil_carbon_on_the_carbon_graph(shipped):
    # the carbon graph carries fossil carbon to the air: the incinerator's fossil CO2 (plastics in the
    # waste and in the co-incinerated residue) and the gas boiler's, × 12/44 (in t C)
    _, d = shipped
    graph = d["flows"]["carbon"]
    assert graph["unit"].startswith("t C")
    got = sum(link["value"] for link in graph["links"] if "fossil" in link["target"])
    fossil_co2 = d["chains"]["incineration"]["fossil_co2_t_per_year"] + d["ledger"]["emissions"]["gas_boiler"]
    assert got == pytest.approx(fossil_co2 * 12 / 44, rel=1e-9)


def test_synergy_index(shipped):
    _, d = shipped
    idx = d["synergy"]["index"]
    assert 0 <= idx <= 100
    assert d["totals"]["synergy_index"] == pytest.approx(idx)
    assert set(d["synergy"]["components"]) >= {"material", "energy", "water"}


def test_every_chain_reports_the_contract_keys(shipped):
    _, d = shipped
    assert set(d["chains"]) == {
        "incineration",
        "kitchen_waste",
        "restaurant_waste",
        "landfill",
        "leachate",
        "construction_waste",
        "solar",
    }
    for name, chain in d["chains"].items():
        for key in ("inputs", "products", "emissions_t_co2e_per_year", "avoided_t_co2e_per_year"):
            assert key in chain, (name, key)


def test_json_is_strict_and_finite(shipped):
    _, d = shipped
    assert_finite_json(d)
    assert isinstance(d["warnings"], list)


def test_shipped_scenarios_raise_no_warnings(shipped):
    # a warning means the scenario asks for more than physics allows; the shipped ones must not
    _, d = shipped
    assert d["warnings"] == []


def test_plan_treats_more_and_exports_more():
    base = evaluate_dict(load_scenario("baseline-2023"))["totals"]
    plan = evaluate_dict(load_scenario("plan-2026"))["totals"]
    assert plan["waste_treated_t_per_year"] > base["waste_treated_t_per_year"]
    assert plan["green_electricity_kwh_per_year"] > base["green_electricity_kwh_per_year"]
    assert plan["avoided_t_co2e_per_year"] > base["avoided_t_co2e_per_year"]
