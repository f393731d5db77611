"""Landfills by IPCC 2006 first-order decay (Vol. 5 Ch. 3), worked by hand.

Eq. 3.2: DDOCm = W · DOC · DOCf · MCF (DOCf = 0.5). Eq. 3.4–3.5: DDOCma_T = DDOCmd_T + DDOCma_{T−1} · e^{−k};
DDOCm decomposed in T = DDOCma_{T−1} · (1 − e^{−k}) — a deposit starts to decay the year after. Eq. 3.6:
CH4 generated = DDOCm decomposed · F · 16/12 (F = 0.5). Eq. 3.1: emitted = (generated − recovered)(1 − OX).
Decay rates (Table 3.3, boreal/temperate dry): food 0.06, paper 0.04, wood 0.02 a year.

Two uses: the park's own landfill (in the inventory) and the counterfactual comparison (in no total).
"""

from __future__ import annotations

import math

import pytest

from parkloop.model import landfill

from ._helpers import REL, composition, isolated, run

F_16_12 = 0.5 * 16.0 / 12.0  # CH4 per t of carbon decomposed


def ipcc_recursive(ddocm_deposited: float, k: float, years: int) -> list[float]:
    """The IPCC spreadsheet's recursion for one deposit in year 0 (Eq. 3.4–3.5), written out plainly:
    the decomposable carbon accumulated at the end of each year, and what decomposes the next year."""
    accumulated, out = ddocm_deposited, []
    for _ in range(years):
        decomposed = accumulated * (1.0 - math.exp(-k))
        accumulated = accumulated * math.exp(-k)
        out.append(decomposed)
    return out


def counterfactual(**kw):
    base = {
        "incineration__tonnes_per_day": 1000,
        "incineration__net_kwh_per_tonne": 300,
        "landfill_counterfactual__recovery_fraction": 0.2,
        "landfill_counterfactual__oxidation_factor": 0.1,
        "landfill_counterfactual__methane_correction_factor": 1.0,
    }
    base.update(kw)
    return run(isolated(**base))


# --- FOD of a single year's deposit against the IPCC equations ---------------------------------------


def test_fod_paper_first_years():
    # 365 000 t of paper: DDOCm = 365 000 × 0.40 × 0.5 × 1.0 = 73 000 t C.
    # year 1: 73 000 × (1 − e^−0.04) = 73 000 × 0.0392106 = 2862.37 t C → × 0.5 × 16/12 = 1908.25 t CH4;
    # after R 0.2 and OX 0.1: × 0.8 × 0.9 = 1373.94 t CH4 → × 28 = 38 470 t CO2e.
    # year 2: 73 000 × e^−0.04 × 0.0392106 = 2750.2 t C → 1833.4 t CH4 generated → 1320.1 t emitted.
    d = counterfactual(incineration__composition=composition(paper=1.0))["counterfactual"]["landfill"]
    assert d["methane_t_by_year"][0] == pytest.approx(1373.94, rel=REL)
    assert d["methane_t_by_year"][1] == pytest.approx(1320.1, rel=REL)
    assert d["first_year_t_co2e"] == pytest.approx(38_470, rel=REL)
    expected = [c * F_16_12 * 0.8 * 0.9 for c in ipcc_recursive(73_000, 0.04, 30)]
    assert d["methane_t_by_year"] == pytest.approx(expected, rel=REL)


def test_fod_food_single_deposit():
    # 36 500 t of food, MCF 1: DDOCm = 36 500 × 0.15 × 0.5 = 2737.5 t C.
    # year 1: 2737.5 × (1 − e^−0.06) = 2737.5 × 0.0582355 = 159.42 t C → 106.28 t CH4 generated.
    series = landfill.deposit_methane_by_year(
        36_500,
        {"food": 1.0},
        _components(),
        5,
        docf=0.5,
        mcf=1.0,
        methane_fraction=0.5,
    )
    assert series[0] == pytest.approx(106.28, rel=REL)
    assert series == pytest.approx([c * F_16_12 for c in ipcc_recursive(2737.5, 0.06, 5)], rel=REL)


def test_fod_wood_tenth_year():
    # 10 000 t of wood: DDOCm = 10 000 × 0.43 × 0.5 = 2150 t C; year 10 decomposes
    # 2150 × e^−0.18 × (1 − e^−0.02) = 2150 × 0.835270 × 0.0198013 = 35.56 t C → 23.71 t CH4.
    series = landfill.deposit_methane_by_year(
        10_000, {"wood": 1.0}, _components(), 10, docf=0.5, mcf=1.0, methane_fraction=0.5
    )
    assert series[9] == pytest.approx(23.71, rel=REL)
    assert series == pytest.approx([c * F_16_12 for c in ipcc_recursive(2150, 0.02, 10)], rel=REL)


def test_fod_sums_to_the_mass_balance_over_all_years():
    # over a long horizon the FOD series reaches what the mass-balance form releases in total:
    # 365 000 × 0.40 × 0.5 × 1.0 × 0.5 × 16/12 × 0.8 × 0.9 = 35 040 t CH4 × 28 = 981 120 t CO2e
    d = counterfactual(
        incineration__composition=composition(paper=1.0), landfill_counterfactual__horizon_years=200
    )["counterfactual"]["landfill"]
    assert d["lifetime_t_co2e"] == pytest.approx(981_120, rel=REL)
    assert d["total_t_co2e"] == pytest.approx(981_120, rel=REL)
    assert len(d["methane_t_by_year"]) == 200


def test_horizon_gives_that_many_years():
    # 30 years of paper decay release 1 − e^−1.2 = 69.9 % of the lifetime methane
    d = counterfactual(incineration__composition=composition(paper=1.0))["counterfactual"]["landfill"]
    assert d["horizon_years"] == 30 and len(d["methane_t_by_year"]) == 30
    assert d["total_t_co2e"] == pytest.approx(981_120 * (1 - math.exp(-1.2)), rel=REL)


# --- the counterfactual is a comparison, in no total and no target ------------------------------------


def test_counterfactual_is_in_no_total():
    d = counterfactual(incineration__composition=composition(paper=1.0))
    assert d["counterfactual"]["landfill"]["total_t_co2e"] > 0
    assert "landfill_methane" not in d["ledger"]["avoided"]
    assert d["totals"]["avoided_t_co2e_per_year"] == pytest.approx(sum(d["ledger"]["avoided"].values()))
    assert d["totals"]["emissions_t_co2e_per_year"] == pytest.approx(sum(d["ledger"]["emissions"].values()))


def test_counterfactual_takes_household_and_food_waste():
    # incinerated: 365 000 t of food 0.5, paper 0.2, plastics 0.2, textiles 0.1; digested: 36 500 t of food.
    # Lifetime (mass balance), R 0.2, OX 0.1: DOC of the mix 0.179 → 15 680.4 t CH4; food 1314 t CH4;
    # 16 994.4 t × 28 = 475 843.2 t CO2e
    d = counterfactual(
        incineration__composition=composition(food=0.5, paper=0.2, plastics=0.2, textiles=0.1),
        kitchen_waste__tonnes_per_day=100,
        kitchen_waste__oil_extraction_rate=0.0,
    )
    assert d["counterfactual"]["landfill"]["lifetime_t_co2e"] == pytest.approx(475_843.2, rel=REL)
    assert d["counterfactual"]["landfill"]["waste_t"] == pytest.approx(365_000 + 36_500, rel=REL)


def test_plastics_and_construction_waste_make_no_landfill_methane():
    assert counterfactual(incineration__composition=composition(plastics=1.0))["counterfactual"]["landfill"][
        "total_t_co2e"
    ] == pytest.approx(0.0, abs=1e-9)
    d = run(isolated(construction_waste__tonnes_per_day=1000))
    assert d["counterfactual"]["landfill"]["total_t_co2e"] == pytest.approx(0.0, abs=1e-9)


# --- the park's own landfill (in the inventory) -------------------------------------------------------


def park(**kw):
    base = {
        "scenario__year": 2023,
        "landfill__waste_in_place_t": 1_000_000,
        "landfill__composition": composition(food=1.0),
        "landfill__first_deposit_year": 2011,
        "landfill__last_deposit_year": 2020,
        "landfill__gas_capture_fraction": 0.3,
        "landfill__oxidation_factor": 0.1,
        "landfill__methane_correction_factor": 1.0,
        "kitchen_waste__to_power_fraction": 1.0,
    }
    base.update(kw)
    return run(isolated(**base))


def test_park_landfill_waste_in_place():
    # 1 000 000 t of food deposited evenly 2011–2020 = 100 000 t a year; DDOCm per deposit = 7500 t C.
    # In 2023 the deposits are 3…12 years old; the shares telescope: e^−0.06·2 − e^−0.06·12 =
    # 0.8869204 − 0.4867523 = 0.4001681 → 3001.26 t C → × 2/3 = 2000.84 t CH4 generated.
    # Captured 30 % = 600.25 t; emitted (2000.84 − 600.25) × 0.9 = 1260.53 t CH4 × 28 = 35 295 t CO2e.
    d = park()
    chain = d["chains"]["landfill"]
    assert chain["methane_generated_t_per_year"] == pytest.approx(2000.84, rel=REL)
    assert chain["products"]["methane_captured_t_per_year"] == pytest.approx(600.25, rel=REL)
    assert chain["methane_emitted_t_per_year"] == pytest.approx(1260.53, rel=REL)
    assert d["ledger"]["emissions"]["park_landfill_ch4"] == pytest.approx(35_295, rel=REL)
    # the captured gas joins the biogas: 600.25 t ÷ 0.717 kg/Nm³ = 837 169 Nm³ CH4 = 1 674 338 Nm³ at 50 %
    assert chain["products"]["landfill_gas_captured_nm3_per_year"] == pytest.approx(1_674_338, rel=REL)


def test_park_landfill_decays_year_by_year():
    # in 2026 the deposits are 6…15 years old: e^−0.06·5 − e^−0.06·15 = 0.7408182 − 0.4065697 = 0.3342485
    # → 7500 × 0.3342485 × 2/3 = 1671.24 t CH4 generated (−16.5 % from 2023 by decay alone)
    later = park(scenario__year=2026)
    assert later["chains"]["landfill"]["methane_generated_t_per_year"] == pytest.approx(1671.24, rel=REL)


def test_no_waste_in_place_no_landfill():
    d = park(landfill__waste_in_place_t=0)
    assert d["ledger"]["emissions"]["park_landfill_ch4"] == 0.0
    assert d["chains"]["landfill"]["products"]["landfill_gas_captured_nm3_per_year"] == 0.0


def _components():
    from parkloop.model import load_factors

    return load_factors().components
