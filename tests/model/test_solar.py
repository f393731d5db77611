"""Rooftop PV: kWh = kWp × kWh/kWp; credit = exported kWh × the exported-electricity grid factor."""

from __future__ import annotations

import pytest

from ._helpers import REL, isolated, run


def pv(**kw):
    base = {"solar__kwp": 10_000, "solar__kwh_per_kwp": 1200}
    base.update(kw)
    return run(isolated(**base))


def test_yield_and_credit():
    # 10 000 kWp × 1200 kWh/kWp = 12 000 000 kWh a year; × 0.7119 kg/kWh (North China baseline,
    # combined margin) = 8542.8 t CO2 avoided
    d = pv()
    assert d["totals"]["net_electricity_kwh_per_year"] == pytest.approx(12_000_000, rel=REL)
    assert d["ledger"]["avoided"]["grid_electricity"] == pytest.approx(8542.8, rel=REL)
    assert d["chains"]["solar"]["avoided_t_co2e_per_year"] == pytest.approx(8542.8, rel=REL)
    assert d["chains"]["solar"]["emissions_t_co2e_per_year"] == pytest.approx(0.0, abs=1e-9)


def test_pv_is_green_electricity():
    assert pv()["totals"]["green_electricity_kwh_per_year"] == pytest.approx(12_000_000, rel=REL)


def test_specific_yield_is_per_year_not_per_operating_day():
    # kWh/kWp is an annual yield: fewer operating days of the waste plants do not shade the panels
    d = pv(scenario__days_per_year=300)
    assert d["totals"]["net_electricity_kwh_per_year"] == pytest.approx(12_000_000, rel=REL)


def test_beijing_range_and_other_grid_factor():
    # 5000 kWp × 1100 kWh/kWp (low end of zone II) = 5 500 000 kWh × 0.6361 (North China 2023) = 3498.6 t
    d = pv(solar__kwp=5000, solar__kwh_per_kwp=1100, scenario__avoided_grid_kg_co2_per_kwh=0.6361)
    assert d["ledger"]["avoided"]["grid_electricity"] == pytest.approx(3498.6, rel=REL)


def test_no_panels_no_power():
    d = pv(solar__kwp=0)
    assert d["totals"]["net_electricity_kwh_per_year"] == 0
    assert d["chains"]["solar"]["avoided_t_co2e_per_year"] == 0
