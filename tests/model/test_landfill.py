"""The landfill counterfactual: methane the treated waste would have released in a landfill.

IPCC 2006 Vol. 5 Ch. 3, mass-balance form of Eq. 3.2–3.4 (factors.md):
CH4 = W · DOC · DOCf · MCF · F · 16/12 · (1 − R) · (1 − OX), DOCf = 0.5, F = 0.5.
It applies to every tonne of household waste the park treats (incinerated or digested, model.md).
"""

from __future__ import annotations

import pytest

from ._helpers import REL, composition, isolated, run


def landfill_credit(**kw):
    base = {
        "incineration__tonnes_per_day": 1000,
        "incineration__net_kwh_per_tonne": 300,
        "landfill_counterfactual__recovery_fraction": 0.2,
        "landfill_counterfactual__oxidation_factor": 0.1,
        "landfill_counterfactual__methane_correction_factor": 1.0,
    }
    base.update(kw)
    return run(isolated(**base))["ledger"]["avoided"]["landfill_methane"]


def test_pure_paper():
    # W = 365 000 t paper, DOC 0.40, MCF 1.0, R 0.2, OX 0.1:
    # 365 000 × 0.40 × 0.5 × 1.0 × 0.5 × 16/12 × 0.8 × 0.9 = 35 040 t CH4 × 28 (AR5) = 981 120 t CO2e
    got = landfill_credit(incineration__composition=composition(paper=1.0))
    assert got == pytest.approx(981_120, rel=REL)


def test_pure_paper_ar6():
    # 35 040 t CH4 × 27.0 (AR6, non-fossil) = 946 080 t CO2e
    got = landfill_credit(incineration__composition=composition(paper=1.0), scenario__gwp="AR6")
    assert got == pytest.approx(946_080, rel=REL)


def test_unmanaged_shallow_site_mcf():
    # MCF 0.4 (unmanaged shallow), R 0, OX 0: 365 000 × 0.40 × 0.5 × 0.4 × 0.5 × 16/12 = 19 466.7 t CH4
    # × 28 = 545 066.7 t CO2e
    got = landfill_credit(
        incineration__composition=composition(paper=1.0),
        landfill_counterfactual__methane_correction_factor=0.4,
        landfill_counterfactual__recovery_fraction=0.0,
        landfill_counterfactual__oxidation_factor=0.0,
    )
    assert got == pytest.approx(545_066.7, rel=REL)


def test_full_recovery_means_no_credit():
    got = landfill_credit(
        incineration__composition=composition(paper=1.0), landfill_counterfactual__recovery_fraction=1.0
    )
    assert got == pytest.approx(0.0, abs=1e-9)


def test_plastics_hold_no_degradable_carbon():
    got = landfill_credit(incineration__composition=composition(plastics=1.0))
    assert got == pytest.approx(0.0, abs=1e-9)


def test_mixed_incinerated_and_digested():
    # incinerated: 365 000 t of food 0.5, paper 0.2, plastics 0.2, textiles 0.1
    #   DOC = 0.5×0.15 + 0.2×0.40 + 0.1×0.24 = 0.179
    #   365 000 × 0.179 × 0.5 × 1 × 0.5 × 16/12 × 0.8 × 0.9 = 15 680.4 t CH4
    # digested: 100 t/d × 365 = 36 500 t of food (DOC 0.15)
    #   36 500 × 0.15 × 0.25 × 16/12 × 0.72 = 1314 t CH4
    # total 16 994.4 t CH4 × 28 = 475 843.2 t CO2e
    got = landfill_credit(
        incineration__composition=composition(food=0.5, paper=0.2, plastics=0.2, textiles=0.1),
        kitchen_waste__tonnes_per_day=100,
        kitchen_waste__oil_extraction_rate=0.0,
    )
    assert got == pytest.approx(475_843.2, rel=REL)


def test_counterfactual_is_a_credit_not_an_emission():
    d = run(isolated(incineration__tonnes_per_day=1000, incineration__composition=composition(paper=1.0)))
    assert d["ledger"]["avoided"]["landfill_methane"] > 0
    assert d["totals"]["avoided_t_co2e_per_year"] >= d["ledger"]["avoided"]["landfill_methane"]
    # it must not be netted into the emissions
    assert d["totals"]["emissions_t_co2e_per_year"] == pytest.approx(
        sum(d["ledger"]["emissions"].values()), rel=1e-9, abs=1e-9
    )


def test_construction_waste_is_not_household_waste():
    # the counterfactual applies to household waste only: construction waste alone earns no landfill-methane
    # credit
    d = run(isolated(construction_waste__tonnes_per_day=1000))
    assert d["ledger"]["avoided"]["landfill_methane"] == pytest.approx(0.0, abs=1e-9)
