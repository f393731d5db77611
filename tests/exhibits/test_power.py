"""The "garbage → power" exhibit: the composition logic, the landfill comparison against the model's own
landfill credit, and the page in both languages with its sliders moved (AppTest)."""

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
from parkloop.model import evaluate_dict, load_scenario
from parkloop.model.scenario import COMPONENTS
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
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


# --- figures and the landfill comparison ------------------------------------------------------------
def test_power_figures_at_the_plan() -> None:
    figures = view.power_figures(plan_result())
    # 4000 t/d × 365 × 375 kWh/t, minus 98,000 t of steam × 110 kWh/t
    assert figures.net_kwh == pytest.approx(4000 * 365 * 375 - 98_000 * 110)
    assert figures.people == pytest.approx(figures.net_kwh / 1250)
    assert figures.bricks_t == pytest.approx(figures.bottom_ash_t * 0.9)
    assert figures.counted_co2e_t == pytest.approx(figures.fossil_co2_t + figures.n2o_co2e_t)


def test_more_plastics_means_more_fossil_co2() -> None:
    low = view.composition({"food": 0.3, "paper": 0.2, "plastics": 0.05}, PLAN_MIX)
    high = view.composition({"food": 0.3, "paper": 0.2, "plastics": 0.25}, PLAN_MIX)
    fossil_low = view.power_figures(plan_result({"incineration.composition": low})).fossil_co2_t
    fossil_high = view.power_figures(plan_result({"incineration.composition": high})).fossil_co2_t
    assert fossil_high > fossil_low


def test_landfill_total_is_the_models_landfill_credit() -> None:
    result = plan_result()
    comparison = view.landfill_comparison(result)
    # by hand: DOC of the plan mix, × DOCf 0.5 × MCF 1 × F 0.5 × 16/12 × (1 − R 0.5) × (1 − OX 0.1) × GWP 28
    doc = 0.30 * 0.15 + 0.20 * 0.40 + 0.05 * 0.24 + 0.03 * 0.43 + 0.02 * 0.20
    by_hand = 1_460_000 * doc * 0.5 * 1.0 * 0.5 * 16 / 12 * 0.5 * 0.9 * 28
    assert comparison.total_co2e_t == pytest.approx(by_hand)
    # the model's ledger holds this plus the same credit for the food-waste plant's 1200 t/d of food
    food_part = 1200 * 365 * 0.15 * 0.5 * 1.0 * 0.5 * 16 / 12 * 0.5 * 0.9 * 28
    assert comparison.total_co2e_t + food_part == pytest.approx(
        result["ledger"]["avoided"]["landfill_methane"]
    )


def test_landfill_profile_adds_up_and_decays() -> None:
    result = plan_result()
    long = view.landfill_comparison(result, years=1500)
    assert sum(long.yearly_co2e_t) == pytest.approx(long.total_co2e_t, rel=1e-6)
    short = view.landfill_comparison(result)
    assert len(short.yearly_co2e_t) == view.LANDFILL_YEARS
    assert all(a > b for a, b in zip(short.yearly_co2e_t, short.yearly_co2e_t[1:], strict=False))
    assert 0 < short.share_first_ten_years < short.share_within_horizon < 1


def test_crossover_year_is_where_the_lines_meet() -> None:
    comparison = view.landfill_comparison(plan_result())
    cumulative = comparison.cumulative_co2e_t
    year = comparison.crossover_year
    assert year is not None
    assert cumulative[year - 1] >= comparison.incinerator_co2e_t > cumulative[year - 2]


def test_no_crossover_without_rotting_garbage() -> None:
    mix = view.composition({"food": 0.0, "paper": 0.0, "plastics": 0.25}, PLAN_MIX)
    comparison = view.landfill_comparison(plan_result({"incineration.composition": mix}), years=10)
    assert comparison.crossover_year is None


def test_chart_rows() -> None:
    comparison = view.landfill_comparison(plan_result())
    rows = view.chart_rows(comparison, {"landfill": "L", "incinerator": "I"})
    assert len(rows) == 2 * view.LANDFILL_YEARS
    last_landfill = [r for r in rows if r["series"] == "L"][-1]
    assert last_landfill["kt"] == pytest.approx(sum(comparison.yearly_co2e_t) / 1000)


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
        ["fig-net-kwh", "fig-fossil", "fig-bricks"],
        ["fig-people", "fig-biogenic", "fig-heat"],
    ]
    names = ["net_kwh", "fossil", "bricks", "people", "biogenic", "heat"]
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


def test_chart_summary_says_whether_the_lines_cross() -> None:
    result = plan_result()
    figures, comparison = view.power_figures(result), view.landfill_comparison(result)
    text = view.chart_summary_text(figures, comparison, "en")
    assert format_quantity(sum(comparison.yearly_co2e_t), "t CO2e", "en") in text
    assert format_percent(comparison.share_first_ten_years, "en", decimals=0) in text
    assert text.endswith(
        t("power.chart_crossover", "en", year=format_number(comparison.crossover_year, "en"))
    )
    # a landfill that never catches up with burning (made up: 1 t a year against 1000 t at once)
    never = view.LandfillComparison(
        yearly_co2e_t=(1.0,) * view.LANDFILL_YEARS, total_co2e_t=100.0, incinerator_co2e_t=1000.0
    )
    assert never.crossover_year is None
    assert view.chart_summary_text(figures, never, "en").endswith(
        t("power.chart_no_crossover", "en", years="50")
    )
    after = view.landfill_after_text(comparison, "en")
    assert format_quantity(comparison.total_co2e_t, "t CO2e", "en") in after
    assert format_percent(comparison.share_within_horizon, "en", decimals=0) in after


def test_series_labels_and_colours() -> None:
    assert list(view.series_labels("zh")) == list(view.SERIES_COLOURS) == ["landfill", "incinerator"]
    assert view.SERIES_COLOURS == {"landfill": "amber", "incinerator": "teal"}
    labels = view.series_labels("en")
    assert view.series_colours(labels) == {labels["landfill"]: "amber", labels["incinerator"]: "teal"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_provenance_items_name_every_input(lang: str) -> None:
    plan, factors = page_inputs()
    items = view.provenance_items(plan, factors, lang)
    assert len(items) == 14
    assert len({label for label, _ in items}) == 14
    assert items[0] == (t("power.prov.tonnes", lang), plan["provenance"]["incineration.tonnes_per_day"])
    assert all(source for _, source in items)  # none is missing


# --- the page --------------------------------------------------------------------------------------
def open_power(lang: str, params: dict[str, str] | None = None) -> AppTest:
    return open_app_page("power.py", {"lang": lang, **(params or {})})


def metric(at: AppTest, key: str, lang: str) -> str:
    label = t(key, lang)
    return next(m.value for m in at.metric if m.label == label)


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
    summaries = [h.proto.body for h in at.get("html") if "parkloop-summary" in h.proto.body]
    assert summaries, "the chart has a summary"
    if lang == "en":
        text = "\n".join([m.value for m in at.markdown] + [m.label for m in at.metric] + summaries)
        assert contains_cjk(text, CJK_ALLOWLIST) == []
    else:
        assert "万" in metric(at, "power.fossil", "zh")


def test_sliders_move_the_figures() -> None:
    at = open_power("en")
    kwh_before = number_en(metric(at, "power.net_kwh", "en"))
    fossil_before = number_en(metric(at, "power.fossil", "en"))
    at.slider(key="url-t").set_value(6000).run()
    assert number_en(metric(at, "power.net_kwh", "en")) > kwh_before
    assert at.query_params["t"] == ["6000"] or at.query_params["t"] == "6000"
    fossil_more_waste = number_en(metric(at, "power.fossil", "en"))
    assert fossil_more_waste > fossil_before
    at.slider(key="url-plast").set_value(25).run()
    assert number_en(metric(at, "power.fossil", "en")) > fossil_more_waste
    heat_before = number_en(metric(at, "power.heat", "en"))
    at.slider(key="url-food").set_value(50).run()
    assert number_en(metric(at, "power.heat", "en")) < heat_before
    assert not at.exception


def test_link_reopens_the_view_and_bad_values_fall_back() -> None:
    at = open_power("en", {"t": "2000", "plast": "25"})
    assert at.slider(key="url-t").value == 2000
    assert at.slider(key="url-plast").value == 25
    odd = open_power("en", {"t": "<script>", "food": "99", "paper": "nan", "plast": "-3"})
    assert not odd.exception
    assert odd.slider(key="url-t").value == 4000
    assert odd.slider(key="url-food").value == 30
    assert "<script>" not in "\n".join(m.value for m in odd.markdown)
