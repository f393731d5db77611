"""Incineration → power + steam + ash: IPCC 2006 Vol. 5 Eq. 5.2 and Table 5.6, worked by hand.

Eq. 5.2: CO2 = W · Σ_j (WF_j · dm_j · CF_j · FCF_j · OF_j) · 44/12 with OF = 1.0 (Table 5.2);
N2O = W · 50 g/t (Table 5.6). Component defaults from Table 2.4 (factors.md).
"""

from __future__ import annotations

import pytest

from ._helpers import AVOIDED_GRID, GRID_2023, REL, composition, isolated, run


def inc(**kw):
    """Incineration alone: 1000 t/d for 365 days unless told otherwise, no export steam."""
    kw.setdefault("incineration__tonnes_per_day", 1000)
    kw.setdefault("incineration__net_kwh_per_tonne", 375)
    return run(isolated(**kw))


# --- the two cases of model.md ----------------------------------------------------------------------


def test_pure_plastics_fossil_co2_model_md():
    # W = 1000 t/d × 365 d = 365 000 t; plastics dm 1.0, CF 0.75, FCF 1.0, OF 1.0
    # CO2 = 365 000 × 1.0 × 0.75 × 1.0 × 1.0 × 44/12 = 1 003 750 t/yr
    d = inc(incineration__composition=composition(plastics=1.0))
    assert d["chains"]["incineration"]["fossil_co2_t_per_year"] == pytest.approx(1_003_750, rel=REL)
    assert d["ledger"]["emissions"]["fossil_co2_incineration"] == pytest.approx(1_003_750, rel=REL)


def test_pure_food_no_fossil_co2_but_n2o_model_md():
    # food FCF = 0 → no fossil CO2. N2O = 365 000 t × 50 g/t = 18.25 t; × GWP 265 (AR5) = 4836.25 t CO2e.
    # Electricity follows the heating value (4 GJ/t for food): 375 kWh/t at 10.51 GJ/t → 142.7 kWh/t,
    # under the 30 % bound (333 kWh/t); 375 kWh/t of pure food would be refused (test_accounting_v2).
    d = inc(
        incineration__composition=composition(food=1.0), incineration__reference_heating_value_gj_per_t=10.51
    )
    chain = d["chains"]["incineration"]
    assert chain["fossil_co2_t_per_year"] == pytest.approx(0.0, abs=1e-9)
    assert chain["n2o_t_per_year"] == pytest.approx(18.25, rel=REL)
    assert d["ledger"]["emissions"]["n2o_incineration"] == pytest.approx(4836.25, rel=REL)
    assert d["ledger"]["emissions"]["fossil_co2_incineration"] == pytest.approx(0.0, abs=1e-9)


# --- cases of our own ---------------------------------------------------------------------------------


def test_mixed_composition_fossil_and_biogenic_co2():
    # 1000 t/d, 365 d; food 0.5, paper 0.2, plastics 0.2, textiles 0.1. Carbon per wet tonne (dm·CF):
    #   food     0.5 × 0.40 × 0.38 = 0.0760 t C, FCF 0    → fossil 0,        biogenic 0.0760
    #   paper    0.2 × 0.90 × 0.46 = 0.0828 t C, FCF 0.01 → fossil 0.000828, biogenic 0.081972
    #   plastics 0.2 × 1.00 × 0.75 = 0.1500 t C, FCF 1    → fossil 0.150000, biogenic 0
    #   textiles 0.1 × 0.80 × 0.50 = 0.0400 t C, FCF 0.2  → fossil 0.008000, biogenic 0.032
    #   fossil C = 0.158828 t/t → × 44/12 = 0.582369 t CO2/t → × 365 000 t = 212 564.8 t CO2/yr
    #   biogenic C = 0.189972 t/t → × 44/12 = 0.696564 t CO2/t → × 365 000 t = 254 245.8 t CO2/yr
    d = inc(incineration__composition=composition(food=0.5, paper=0.2, plastics=0.2, textiles=0.1))
    chain = d["chains"]["incineration"]
    assert chain["fossil_co2_t_per_year"] == pytest.approx(212_564.8, rel=REL)
    assert chain["biogenic_co2_t_per_year"] == pytest.approx(254_245.8, rel=REL)
    # biogenic CO2 is reported, not counted: emissions = fossil CO2 + N2O only (18.25 t × 265)
    assert d["totals"]["emissions_t_co2e_per_year"] == pytest.approx(212_564.8 + 4836.25, rel=REL)
    assert d["totals"]["biogenic_co2_t_per_year"] == pytest.approx(254_245.8, rel=REL)


def test_api_doc_composition_4000_t_per_day():
    # docs/model-api.md's example composition at 4000 t/d, 365 d (W = 1 460 000 t). Fossil C per wet tonne:
    #   paper    0.20 × 0.90 × 0.46 × 0.01 = 0.000828
    #   plastics 0.16 × 1.00 × 0.75 × 1.00 = 0.120000
    #   textiles 0.05 × 0.80 × 0.50 × 0.20 = 0.004000
    #   rubber   0.01 × 0.84 × 0.67 × 0.20 = 0.0011256
    #   inert    0.19 × 0.90 × 0.03 × 1.00 = 0.005130
    #   (food, wood, garden FCF 0; glass/metal CF 0)          sum = 0.1310836 t C/t
    #   × 44/12 = 0.4806399 t CO2/t × 1 460 000 t = 701 734 t CO2/yr
    comp = composition(
        food=0.3,
        paper=0.2,
        plastics=0.16,
        textiles=0.05,
        wood=0.03,
        garden=0.02,
        rubber_leather=0.01,
        glass_metal=0.04,
        other_inert=0.19,
    )
    d = inc(incineration__tonnes_per_day=4000, incineration__composition=comp)
    assert d["chains"]["incineration"]["fossil_co2_t_per_year"] == pytest.approx(701_734, rel=REL)
    # N2O: 1 460 000 t × 50 g = 73 t
    assert d["chains"]["incineration"]["n2o_t_per_year"] == pytest.approx(73.0, rel=REL)


def test_days_per_year_scale_the_year():
    # 1000 t/d of plastics for 300 days: 300 000 × 0.75 × 44/12 = 825 000 t
    d = inc(incineration__composition=composition(plastics=1.0), scenario__days_per_year=300)
    assert d["chains"]["incineration"]["fossil_co2_t_per_year"] == pytest.approx(825_000, rel=REL)
    assert d["totals"]["waste_treated_t_per_year"] == pytest.approx(300_000, rel=REL)


def test_n2o_under_ar6_versus_ar5():
    # same 18.25 t N2O; AR6 GWP 273 → 4982.25 t CO2e (AR5: 4836.25). The ratio is 273/265.
    food = composition(food=1.0)
    ar5 = inc(incineration__composition=food, incineration__net_kwh_per_tonne=300, scenario__gwp="AR5")
    ar6 = inc(incineration__composition=food, incineration__net_kwh_per_tonne=300, scenario__gwp="AR6")
    assert ar6["ledger"]["emissions"]["n2o_incineration"] == pytest.approx(4982.25, rel=REL)
    assert ar6["gwp"] == "AR6" and ar5["gwp"] == "AR5"
    assert ar6["ledger"]["emissions"]["n2o_incineration"] / ar5["ledger"]["emissions"][
        "n2o_incineration"
    ] == pytest.approx(273 / 265, rel=1e-9)
    # the GWP set does not change the physical quantities
    assert ar6["chains"]["incineration"]["n2o_t_per_year"] == pytest.approx(18.25, rel=REL)


def test_emissions_and_intensity_pure_plastics():
    # emissions = 1 003 750 (fossil CO2) + 18.25 × 265 (N2O) = 1 008 586.25 t CO2e over 365 000 t
    # → 2763.25 kg CO2e per tonne of waste treated. Net electricity does not enter emissions.
    d = inc(incineration__composition=composition(plastics=1.0), incineration__net_kwh_per_tonne=375)
    t = d["totals"]
    assert t["waste_treated_t_per_year"] == pytest.approx(365_000, rel=REL)
    assert t["emissions_t_co2e_per_year"] == pytest.approx(1_008_586.25, rel=REL)
    assert t["emissions_kg_co2e_per_t_waste"] == pytest.approx(2763.25, rel=REL)
    assert t["net_t_co2e_per_year"] == pytest.approx(
        t["emissions_t_co2e_per_year"] - t["avoided_t_co2e_per_year"], rel=1e-9, abs=1e-6
    )


def test_grid_credit_from_net_exported_power():
    # 1000 t/d × 365 d × 375 kWh/t = 136 875 000 kWh exported (no steam taken out, no other chain)
    # × 0.7119 kg/kWh (North China baseline, combined margin) = 97 441.3 t CO2 avoided; the consumption
    # factor (electricity bought) does not change it; an exported factor of 0.6361 gives 87 066.2 t
    comp = composition(food=0.5, paper=0.2, plastics=0.2, textiles=0.1)
    d = inc(incineration__composition=comp, incineration__net_kwh_per_tonne=375)
    assert d["totals"]["net_electricity_kwh_per_year"] == pytest.approx(136_875_000, rel=REL)
    assert d["ledger"]["avoided"]["grid_electricity"] == pytest.approx(97_441.3, rel=REL)
    assert d["grid_kg_co2_per_kwh"] == pytest.approx(GRID_2023)
    assert d["avoided_grid_kg_co2_per_kwh"] == pytest.approx(AVOIDED_GRID)
    bought = inc(
        incineration__composition=comp,
        incineration__net_kwh_per_tonne=375,
        scenario__grid_kg_co2_per_kwh=0.6361,
    )
    assert bought["ledger"]["avoided"]["grid_electricity"] == pytest.approx(97_441.3, rel=REL)
    north = inc(
        incineration__composition=comp,
        incineration__net_kwh_per_tonne=375,
        scenario__avoided_grid_kg_co2_per_kwh=0.6361,
    )
    assert north["ledger"]["avoided"]["grid_electricity"] == pytest.approx(87_066.2, rel=REL)


def test_export_steam_is_no_avoided_credit():
    # v2: steam sent inside the fence is not an avoided emission; it lowers the food-waste plants'
    # boiler emissions instead (test_accounting_v2). With no food waste it is simply reported.
    d = inc(
        incineration__composition=composition(plastics=0.3, food=0.7),
        incineration__export_steam_t_per_year=98_000,
    )
    assert d["totals"]["export_steam_t_per_year"] == pytest.approx(98_000, rel=REL)
    assert "steam_heat" not in d["ledger"]["avoided"]
    assert d["ledger"]["emissions"]["gas_boiler"] == 0.0


def test_ash_and_recycled_bottom_ash():
    # 365 000 t × 0.20 bottom ash = 73 000 t; 90 % made into building materials = 65 700 t;
    # fly ash not reused (fraction 0) → recycled materials 65 700 t from this chain alone
    d = inc(
        incineration__composition=composition(food=0.5, plastics=0.2, glass_metal=0.3),
        incineration__bottom_ash_fraction=0.2,
        incineration__fly_ash_fraction=0.035,
        incineration__bottom_ash_recycled_fraction=0.9,
        incineration__fly_ash_reused_fraction=0.0,
    )
    assert d["chains"]["incineration"]["bottom_ash_t_per_year"] == pytest.approx(73_000, rel=REL)
    assert d["totals"]["recycled_materials_t_per_year"] == pytest.approx(65_700, rel=REL)


def test_zero_tonnes_zero_incineration():
    d = inc(incineration__tonnes_per_day=0, incineration__composition=composition(plastics=1.0))
    chain = d["chains"]["incineration"]
    for key in (
        "fossil_co2_t_per_year",
        "n2o_t_per_year",
        "bottom_ash_t_per_year",
        "emissions_t_co2e_per_year",
        "avoided_t_co2e_per_year",
    ):
        assert chain[key] == 0, key


def test_chain_reports_inputs_and_products():
    d = inc(incineration__composition=composition(plastics=1.0))
    chain = d["chains"]["incineration"]
    for key in (
        "inputs",
        "products",
        "emissions_t_co2e_per_year",
        "avoided_t_co2e_per_year",
        "fossil_co2_t_per_year",
        "n2o_t_per_year",
        "bottom_ash_t_per_year",
    ):
        assert key in chain, key
    assert isinstance(chain["inputs"], dict) and isinstance(chain["products"], dict)
    # the chain's own emissions: fossil CO2 + N2O × 265
    assert chain["emissions_t_co2e_per_year"] == pytest.approx(1_003_750 + 4836.25, rel=REL)
