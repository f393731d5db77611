"""The "garbage → power" exhibit: the composition logic, electricity that follows the heating value (and
never reaches the model's 30 % bound), the ledgers, the labelled landfill comparison (first-order decay by
hand), and the page in both languages with its sliders moved (AppTest)."""

from __future__ import annotations

import math
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import power as view
from parkloop.i18n import contains_cjk, format_number, format_percent, format_quantity
from parkloop.model import ScenarioError, evaluate_dict, load_scenario
from parkloop.model.scenario import COMPONENTS
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from tests.apptest import figures
from tests.apptest import open_page as open_app_page

PLAN_MIX = load_scenario("plan-2026").values["incineration"]["composition"]


def plan_result(overrides: dict | None = None) -> dict:
    """What ``scenario_result`` returns, without Streamlit's cache."""
    scenario = load_scenario("plan-2026", overrides=overrides)
    data = evaluate_dict(scenario)
    flat = {}
    for section, values in scenario.values.items():
        for key, value in values.items():
            flat[f"{section}.{key}"] = value
    data["values"] = flat
    return data


# --- composition -----------------------------------------------------------------------------------
@settings(max_examples=60, deadline=None)
@given(
    food=st.floats(0.0, 0.5),
    paper=st.floats(0.0, 0.25),
    plastics=st.floats(0.0, 0.25),
)
def test_composition_sums_to_one_and_keeps_the_chosen_shares(food, paper, plastics) -> None:
    mix = view.composition({"food": food, "paper": paper, "plastics": plastics}, PLAN_MIX)
    assert set(mix) == set(COMPONENTS)
    assert math.isclose(sum(mix.values()), 1.0, abs_tol=1e-6)
    assert all(share >= 0 for share in mix.values())
    for name, share in (("food", food), ("paper", paper), ("plastics", plastics)):
        assert mix[name] == pytest.approx(share, abs=1e-6)


def test_the_other_components_keep_the_plan_proportions() -> None:
    mix = view.composition({"food": 0.1, "paper": 0.2, "plastics": 0.16}, PLAN_MIX)
    # plan: textiles 0.05 and wood 0.03 of the 0.34 left after food, paper, plastics; now 0.54 is left
    assert mix["textiles"] == pytest.approx(0.54 * 0.05 / 0.34, abs=1e-5)
    assert mix["wood"] == pytest.approx(0.54 * 0.03 / 0.34, abs=1e-5)


def test_the_plan_shares_give_the_plan_composition() -> None:
    main = {name: PLAN_MIX[name] for name in view.MAIN_COMPONENTS}
    mix = view.composition(main, PLAN_MIX)
    assert mix == pytest.approx(PLAN_MIX, abs=1e-6)


def test_too_much_is_refused() -> None:
    with pytest.raises(ValueError):
        view.composition({"food": 0.6, "paper": 0.3, "plastics": 0.3}, PLAN_MIX)


def test_bins_group_the_components() -> None:
    shares = view.bin_shares(PLAN_MIX)
    assert shares["food_waste"] == pytest.approx(0.30 + 0.02)  # food + garden
    assert shares["recyclables"] == pytest.approx(0.20 + 0.16 + 0.05 + 0.04)
    assert shares["hazardous"] == 0.0
    assert sum(shares.values()) == pytest.approx(1.0)


# --- figures: electricity follows the heating value, the ledgers ------------------------------------
# by hand from data/factors.toml: LHV [MJ/kg] food 4, paper 13, plastics 32, textiles 16, wood 15, garden 6,
# rubber and leather 22, glass and metal 0, other inert 0. The plan's mix (food 0.30, paper 0.20, plastics
# 0.16, textiles 0.05, wood 0.03, garden 0.02, rubber 0.01, glass/metal 0.04, inert 0.19):
# 1.2 + 2.6 + 5.12 + 0.8 + 0.45 + 0.12 + 0.22 = 10.51 GJ/t, the scenario's reference heating value, where
# the plant gives 375 kWh/t. Net efficiency there: 375 × 3.6 MJ / 10 510 MJ = 12.845 %.
PLAN_EFFICIENCY = 375 * 3.6 / 10_510


def test_power_figures_at_the_plan() -> None:
    figures = view.power_figures(plan_result())
    assert figures.heating_value_gj_per_t == pytest.approx(10.51)
    assert figures.kwh_per_t == pytest.approx(375)
    # 4000 t/d × 365 × 375 kWh/t, minus 98,000 t of steam × 110 kWh/t
    assert figures.net_kwh == pytest.approx(4000 * 365 * 375 - 98_000 * 110)  # 536.72 million kWh
    assert figures.people == pytest.approx(536_720_000 / 1250)
    assert figures.efficiency == pytest.approx(PLAN_EFFICIENCY)
    assert figures.max_kwh_per_t == pytest.approx(0.30 * 10_510 / 3.6)  # 875.8 kWh/t
    # bottom ash: 20 % of the 1,460,000 t burned plus the 1200 t/d × 365 × 0.32 = 140,160 t of digestate
    assert figures.bottom_ash_t == pytest.approx(0.20 * (1_460_000 + 140_160))
    assert figures.bricks_t == pytest.approx(0.20 * (1_460_000 + 140_160) * 0.9)


def test_the_inventory_is_fossil_co2_and_n2o_by_hand() -> None:
    figures = view.power_figures(plan_result())
    # fossil carbon per wet tonne, Σ share × dm × cf × fcf: paper 0.2×0.9×0.46×0.01 = 0.000828; plastics
    # 0.16×1×0.75×1 = 0.12; textiles 0.05×0.8×0.5×0.2 = 0.004; rubber 0.01×0.84×0.67×0.2 = 0.0011256;
    # inert 0.19×0.9×0.03×1 = 0.00513 → 0.1310836 t C/t; the digestate carries 1 % fossil carbon
    fossil_c = 1_460_000 * 0.1310836 + 140_160 * 0.01
    assert figures.fossil_co2_t == pytest.approx(fossil_c * 44 / 12)
    # N2O: 50 g per tonne burned (waste and digestate) × GWP 265 (AR5)
    assert figures.n2o_co2e_t == pytest.approx((1_460_000 + 140_160) * 50e-6 * 265)
    assert figures.counted_co2e_t == pytest.approx(fossil_c * 44 / 12 + 1_600_160 * 50e-6 * 265)


def test_avoided_electricity_uses_the_exported_factor() -> None:
    result = plan_result()
    figures = view.power_figures(result)
    assert (figures.avoided_factor, figures.grid_factor) == (0.7119, 0.5306)
    totals = result["totals"]
    # the incinerator's share of the park's generation × the park's export × 0.7119 kg/kWh
    share = 536_720_000 / totals["green_electricity_kwh_per_year"]
    by_hand = totals["net_electricity_kwh_per_year"] * share * 0.7119 / 1000
    assert figures.avoided_co2_t == pytest.approx(by_hand)
    assert figures.avoided_co2_t != pytest.approx(by_hand * 0.5306 / 0.7119)


@pytest.mark.parametrize(
    ("main", "heating_value"),
    [
        # nothing but food, paper and plastics: 0.5 × 4 + 0.25 × 13 + 0.25 × 32
        ({"food": 0.5, "paper": 0.25, "plastics": 0.25}, 13.25),
        # half food; the other half the plan's "others" (0.34 of the plan, 1.59 GJ/t of its LHV)
        ({"food": 0.5, "paper": 0.0, "plastics": 0.0}, 2.0 + 1.59 * 0.5 / 0.34),
        # no food: 0.2 × 13 + 0.16 × 32 + 1.59 × 0.64/0.34
        ({"food": 0.0, "paper": 0.2, "plastics": 0.16}, 2.6 + 5.12 + 1.59 * 0.64 / 0.34),
    ],
)
def test_electricity_follows_the_heating_value(main: dict, heating_value: float) -> None:
    mix = view.composition(main, PLAN_MIX)
    figures = view.power_figures(plan_result({"incineration.composition": mix}))
    assert figures.heating_value_gj_per_t == pytest.approx(heating_value, rel=1e-5)
    assert figures.kwh_per_t == pytest.approx(375 * heating_value / 10.51, rel=1e-5)
    assert figures.net_kwh == pytest.approx(1_460_000 * 375 * heating_value / 10.51 - 98_000 * 110, rel=1e-5)
    assert figures.efficiency == pytest.approx(PLAN_EFFICIENCY, rel=1e-5)


@settings(max_examples=40, deadline=None)
@given(
    tonnes=st.integers(5, 60).map(lambda n: n * 100),
    food=st.integers(0, 50),
    paper=st.integers(0, 25),
    plastics=st.integers(0, 25),
)
def test_no_slider_position_reaches_the_30_percent_bound(tonnes, food, paper, plastics) -> None:
    """The model refuses net electricity above 30 % of the heating value; electricity follows the heating
    value at the plan's 12.8 %, so no position of the four sliders is refused."""
    mix = view.composition(
        view.shares_from_percent({"food": food, "paper": paper, "plastics": plastics}), PLAN_MIX
    )
    result = plan_result(view.overrides(tonnes, mix, PLAN_MIX))  # raises ScenarioError if refused
    figures = view.power_figures(result)
    assert figures.efficiency == pytest.approx(PLAN_EFFICIENCY, rel=1e-5)
    assert figures.kwh_per_t <= figures.max_kwh_per_t


def test_more_plastics_means_more_fossil_co2_and_more_electricity() -> None:
    low = view.composition({"food": 0.3, "paper": 0.2, "plastics": 0.05}, PLAN_MIX)
    high = view.composition({"food": 0.3, "paper": 0.2, "plastics": 0.25}, PLAN_MIX)
    figures_low = view.power_figures(plan_result({"incineration.composition": low}))
    figures_high = view.power_figures(plan_result({"incineration.composition": high}))
    assert figures_high.fossil_co2_t > figures_low.fossil_co2_t
    assert figures_high.kwh_per_t > figures_low.kwh_per_t


# --- the landfill comparison: the model's counterfactual, labelled, in no total ----------------------
# By hand (IPCC 2006 Vol. 5 Ch. 3, first-order decay): one year's deposit of the household waste the park
# treats, the 1,460,000 t burned (plan mix) and the (800 + 400) t/d × 365 = 438,000 t of food waste digested.
# Degradable organic carbon [t]: food 0.15 × (1,460,000 × 0.30 + 438,000) = 131,400; paper and textiles
# (k = 0.04) 1,460,000 × (0.20 × 0.40 + 0.05 × 0.24) = 134,320; wood (k 0.02) 1,460,000 × 0.03 × 0.43
# = 18,834; garden (k 0.05) 1,460,000 × 0.02 × 0.20 = 5,840. Methane emitted per t of it: DOCf 0.5 × MCF 1
# × F 0.5 × 16/12 × (1 − R 0.5) × (1 − OX 0.1) = 0.15 t CH4. Year n: × (e^{−k(n−1)} − e^{−kn}).
# GWP of CH4: 28 (AR5).
DOC_BY_K = {0.06: 131_400.0, 0.04: 134_320.0, 0.02: 18_834.0, 0.05: 5_840.0}


def by_hand_year(n: int) -> float:
    return sum(doc * 0.15 * (math.exp(-k * (n - 1)) - math.exp(-k * n)) for k, doc in DOC_BY_K.items()) * 28


def test_the_comparison_is_first_order_decay_year_by_year() -> None:
    comparison = view.landfill_comparison(plan_result())
    assert comparison.horizon_years == 30
    assert (comparison.waste_t, comparison.burned_t) == (1_898_000, 1_460_000)
    assert comparison.digested_t == pytest.approx(438_000)
    assert comparison.first_year_co2e_t == pytest.approx(by_hand_year(1), rel=1e-6)  # ≈ 57,022 t CO2e
    assert comparison.first_year_co2e_t == pytest.approx(57_022, rel=1e-4)
    assert comparison.yearly_co2e_t[14] == pytest.approx(by_hand_year(15), rel=1e-6)
    assert comparison.last_year_co2e_t == pytest.approx(by_hand_year(30), rel=1e-6)
    assert comparison.total_co2e_t == pytest.approx(sum(by_hand_year(n) for n in range(1, 31)), rel=1e-6)
    # everything it would ever emit: 0.15 × 290,394 t × 28 = 1,219,654.8 t CO2e
    assert comparison.lifetime_co2e_t == pytest.approx(0.15 * 290_394 * 28)
    assert 0 < comparison.share_first_ten_years < comparison.share_within_horizon < 1
    assert all(a > b for a, b in zip(comparison.yearly_co2e_t, comparison.yearly_co2e_t[1:], strict=False))


def test_the_comparison_is_in_no_total() -> None:
    result = plan_result()
    comparison = view.landfill_comparison(result)
    ledger = result["ledger"]
    assert "landfill_methane" not in ledger["avoided"]
    # the inventory and avoided totals are the sums of their own categories, nothing of the comparison
    assert result["totals"]["emissions_t_co2e_per_year"] == pytest.approx(sum(ledger["emissions"].values()))
    assert result["totals"]["avoided_t_co2e_per_year"] == pytest.approx(sum(ledger["avoided"].values()))
    for value in (comparison.first_year_co2e_t, comparison.total_co2e_t, comparison.lifetime_co2e_t):
        assert all(abs(total - value) > 1 for total in result["totals"].values())


def test_the_comparison_follows_the_sliders() -> None:
    # half the tonnes burned: the residual half of the deposit halves, the food waste digested stays
    half = view.landfill_comparison(plan_result({"incineration.tonnes_per_day": 2000}))
    assert half.burned_t == 730_000
    # year 1 by hand with half the residual waste and all the food waste
    food = 0.15 * 0.15 * (730_000 * 0.30 + 438_000) * (1 - math.exp(-0.06))  # DOC, then t CH4 per t DOC
    rest = (
        730_000 * (0.08 + 0.012) * (1 - math.exp(-0.04))
        + 730_000 * 0.0129 * (1 - math.exp(-0.02))
        + 730_000 * 0.004 * (1 - math.exp(-0.05))
    ) * 0.15
    assert half.first_year_co2e_t == pytest.approx((food + rest) * 28, rel=1e-6)


def test_chart_rows_and_ticks() -> None:
    comparison = view.landfill_comparison(plan_result())
    rows = view.chart_rows(comparison)
    assert [r["year"] for r in rows] == list(range(1, 31))
    assert rows[0]["kt"] == pytest.approx(by_hand_year(1) / 1000, rel=1e-6)
    assert view.tick_years(30) == [1, 5, 10, 15, 20, 25, 30]
    assert view.COMPARISON_COLOUR == "amber"


# --- what the page draws: sliders, figures, sentences (as data) -------------------------------------
def test_sliders_keep_their_url_keys_limits_and_open_on_the_plan() -> None:
    tonnes = view.tonnes_slider({"incineration.tonnes_per_day": 4000.0}, "en")
    assert (tonnes.name, tonnes.key, tonnes.default) == ("tonnes_per_day", "t", 4000)
    assert (tonnes.min_value, tonnes.max_value, tonnes.step, tonnes.integer) == (500, 6000, 100, True)
    assert tonnes.label == t("power.tonnes", "en") and tonnes.help == t("power.tonnes_help", "en")
    shares = view.share_sliders(PLAN_MIX, "zh")
    assert [(s.name, s.key) for s in shares] == [("food", "food"), ("paper", "paper"), ("plastics", "plast")]
    assert [(s.min_value, s.max_value, s.step) for s in shares] == [(0, 50, 1), (0, 25, 1), (0, 25, 1)]
    assert [s.default for s in shares] == [30, 20, 16]  # the plan's 0.30, 0.20, 0.16
    assert [s.label for s in shares] == [t(f"power.share.{n}", "zh") for n in ("food", "paper", "plastics")]
    assert {s.format for s in shares} == {"%d%%"}
    assert view.shares_from_percent({"food": 30, "plastics": 25}) == {"food": 0.3, "plastics": 0.25}


def test_overrides_leave_the_plan_composition_out() -> None:
    at_plan = view.overrides(4000, dict(PLAN_MIX), PLAN_MIX)
    assert at_plan == {"incineration.tonnes_per_day": 4000}
    mix = view.composition({"food": 0.4, "paper": 0.2, "plastics": 0.16}, PLAN_MIX)
    moved = view.overrides(5000, mix, PLAN_MIX)
    assert moved["incineration.tonnes_per_day"] == 5000
    assert moved["incineration.composition"] == mix


def test_bins_line_says_the_three_bins_shares() -> None:
    line = view.bins_line(PLAN_MIX, "en")
    # food + garden 32 %; paper, plastics, textiles, glass and metal 45 %; the rest 23 %
    assert "32%" in line and "45%" in line and "23%" in line
    assert line == t("power.bins_line", "en", food_waste="32%", recyclables="45%", residual="23%")


def page_inputs() -> tuple[dict, dict]:
    """The plan's result and the factors exactly as the page gets them."""
    return scenario_result(PLAN), factors_data()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shown_figures_keys_labels_and_order(lang: str) -> None:
    plan, factors = page_inputs()
    columns = view.shown_figures(view.power_figures(plan), plan, factors, lang)
    assert [[f.key for f in column] for column in columns] == [
        ["fig-net-kwh", "fig-kwh-per-t", "fig-people", "fig-bricks"],
        ["fig-fossil", "fig-avoided", "fig-biogenic", "fig-heat"],
    ]
    names = ["net_kwh", "kwh_per_t", "people", "bricks", "fossil", "avoided", "biogenic", "heat"]
    assert [f.label for column in columns for f in column] == [t(f"power.{n}", lang) for n in names]
    assert all(f.value and f.assumption for column in columns for f in column)
    if lang == "en":
        words = [text for column in columns for f in column for text in (f.label, f.value, f.assumption)]
        assert contains_cjk("\n".join(words), CJK_ALLOWLIST) == []


def test_shown_figures_follow_the_model_and_name_their_sources() -> None:
    plan, factors = page_inputs()
    result = scenario_result(PLAN, {"incineration.tonnes_per_day": 6000})
    figures = view.power_figures(result)
    by_key = {f.key: f for column in view.shown_figures(figures, plan, factors, "en") for f in column}
    assert by_key["fig-net-kwh"].value == format_quantity(figures.net_kwh, "kWh/yr", "en")
    plan_kwh = {
        f.key: f for c in view.shown_figures(view.power_figures(plan), plan, factors, "en") for f in c
    }
    assert by_key["fig-net-kwh"].value != plan_kwh["fig-net-kwh"].value
    assert format_quantity(figures.bottom_ash_t, "t/yr", "en") in by_key["fig-bricks"].assumption
    assert by_key["fig-bricks"].provenance == plan["provenance"]["incineration.bottom_ash_recycled_fraction"]
    assert by_key["fig-people"].provenance == factors["provenance"]["equivalents.resident_kwh_per_year"]
    assert format_number(1250, "en") in by_key["fig-people"].assumption  # kWh a resident uses a year
    assert {by_key[k].provenance for k in ("fig-net-kwh", "fig-fossil", "fig-biogenic")} == {"model"}


def test_the_figures_name_the_ledgers_and_both_grid_factors() -> None:
    plan, factors = page_inputs()
    figures = view.power_figures(plan)
    by_key = {f.key: f for column in view.shown_figures(figures, plan, factors, "en") for f in column}
    avoided = by_key["fig-avoided"]
    assert "0.7119" in avoided.assumption and "0.5306" in avoided.assumption
    assert avoided.provenance == plan["provenance"]["scenario.avoided_grid_kg_co2_per_kwh"]
    # the inventory: fossil CO2 shown, N2O and the sum in the note (21,200 and 728,000 t CO2e by hand above)
    fossil = by_key["fig-fossil"]
    assert format_quantity(figures.n2o_co2e_t, "t CO2e/yr", "en") in fossil.assumption
    assert format_quantity(figures.counted_co2e_t, "t CO2e/yr", "en") in fossil.assumption
    # electricity per tonne: 375 kWh/t at 10.51 GJ/t, 12.8 %, at most 30 % = 876 kWh/t
    per_t = by_key["fig-kwh-per-t"]
    assert per_t.value == format_quantity(375, "kWh/t", "en")
    for words in ("10.51 GJ/t", "12.8%", format_quantity(876, "kWh/t", "en")):
        assert words in per_t.assumption
    for lang in ("zh", "en"):
        counted = view.counted_text(figures, lang)
        assert "0.7119" in counted and "0.5306" in counted


def test_comparison_texts_say_what_is_compared_and_that_it_is_in_no_total() -> None:
    comparison = view.landfill_comparison(plan_result())
    text = view.chart_summary_text(comparison, "en")
    assert text.startswith("A comparison, in no total")
    for value in (comparison.waste_t,):
        assert format_quantity(value, "t", "en") in text
    for value in (comparison.first_year_co2e_t, comparison.last_year_co2e_t, comparison.total_co2e_t):
        assert format_quantity(value, "t CO2e", "en") in text
    intro = view.landfill_intro_text(comparison, "en")
    assert format_quantity(1_460_000, "t", "en") in intro and format_quantity(438_000, "t", "en") in intro
    after = view.landfill_after_text(comparison, "en")
    assert format_quantity(comparison.lifetime_co2e_t, "t CO2e", "en") in after
    assert format_percent(comparison.share_within_horizon, "en", decimals=0) in after
    assert "not an emission the park avoids" in after
    zh = view.chart_summary_text(comparison, "zh")
    assert zh.startswith("对比，不计入任何合计") and "万" in zh
    assert "北京2020年后已不这样做" in t("power.landfill_heading", "zh")
    assert "not Beijing's practice since 2020" in t("power.landfill_heading", "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_provenance_items_name_every_input(lang: str) -> None:
    plan, factors = page_inputs()
    items = view.provenance_items(plan, factors, lang)
    assert len(items) == len(view.PROVENANCE) == 18
    assert len({label for label, _ in items}) == 18
    assert items[0] == (t("power.prov.tonnes", lang), plan["provenance"]["incineration.tonnes_per_day"])
    by_label = dict(items)
    assert (
        by_label[t("power.prov.avoided_grid", lang)]
        == plan["provenance"]["scenario.avoided_grid_kg_co2_per_kwh"]
    )
    assert by_label[t("power.prov.grid", lang)] == plan["provenance"]["scenario.grid_kg_co2_per_kwh"]
    assert all(source for _, source in items)  # none is missing


# --- the page --------------------------------------------------------------------------------------
def open_power(lang: str, params: dict[str, str] | None = None) -> AppTest:
    return open_app_page("power.py", {"lang": lang, **(params or {})})


def metric(at: AppTest, key: str, lang: str) -> str:
    label = t(key, lang)
    return next(f.value for f in figures(at) if f.label == label)


def number_en(text: str) -> float:
    """ "537 million kWh/yr" → 537e6; "702,000 t CO₂/yr" → 702000."""
    match = re.search(r"([\d,.]+)\s*(million|billion)?", text)
    assert match, text
    value = float(match.group(1).replace(",", ""))
    return value * {"million": 1e6, "billion": 1e9}.get(match.group(2) or "", 1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_in_both_languages(lang: str) -> None:
    at = open_power(lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t("nav.power", lang)
    assert len(at.slider) == 4
    assert at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart")
    assert t("power.landfill_heading", lang) in [h.value for h in at.header]
    summaries = [h.proto.body for h in at.get("html") if "parkloop-summary" in h.proto.body]
    assert summaries, "the chart has a summary"
    assert not at.warning  # no refusal, no model warning at the plan
    if lang == "en":
        text = "\n".join([m.value for m in at.markdown] + [f.label for f in figures(at)] + summaries)
        assert contains_cjk(text, CJK_ALLOWLIST) == []
        assert "0.7119" in text and "0.5306" in text
    else:
        assert "万" in metric(at, "power.fossil", "zh")


def test_sliders_move_the_figures() -> None:
    at = open_power("en")
    kwh_before = number_en(metric(at, "power.net_kwh", "en"))
    fossil_before = number_en(metric(at, "power.fossil", "en"))
    assert metric(at, "power.kwh_per_t", "en") == format_quantity(375, "kWh/t", "en")
    at.slider(key="url-t").set_value(6000).run()
    assert number_en(metric(at, "power.net_kwh", "en")) > kwh_before
    assert at.query_params["t"] == ["6000"] or at.query_params["t"] == "6000"
    fossil_more_waste = number_en(metric(at, "power.fossil", "en"))
    assert fossil_more_waste > fossil_before
    assert metric(at, "power.kwh_per_t", "en") == format_quantity(
        375, "kWh/t", "en"
    )  # the tonnes do not change a tonne's heat
    at.slider(key="url-plast").set_value(25).run()
    assert number_en(metric(at, "power.fossil", "en")) > fossil_more_waste
    heat_before = number_en(metric(at, "power.heat", "en"))
    at.slider(key="url-food").set_value(50).run()
    assert number_en(metric(at, "power.heat", "en")) < heat_before
    # food 50 %, paper 20 %, plastics 25 %: the plan's others share 0.05; LHV 2 + 2.6 + 8 + 1.59 × 0.05/0.34
    heating_value = 2 + 2.6 + 8 + 1.59 * 0.05 / 0.34
    assert number_en(metric(at, "power.kwh_per_t", "en")) == round(375 * heating_value / 10.51)  # 451
    assert not at.exception


def test_a_refusal_is_said_in_words(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sliders cannot reach a physics bound (tested above); if the model still refused a position,
    the page says so in both languages and shows the plan, never a traceback."""
    import parkloop.ui.model_data as model_data

    real = model_data.scenario_result

    def refusing(name: str = PLAN, overrides: dict | None = None) -> dict:
        if overrides and "incineration.composition" in overrides:
            raise ScenarioError("model", "incineration.net_kwh_per_tonne", "more than 30 % (test)")
        return real(name, overrides)

    monkeypatch.setattr(model_data, "scenario_result", refusing)
    for lang in ("zh", "en"):
        at = open_power(lang, {"plast": "25"})
        assert not at.exception, [e.message for e in at.exception]
        assert [w.value for w in at.warning] == [t("power.refused", lang)]
        assert metric(at, "power.kwh_per_t", lang) == format_quantity(375, "kWh/t", lang)  # the plan's


def test_link_reopens_the_view_and_bad_values_fall_back() -> None:
    at = open_power("en", {"t": "2000", "plast": "25"})
    assert at.slider(key="url-t").value == 2000
    assert at.slider(key="url-plast").value == 25
    odd = open_power("en", {"t": "<script>", "food": "99", "paper": "nan", "plast": "-3"})
    assert not odd.exception
    assert odd.slider(key="url-t").value == 4000
    assert odd.slider(key="url-food").value == 30
    assert "<script>" not in "\n".join(m.value for m in odd.markdown)
