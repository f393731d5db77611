"""Property tests (hypothesis) over random valid scenarios: overrides within valid ranges on top of
baseline-2023. Balances close, results move the right way, zero input gives zero everywhere."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from parkloop.model import evaluate, evaluate_dict, load_scenario

from ._helpers import COMPONENTS, ZERO_ALL, _optional_zero, assert_finite_json, walk_numbers

FLOWS = ("material", "energy", "water", "carbon", "money")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def fraction(lo: float = 0.0, hi: float = 1.0):
    return st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def flow(hi: float):
    """An input flow: off, or at least a slider step (1e-3) up to ``hi``. Tiny flows have their own test."""
    return st.one_of(st.just(0), fraction(1e-3, hi))


@st.composite
def compositions(draw):
    weights = draw(st.lists(fraction(), min_size=len(COMPONENTS), max_size=len(COMPONENTS)))
    total = sum(weights)
    if total < 1e-6:
        weights = [1.0] + [0.0] * (len(COMPONENTS) - 1)
        total = 1.0
    comp = {name: w / total for name, w in zip(COMPONENTS, weights, strict=True)}
    comp["other_inert"] = max(0.0, 1.0 - sum(v for k, v in comp.items() if k != "other_inert"))
    return comp


@st.composite
def shares3(draw):
    a, b, c = draw(fraction()), draw(fraction()), draw(fraction())
    total = a + b + c
    if total < 1e-6:
        return {"incineration": 1.0, "restaurant_waste": 0.0, "landfill": 0.0}
    inc, rw = a / total, b / total
    return {"incineration": inc, "restaurant_waste": rw, "landfill": max(0.0, 1.0 - inc - rw)}


@st.composite
def overrides(draw):
    """Random overrides covering every required key, within ranges a visitor's sliders could reach."""
    o = {
        "scenario.days_per_year": draw(st.integers(1, 366)),
        "scenario.grid_kg_co2_per_kwh": draw(fraction(0.0, 1.2)),
        "scenario.avoided_grid_kg_co2_per_kwh": draw(fraction(0.0, 1.2)),
        "scenario.year": draw(st.integers(2000, 2060)),
        "scenario.gwp": draw(st.sampled_from(["AR5", "AR6"])),
        "incineration.tonnes_per_day": draw(flow(8000.0)),
        "incineration.net_kwh_per_tonne": draw(fraction(0.0, 600.0)),
        "incineration.composition": draw(compositions()),
        "incineration.bottom_ash_fraction": draw(fraction(0.0, 0.3)),
        "incineration.fly_ash_fraction": draw(fraction(0.0, 0.06)),
        "incineration.export_steam_t_per_year": draw(flow(300_000.0)),
        "kitchen_waste.tonnes_per_day": draw(flow(3000.0)),
        "kitchen_waste.biogas_nm3_per_tonne": draw(fraction(0.0, 130.0)),
        "kitchen_waste.methane_fraction": draw(fraction(0.4, 0.7)),
        "kitchen_waste.to_power_fraction": draw(fraction()),
        "kitchen_waste.engine_efficiency": draw(fraction(0.0, 0.45)),
        "kitchen_waste.upgrading_recovery": draw(fraction()),
        "kitchen_waste.own_use_kwh_per_tonne": draw(fraction(0.0, 100.0)),
        "kitchen_waste.oil_extraction_rate": draw(fraction(0.0, 0.05)),
        "kitchen_waste.heat_demand_gj_per_tonne": draw(fraction(0.0, 1.5)),
        "kitchen_waste.digestate_to_incineration_fraction": draw(fraction()),
        "restaurant_waste.tonnes_per_day": draw(flow(2000.0)),
        "restaurant_waste.biogas_nm3_per_tonne": draw(fraction(0.0, 130.0)),
        "restaurant_waste.oil_extraction_rate": draw(fraction(0.0, 0.05)),
        "biogas.handling_capacity_nm3_per_day": draw(flow(150_000.0)),
        "landfill.waste_in_place_t": draw(flow(2e7)),
        "landfill.gas_capture_fraction": draw(fraction()),
        "landfill_counterfactual.recovery_fraction": draw(fraction()),
        "landfill_counterfactual.oxidation_factor": draw(fraction()),
        "landfill_counterfactual.methane_correction_factor": draw(fraction()),
        "leachate.m3_per_day": draw(flow(5000.0)),
        "leachate.reuse_rate": draw(fraction()),
        "leachate.source_shares": draw(shares3()),
        "construction_waste.tonnes_per_day": draw(flow(5000.0)),
        "construction_waste.recycled_fraction": draw(fraction()),
        "solar.kwp": draw(flow(100_000.0)),
        "solar.kwh_per_kwp": draw(fraction(0.0, 1400.0)),
    }
    return o


def load(o):
    return load_scenario("baseline-2023", overrides=o)


@SETTINGS
@given(overrides())
def test_every_balance_closes(o):
    s = load(o)
    result = evaluate(s)
    for name in FLOWS:
        b = result.balances[name]
        assert b["closure_error"] < 1e-9, (name, b)
        assert math.isfinite(b["closure_error"])
        scale = max(abs(b["inputs"]), abs(b["outputs"]), 1.0)
        assert abs(b["inputs"] - b["outputs"] - b["stock_change"]) <= 1e-9 * scale, (name, b)
    d = evaluate_dict(s)
    for name in FLOWS:
        inflow: dict[str, float] = {}
        outflow: dict[str, float] = {}
        for link in d["flows"][name]["links"]:
            # no negative flow anywhere (a Sankey diagram cannot draw one; model.md version 2)
            assert link["value"] >= 0, (name, link)
            outflow[link["source"]] = outflow.get(link["source"], 0.0) + link["value"]
            inflow[link["target"]] = inflow.get(link["target"], 0.0) + link["value"]
        scale = max([*outflow.values(), 1.0])
        for node in inflow.keys() & outflow.keys():
            assert abs(inflow[node] - outflow[node]) <= 1e-9 * scale * 10, (name, node)


@SETTINGS
@given(overrides())
def test_signs_and_net(o):
    d = evaluate_dict(load(o))
    t = d["totals"]
    assert t["emissions_t_co2e_per_year"] >= 0
    assert t["avoided_t_co2e_per_year"] >= 0
    assert t["net_t_co2e_per_year"] == pytest.approx(
        t["emissions_t_co2e_per_year"] - t["avoided_t_co2e_per_year"], rel=1e-9, abs=1e-9
    )
    for side in ("emissions", "avoided"):
        for cat, value in d["ledger"][side].items():
            assert value >= 0, (side, cat, value)
    for name, chain in d["chains"].items():
        assert chain["emissions_t_co2e_per_year"] >= 0, name
        assert chain["avoided_t_co2e_per_year"] >= 0, name
    assert sum(d["ledger"]["emissions"].values()) == pytest.approx(
        t["emissions_t_co2e_per_year"], rel=1e-9, abs=1e-9
    )
    assert sum(d["ledger"]["avoided"].values()) == pytest.approx(
        t["avoided_t_co2e_per_year"], rel=1e-9, abs=1e-9
    )
    assert t["net_electricity_kwh_per_year"] >= 0 and t["purchased_electricity_kwh_per_year"] >= 0
    assert 0 <= t["water_reuse_rate"] <= 1
    assert_finite_json(d)


@SETTINGS
@given(overrides())
def test_synergy_index_stays_between_0_and_100(o):
    # docs/model-api.md: synergy_index (0–100), for every valid scenario (with or without warnings)
    d = evaluate_dict(load(o))
    assert 0 <= d["totals"]["synergy_index"] <= 100, (d["synergy"], d["warnings"])
    for name, share in d["synergy"]["components"].items():
        assert share is None or 0 <= share <= 1, (name, share, d["warnings"])


@SETTINGS
@given(overrides(), fraction(0.001, 1.0))
def test_more_plastics_more_fossil_co2(o, step_share):
    comp = dict(o["incineration.composition"])
    assume(comp["food"] > 1e-6)
    assume(o["incineration.tonnes_per_day"] > 1.0)
    step = comp["food"] * step_share
    more = dict(comp, food=comp["food"] - step, plastics=comp["plastics"] + step)
    lo = evaluate_dict(load(o))
    hi = evaluate_dict(load({**o, "incineration.composition": more}))
    fossil_hi = hi["chains"]["incineration"]["fossil_co2_t_per_year"]
    fossil_lo = lo["chains"]["incineration"]["fossil_co2_t_per_year"]
    assert fossil_hi > fossil_lo
    assert hi["totals"]["emissions_t_co2e_per_year"] > lo["totals"]["emissions_t_co2e_per_year"]
    # hand-worked size of the step: food carries no fossil carbon, plastics 0.75 t C/t → 0.75 × 44/12 t CO2
    tonnes = o["incineration.tonnes_per_day"] * o["scenario.days_per_year"]
    diff = fossil_hi - fossil_lo
    assert diff == pytest.approx(tonnes * step * 0.75 * 44 / 12, rel=1e-6)


@SETTINGS
@given(overrides(), fraction(0.01, 1.0))
def test_higher_grid_factor_more_avoided(o, extra):
    # the exported-electricity factor sets the grid credit (the consumption factor only what is bought)
    key = "scenario.avoided_grid_kg_co2_per_kwh"
    lo = evaluate_dict(load(o))
    hi = evaluate_dict(load({**o, key: o[key] + extra}))
    assert hi["totals"]["avoided_t_co2e_per_year"] >= lo["totals"]["avoided_t_co2e_per_year"]
    exported = lo["totals"]["net_electricity_kwh_per_year"]
    if exported > 1.0:
        assert hi["totals"]["avoided_t_co2e_per_year"] > lo["totals"]["avoided_t_co2e_per_year"]
        # the grid credit grows by exported kWh × the extra factor
        gain = hi["ledger"]["avoided"]["grid_electricity"] - lo["ledger"]["avoided"]["grid_electricity"]
        assert gain == pytest.approx(exported * extra / 1000, rel=1e-6)
    # physical quantities do not depend on the grid factor
    assert hi["totals"]["net_electricity_kwh_per_year"] == pytest.approx(exported, rel=1e-12, abs=1e-9)


def _zero_everywhere(d):
    assert_finite_json(d)
    for key, value in d["totals"].items():
        assert value == 0, f"totals.{key} = {value}"
    for side in ("emissions", "avoided"):
        for cat, value in d["ledger"][side].items():
            assert value == 0, f"ledger.{side}.{cat} = {value}"
    for name, chain in d["chains"].items():
        for path, value in walk_numbers(chain.get("products", {})):
            assert value == 0, f"chains.{name}.products.{path} = {value}"
        for key, value in chain.items():
            if key.endswith("_per_year") and isinstance(value, int | float):
                assert value == 0, f"chains.{name}.{key} = {value}"
    for name in FLOWS:
        assert all(link["value"] == 0 for link in d["flows"][name]["links"]), name
        b = d["balances"][name]
        assert b["inputs"] == 0 and b["outputs"] == 0 and b["closure_error"] == 0, (name, b)


def test_all_zero_inputs_give_zero_everywhere():
    d = evaluate_dict(load_scenario("baseline-2023", overrides={**ZERO_ALL, **_optional_zero()}))
    _zero_everywhere(d)


@SETTINGS
@given(overrides())
def test_zero_flows_with_any_other_settings(o):
    # every other parameter random, every input flow zero: still zero, no division by zero
    d = evaluate_dict(load({**o, **ZERO_ALL}))
    _zero_everywhere(d)


@SETTINGS
@given(overrides())
def test_evaluate_does_not_change_the_scenario(o):
    s = load(o)
    import copy

    before = copy.deepcopy(s.values)
    evaluate(s)
    evaluate(s)
    assert s.values == before


@pytest.mark.parametrize("tiny", [1e-300, 5e-324])
def test_tiny_input_stays_finite(tiny):
    # a vanishing amount of waste beside other emissions must not overflow the per-tonne intensity into
    # infinity (or raise): no division blow-up anywhere
    o = {**ZERO_ALL, **_optional_zero(), "kitchen_waste.tonnes_per_day": tiny}
    d = evaluate_dict(load(o))
    assert_finite_json(d)


def test_impossible_energy_is_warned():
    # 1 t/d of food (≈ 4 GJ/t) cannot raise 1000 t of steam (2.69 GJ/t): the model must say so
    o = {
        **ZERO_ALL,
        **_optional_zero(),
        "incineration.tonnes_per_day": 1,
        "incineration.composition": {c: (1.0 if c == "food" else 0.0) for c in COMPONENTS},
        "incineration.export_steam_t_per_year": 1000,
        "incineration.net_kwh_per_tonne": 0,
    }
    d = evaluate_dict(load(o))
    assert d["warnings"], "steam beyond the heating value of the waste went unwarned"
    assert_finite_json(d)
