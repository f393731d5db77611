"""Construction and demolition waste → recycled aggregate and bricks."""

from __future__ import annotations

import pytest

from ._helpers import REL, isolated, run


def cdw(**kw):
    base = {
        "construction_waste__tonnes_per_day": 1000,
        "construction_waste__recycled_fraction": 0.8,
        "construction_waste__kwh_per_tonne": 4,
    }
    base.update(kw)
    return run(isolated(**base))


def test_recycled_materials():
    # 1000 t/d × 365 × 0.8 = 292 000 t of recycled materials; rejects 73 000 t
    d = cdw()
    assert d["totals"]["recycled_materials_t_per_year"] == pytest.approx(292_000, rel=REL)
    assert d["totals"]["waste_treated_t_per_year"] == pytest.approx(365_000, rel=REL)


def test_crushing_electricity_is_bought():
    # 365 000 t × 4 kWh/t = 1 460 000 kWh × 0.5306 kg/kWh = 774.7 t CO2
    d = cdw()
    assert d["totals"]["purchased_electricity_kwh_per_year"] == pytest.approx(1_460_000, rel=REL)
    assert d["ledger"]["emissions"]["purchased_electricity"] == pytest.approx(774.7, rel=REL)


def test_virgin_materials_displaced():
    # 292 000 t recycled: 70 % aggregate displacing natural aggregate (5 kg CO2/t), 30 % bricks
    # displacing fired clay brick (200 kg CO2/t), the project's illustrative factors:
    # 292 000 × (0.7 × 0.005 + 0.3 × 0.200) = 292 000 × 0.0635 = 18 542 t CO2
    d = cdw(construction_waste__aggregate_share=0.7)
    assert d["ledger"]["avoided"]["recycled_materials"] == pytest.approx(18_542, rel=REL)


def test_more_recycling_more_material():
    lo, hi = cdw(construction_waste__recycled_fraction=0.5), cdw(construction_waste__recycled_fraction=0.9)
    assert hi["totals"]["recycled_materials_t_per_year"] > lo["totals"]["recycled_materials_t_per_year"]
    assert hi["ledger"]["avoided"]["recycled_materials"] > lo["ledger"]["avoided"]["recycled_materials"]


def test_material_balance_closes():
    assert cdw()["balances"]["material"]["closure_error"] < 1e-9


def test_zero_tonnes_zero_chain():
    d = cdw(construction_waste__tonnes_per_day=0)
    chain = d["chains"]["construction_waste"]
    assert chain["emissions_t_co2e_per_year"] == 0
    assert chain["avoided_t_co2e_per_year"] == 0
    assert d["totals"]["recycled_materials_t_per_year"] == 0
