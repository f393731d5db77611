"""Leachate from three sources → reclaimed water, recovered ammonia; concentrate back to incineration."""

from __future__ import annotations

import pytest

from ._helpers import REL, isolated, run


def leach(**kw):
    base = {"leachate__m3_per_day": 1000, "leachate__reuse_rate": 0.95, "leachate__kwh_per_m3": 20}
    base.update(kw)
    return run(isolated(**base))


def test_reclaimed_water():
    # 1000 m³/d × 365 d × 0.95 = 346 750 m³ a year
    d = leach()
    assert d["totals"]["reclaimed_water_m3_per_year"] == pytest.approx(346_750, rel=REL)


def test_electricity_for_treatment_is_bought_when_nothing_is_generated():
    # 365 000 m³ × 20 kWh/m³ = 7 300 000 kWh; × 0.5306 kg/kWh = 3873.4 t CO2 emitted
    d = leach()
    assert d["totals"]["purchased_electricity_kwh_per_year"] == pytest.approx(7_300_000, rel=REL)
    assert d["ledger"]["emissions"]["purchased_electricity"] == pytest.approx(3873.4, rel=REL)
    assert d["totals"]["net_electricity_kwh_per_year"] == pytest.approx(0.0, abs=1e-6)


def test_park_power_covers_treatment_first():
    # incineration exports 1000 t/d × 365 × 375 kWh/t = 136 875 000 kWh; leachate uses 7 300 000 kWh of it
    # → 129 575 000 kWh left for the grid, nothing bought
    d = leach(incineration__tonnes_per_day=1000, incineration__net_kwh_per_tonne=375)
    assert d["totals"]["net_electricity_kwh_per_year"] == pytest.approx(129_575_000, rel=REL)
    assert d["totals"]["purchased_electricity_kwh_per_year"] == pytest.approx(0.0, abs=1e-6)


def test_three_sources_on_the_water_graph():
    # plan 二(二)2: leachate from the incinerator, the restaurant-waste plant and the landfill, mixed
    # (三源混合).
    # With shares 0.5 / 0.3 / 0.2 of 365 000 m³: 182 500, 109 500, 73 000 m³
    d = leach(leachate__source_shares={"incineration": 0.5, "restaurant_waste": 0.3, "landfill": 0.2})
    links = d["flows"]["water"]["links"]
    into_leachate = [link for link in links if "leachate" in link["target"]]
    by_source = {}
    for link in into_leachate:
        for src in ("incinerat", "restaurant", "landfill"):
            if src in link["source"]:
                by_source[src] = by_source.get(src, 0.0) + link["value"]
    assert by_source.get("incinerat") == pytest.approx(182_500, rel=REL)
    assert by_source.get("restaurant") == pytest.approx(109_500, rel=REL)
    assert by_source.get("landfill") == pytest.approx(73_000, rel=REL)


def test_full_reuse_and_no_reuse():
    assert leach(leachate__reuse_rate=1.0)["totals"]["reclaimed_water_m3_per_year"] == pytest.approx(365_000)
    assert leach(leachate__reuse_rate=0.0)["totals"]["reclaimed_water_m3_per_year"] == pytest.approx(0.0)


def test_water_balance_closes():
    b = leach()["balances"]["water"]
    assert b["closure_error"] < 1e-9


def test_zero_leachate_zero_chain():
    d = leach(leachate__m3_per_day=0)
    chain = d["chains"]["leachate"]
    assert chain["emissions_t_co2e_per_year"] == 0
    assert chain["avoided_t_co2e_per_year"] == 0
    assert d["totals"]["reclaimed_water_m3_per_year"] == 0
    assert d["totals"]["purchased_electricity_kwh_per_year"] == 0
