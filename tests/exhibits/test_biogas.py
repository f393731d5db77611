"""Exhibit "biogas": the view logic against hand arithmetic, and the page through AppTest.

Hand figures of the plan scenario (data/scenarios/*.toml): the household food-waste plant (厨余) 800 t/d at
50 Nm³/t and 60 % methane; the restaurant plant (餐厨) 400 t/d at 70 Nm³/t and 62 % methane, oil 2.9 %
(2.5 % in 2023); household oil 0.5 %; digestate 0.32 t/t; handling capacity 50,000 Nm³/d; 365 days;
engines 38 %; biodiesel 2.7 t CO₂ per t of oil; exported electricity 0.7119 kg CO₂/kWh. The landfill gas
comes from the model's landfill chain (first-order decay, tested in tests/model), read, not recomputed.
"""

from __future__ import annotations

import itertools

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import biogas as view
from parkloop.exhibits.sankey_svg import Size
from parkloop.i18n import contains_cjk, format_percent, format_quantity, plan_section_label
from parkloop.model import load_scenario
from parkloop.model.factors import load_factors
from parkloop.provenance import ProvenanceView
from parkloop.ui.charts import COLOURS, links_sankey
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from tests.apptest import figures, read_sankeys

from ._helpers import metric, model_result, number, open_page

PAGE = "biogas"
CONSTANTS = load_factors().constants


def _plan() -> dict:
    return scenario_result(PLAN)


def _landfill_gas_per_day(result: dict) -> float:
    return result["chains"]["landfill"]["products"]["landfill_gas_captured_nm3_per_year"] / 365


# --------------------------------------------------------------------------------------------
# sliders
# --------------------------------------------------------------------------------------------
def test_overrides_turn_percent_into_fractions() -> None:
    assert view.overrides(600, 80_000, 30, 2.4, 50) == {
        "kitchen_waste.tonnes_per_day": 600.0,
        "biogas.handling_capacity_nm3_per_day": 80_000.0,
        "kitchen_waste.to_power_fraction": 0.3,
        "restaurant_waste.oil_extraction_rate": 0.024,
        "kitchen_waste.digestate_to_incineration_fraction": 0.5,
    }


def test_defaults_are_the_plan_scenario() -> None:
    # plan-2026.toml: 800 t/d, 50000 Nm³/d, half to power, restaurant oil 0.029, all digestate burned
    assert view.defaults(model_result()["values"]) == pytest.approx(
        {"tonnes": 800, "capacity": 50_000, "power": 50, "oil": 2.9, "digestate": 100}
    )


def test_sliders_keep_their_url_keys_and_open_on_the_plan() -> None:
    columns = view.sliders(model_result()["values"], "en")
    # t, split, oil, dig as before (t is now the household plant, oil the restaurant plant); cap is new
    assert [[s.key for s in column] for column in columns] == [["t", "cap", "split"], ["oil", "dig"]]
    sliders = {s.key: s for column in columns for s in column}
    assert {key: s.default for key, s in sliders.items()} == pytest.approx(
        {"t": 800, "cap": 50_000, "split": 50, "oil": 2.9, "dig": 100}
    )
    assert (sliders["t"].min_value, sliders["t"].max_value, sliders["t"].step) == (0, 2000, 50)
    assert (sliders["cap"].min_value, sliders["cap"].max_value, sliders["cap"].step) == (
        10_000,
        150_000,
        5_000,
    )
    assert (sliders["oil"].min_value, sliders["oil"].max_value) == (1.0, 3.5)
    assert (sliders["oil"].format, sliders["oil"].integer, sliders["oil"].step) == ("%.1f%%", False, 0.1)
    assert sliders["split"].help == t("biogas.split_help", "en")
    assert sliders["t"].help == t("biogas.tonnes_help", "en")
    # the names are the arguments of overrides(): the page hands the values straight on
    values = {s.name: s.default for s in sliders.values()}
    assert view.overrides(**values) == view.overrides(800, 50_000, 50, 2.9, 100)


def test_no_slider_position_reaches_a_physics_bound() -> None:
    """Every corner of the five ranges evaluates (the model refuses impossible scenarios with
    ScenarioError; a visitor must never meet one)."""
    columns = view.sliders(model_result()["values"], "en")
    ranges = [(s.min_value, s.max_value) for column in columns for s in column]
    for corner in itertools.product(*ranges):
        result = model_result(view.overrides(*corner))
        assert result["totals"]["biogas_nm3_per_year"] >= 0, corner


def test_split_text_says_both_shares() -> None:
    assert view.split_text(30, "en") == t("biogas.split_now", "en", power="30%", gas="70%")
    assert "100%" in view.split_text(100, "zh") and "0%" in view.split_text(100, "zh")


# --------------------------------------------------------------------------------------------
# the gas: three sources, one blend, the handling capacity and the flare
# --------------------------------------------------------------------------------------------
def test_biogas_a_day_is_tonnes_times_yield_for_each_plant() -> None:
    fig = view.figures(model_result({"kitchen_waste.tonnes_per_day": 600.0}))
    assert fig.kitchen_gas_nm3_per_day == pytest.approx(600 * 50)  # 30,000 Nm³/d
    assert fig.restaurant_gas_nm3_per_day == pytest.approx(400 * 70)  # 28,000 Nm³/d, not on the slider
    assert fig.restaurant_oil_t_per_year == pytest.approx(400 * 365 * 0.029)  # 4,234 t
    assert fig.kitchen_oil_t_per_year == pytest.approx(600 * 365 * 0.005)  # 1,095 t


def test_the_blend_is_the_three_sources_and_the_flare_is_what_is_above_the_capacity() -> None:
    result = model_result()
    fig, landfill = view.figures(result), _landfill_gas_per_day(result)
    assert landfill > 0
    blend = 800 * 50 + 400 * 70 + landfill  # 68,000 Nm³/d from the digesters + the landfill gas
    assert fig.blend_nm3_per_day == pytest.approx(blend)
    assert fig.capacity_nm3_per_day == pytest.approx(50_000)
    assert fig.flared_nm3_per_day == pytest.approx(blend - 50_000)
    assert fig.flared_share == pytest.approx((blend - 50_000) / blend)
    assert view.flares(fig)
    # the digesters alone are above the plan's 5万: at most 50,000 / 1,200 t ≈ 41.7 Nm³ a tonne would fit
    assert fig.implied_yield_nm3_per_t == pytest.approx(50_000 / 1200)


def test_even_without_household_food_waste_the_plans_capacity_is_exceeded() -> None:
    result = model_result({"kitchen_waste.tonnes_per_day": 0.0})
    fig = view.figures(result)
    # 28,000 Nm³/d of restaurant biogas + the landfill gas (≈ 24,000) > 50,000
    assert fig.flared_nm3_per_day == pytest.approx(400 * 70 + _landfill_gas_per_day(result) - 50_000)
    assert fig.flared_nm3_per_day > 0


def test_a_capacity_above_the_blend_flares_nothing_and_says_so() -> None:
    result = model_result({"biogas.handling_capacity_nm3_per_day": 100_000.0})
    fig = view.figures(result)
    assert fig.blend_nm3_per_day < 100_000 and fig.flared_nm3_per_day == 0 and not view.flares(fig)
    text = view.handling_text(fig, result["values"], "en")
    assert text.startswith("The three sources make") and "none is flared" in text
    assert format_quantity(100_000, "Nm3/d", "en") in text


def test_the_flare_text_is_the_models_finding_with_its_assumptions() -> None:
    result = model_result()
    fig = view.figures(result)
    en, zh = (view.handling_text(fig, result["values"], lang) for lang in ("en", "zh"))
    assert en.startswith("**The model's finding")
    assert format_quantity(fig.flared_nm3_per_day, "Nm3/d", "en") in en
    assert format_quantity(50, "Nm3/t", "en") in en and format_quantity(70, "Nm3/t", "en") in en
    assert format_quantity(50_000 / 1200, "Nm3/t", "en") in en  # "about 41.7 Nm³/t"
    assert "estimates" in en
    assert zh.startswith("**模型的发现") and "5万" in zh and "41.7" in zh


def test_capacity_figure_is_the_plans_only_at_the_plans_value() -> None:
    plan = _plan()
    at_plan = model_result()
    shown = {
        f.key: f
        for row in view.shown_figures(view.figures(at_plan), at_plan["values"], plan, "en", "gas")
        for f in row
    }
    assert shown["fig-capacity"].provenance["kind"] == "plan"
    assert shown["fig-capacity"].provenance["ref"] == "二(一)2"
    moved = model_result({"biogas.handling_capacity_nm3_per_day": 70_000.0})
    rows = view.shown_figures(view.figures(moved), moved["values"], plan, "en", "gas")
    shown = {f.key: f for row in rows for f in row}
    assert shown["fig-capacity"].provenance["kind"] == "override"
    assert shown["fig-capacity"].value == format_quantity(70_000, "Nm3/d", "en")
    assert format_quantity(50_000, "Nm3/d", "en") in shown["fig-capacity"].assumption


# --------------------------------------------------------------------------------------------
# engines and upgrading, the energy chart
# --------------------------------------------------------------------------------------------
def test_split_moves_methane_between_electricity_and_fuel_gas() -> None:
    all_power = view.figures(model_result({"kitchen_waste.to_power_fraction": 1.0}))
    all_gas = view.figures(model_result({"kitchen_waste.to_power_fraction": 0.0}))
    half = view.figures(model_result())
    assert all_power.fuel_gas_nm3_per_year == 0
    assert all_gas.electricity_kwh_per_year == 0
    assert all_gas.fuel_gas_nm3_per_year > half.fuel_gas_nm3_per_year > 0
    assert all_power.electricity_kwh_per_year > half.electricity_kwh_per_year > 0
    # the avoided CO2 of fuel gas follows the gas, never the engines; the electricity's follows the engines
    assert all_power.fuel_gas_avoided_t_co2e_per_year == 0 < all_gas.fuel_gas_avoided_t_co2e_per_year
    assert all_gas.electricity_avoided_t_co2e_per_year == 0 < all_power.electricity_avoided_t_co2e_per_year


def test_engines_electricity_is_credited_at_the_north_china_baseline_on_their_share_of_the_export() -> None:
    result = model_result()
    fig, totals = view.figures(result), result["totals"]
    # the engines' kWh × (exported ÷ generated: the plants' own use is netted first) × 0.7119 kg/kWh
    export_share = totals["net_electricity_kwh_per_year"] / totals["green_electricity_kwh_per_year"]
    expected = fig.electricity_kwh_per_year * export_share * 0.7119 / 1000
    assert fig.electricity_avoided_t_co2e_per_year == pytest.approx(expected)


def test_energy_links_balance_and_match_the_hand_figures() -> None:
    result = model_result()
    fig = view.figures(result)
    links = view.energy_links(result, CONSTANTS)
    into = {node: 0.0 for node in view.ENERGY_NODES}
    out = {node: 0.0 for node in view.ENERGY_NODES}
    for source, target, value in links:
        out[source] += value
        into[target] += value
    for node in ("methane", "engines", "upgrading"):
        assert into[node] == pytest.approx(out[node], rel=1e-9), node
    # methane a year at 35.8 MJ/Nm³: household 800 × 50 × 0.60 × 365, restaurant 400 × 70 × 0.62 × 365
    assert out["kitchen_waste"] == pytest.approx(800 * 50 * 0.60 * 365 * 35.8 / 1000)  # 313,608 GJ
    assert out["restaurant_waste"] == pytest.approx(400 * 70 * 0.62 * 365 * 35.8 / 1000)  # 226,843 GJ
    assert into["methane"] == pytest.approx(fig.methane_nm3_per_year * 35.8 / 1000)
    # the flare takes the blend's flared share of the methane
    assert into["flare"] / into["methane"] == pytest.approx(fig.flared_share)
    # engines turn 38 % of their methane's energy into electricity
    assert into["electricity"] == pytest.approx(fig.electricity_kwh_per_year * 3.6 / 1000)
    assert into["electricity"] / into["engines"] == pytest.approx(0.38)
    shares = view.energy_shares(links)
    assert shares["flare"] == pytest.approx(fig.flared_share)
    # 2 % of the handled (unflared) methane leaks
    assert shares["leak"] == pytest.approx(0.02 * (1 - fig.flared_share))
    assert sum(shares.values()) == pytest.approx(1.0)


def test_chart_note_gives_each_sources_share_of_the_methane() -> None:
    result = model_result()
    links = view.energy_links(result, CONSTANTS)
    shares = view.source_shares(links)
    kitchen, restaurant = 800 * 50 * 0.60, 400 * 70 * 0.62  # 24,000 and 17,360 Nm³ CH4 a day
    methane_per_day = view.figures(result).methane_nm3_per_year / 365
    assert shares["kitchen_waste"] == pytest.approx(kitchen / methane_per_day)
    assert shares["restaurant_waste"] == pytest.approx(restaurant / methane_per_day)
    assert shares["landfill"] == pytest.approx(1 - (kitchen + restaurant) / methane_per_day)
    assert view.chart_note_text(links, "en") == t(
        "biogas.chart_note",
        "en",
        kitchen=format_percent(shares["kitchen_waste"], "en", decimals=0),
        restaurant=format_percent(shares["restaurant_waste"], "en", decimals=0),
        landfill=format_percent(shares["landfill"], "en", decimals=0),
    )


def test_no_biogas_gives_an_empty_chart_and_says_so() -> None:
    result = model_result(
        {
            "kitchen_waste.tonnes_per_day": 0.0,
            "restaurant_waste.tonnes_per_day": 0.0,
            "landfill.gas_capture_fraction": 0.0,
        }
    )
    links = view.energy_links(result, CONSTANTS)
    assert links == []
    assert view.chart_summary_text(links, "en") == t("biogas.summary_none", "en")


def test_sankey_colours_are_named_and_the_leak_stands_out() -> None:
    assert set(view.NODE_COLOURS) == set(view.ENERGY_NODES)
    assert set(view.NODE_COLOURS.values()) <= set(COLOURS)
    assert view.link_colour("leak") == ("red", 0.45) and view.link_colour("engines") == ("teal", 0.3)
    links = view.energy_links(model_result(), CONSTANTS)
    (sankey,) = read_sankeys(
        links_sankey(
            view.ENERGY_NODES,
            links,
            view.node_labels("en"),
            view.NODE_COLOURS,
            view.link_colour,
            lang="en",
            wide=Size(height=300),
        )
    )
    assert list(sankey.labels.values())[:4] == [
        t(f"biogas.node.{node}", "en")
        for node in ("kitchen_waste", "restaurant_waste", "landfill", "methane")
    ]
    assert (sankey.fills["flare"], sankey.fills["leak"]) == (COLOURS["amber"], COLOURS["red"])
    assert [colour for (_, target), colour in sankey.colours.items() if target == "leak"] == [
        (COLOURS["red"], 0.45)
    ]
    assert sankey.values == pytest.approx(
        {(source, target): value for source, target, value in links if value > 0}
    )


# --------------------------------------------------------------------------------------------
# oil, digestate, the ledgers
# --------------------------------------------------------------------------------------------
def test_the_plans_oil_gain_on_the_400_tonne_restaurant_plant_is_close_to_the_plans_1600_t() -> None:
    gain = view.oil_gain(0.029, 0.025, 400, 365, 2.7)
    assert gain.points == pytest.approx(0.4)
    assert gain.extra_oil_t_per_year == pytest.approx(584)  # 400 × 365 = 146,000 t × 0.004
    assert gain.extra_t_co2_per_year == pytest.approx(1576.8)  # × 2.7 t CO2/t
    assert gain.model_at_plan_points_t_co2 == pytest.approx(1576.8)
    assert gain.extra_t_co2_per_year == pytest.approx(view.PLAN_OIL_GAIN_T_CO2, rel=0.02)


def test_oil_figures_show_the_model_beside_the_plan_with_provenance() -> None:
    result = model_result()
    [[model, plan]] = view.oil_figures(view.figures(result), result["values"], 0.025, 2.7, "en")
    assert (model.key, plan.key) == ("fig-oil-gain", "fig-oil-plan")
    assert model.value == format_quantity(1576.8, "t CO2/yr", "en", signed=True)  # "+1,580 t CO₂/yr"
    assert model.provenance == "model"
    assert plan.value == format_quantity(1600, "t CO2", "en")
    assert isinstance(plan.provenance, ProvenanceView) and plan.provenance.kind == "plan"
    assert plan.provenance.label == t("prov.plan", "en", section=plan_section_label("二(三)2", "en"))
    assert format_quantity(1576.8, "t CO2", "en") in plan.assumption
    # at 2023's rate there is no gain
    same = model_result({"restaurant_waste.oil_extraction_rate": 0.025})
    [[none, _]] = view.oil_figures(view.figures(same), same["values"], 0.025, 2.7, "en")
    assert number(none.value) == 0


def test_plan_digestate_is_worked_out_from_the_plans_14_wan_tonnes() -> None:
    fig = view.figures(model_result())
    # (800 + 400) t/d × 365 × 0.32 t/t = 140,160 t, all of it burned
    assert fig.digestate_co_incinerated_t_per_year == pytest.approx(1200 * 365 * 0.32)
    assert fig.digestate_co_incinerated_t_per_year == pytest.approx(view.PLAN_DIGESTATE_T_PER_YEAR, rel=0.01)
    landfilled = view.figures(model_result({"kitchen_waste.digestate_to_incineration_fraction": 0.0}))
    assert landfilled.digestate_co_incinerated_t_per_year == 0
    assert landfilled.digestate_landfilled_t_per_year == pytest.approx(1200 * 365 * 0.32)
    assert landfilled.landfilled_digestate_t_co2e_per_year > fig.landfilled_digestate_t_co2e_per_year == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_carbon_text_names_each_ledger_and_gives_no_landfill_credit(lang: str) -> None:
    result = model_result()
    fig = view.figures(result)
    text = view.carbon_text(fig, result["values"], 2.7, lang)
    headings = {
        "zh": ("园区自身排放", "替代减排", "没有“避免填埋甲烷”"),
        "en": ("What the park itself emits", "Avoided elsewhere", 'No "landfill methane avoided"'),
    }
    for heading in headings[lang]:
        assert heading in text
    for value in (
        fig.slip_t_co2e_per_year,
        fig.electricity_avoided_t_co2e_per_year,
        fig.biodiesel_avoided_t_co2e_per_year,
    ):
        assert format_quantity(value, "t CO2e/yr", lang) in text
    assert format_quantity(0.7119, "kg CO2/kWh", lang, sig=4) in text
    # biodiesel: (4,234 + 1,460) t of oil × 2.7 = 15,373.8 t
    assert fig.biodiesel_avoided_t_co2e_per_year == pytest.approx((400 * 0.029 + 800 * 0.005) * 365 * 2.7)


# --------------------------------------------------------------------------------------------
# what the page draws (as data)
# --------------------------------------------------------------------------------------------
GROUPS = {
    "gas": [
        ["fig-kitchen-gas", "fig-restaurant-gas", "fig-landfill-gas", "fig-biogas"],
        ["fig-capacity", "fig-flared"],
    ],
    "products": [["fig-electricity", "fig-fuel-gas", "fig-oil"], ["fig-digestate", "fig-leak"]],
}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shown_figures_keys_labels_and_provenance(lang: str) -> None:
    result, plan = model_result(), _plan()
    fig = view.figures(result)
    words = []
    for group, keys in GROUPS.items():
        rows = view.shown_figures(fig, result["values"], plan, lang, group)
        assert [[f.key for f in row] for row in rows] == keys
        words += [text for row in rows for f in row for text in (f.label, f.value, f.assumption or "")]
        kinds = {
            f.key: f.provenance if isinstance(f.provenance, str) else f.provenance["kind"]
            for row in rows
            for f in row
        }
        assert {key for key, kind in kinds.items() if kind != "model"} <= {"fig-capacity", "fig-digestate"}
    shown = {
        f.key: f for row in view.shown_figures(fig, result["values"], plan, lang, "products") for f in row
    }
    assert shown["fig-digestate"].provenance["kind"] == "derived"  # 0.32 t/t was worked out from 14万 t/a
    if lang == "en":
        assert contains_cjk("\n".join(words), CJK_ALLOWLIST) == []
    else:
        assert "万" in shown["fig-digestate"].value


def test_shown_figures_follow_the_model() -> None:
    result, plan = model_result({"kitchen_waste.tonnes_per_day": 600.0}), _plan()
    fig = view.figures(result)
    gas = {f.key: f for row in view.shown_figures(fig, result["values"], plan, "en", "gas") for f in row}
    assert gas["fig-kitchen-gas"].value == format_quantity(600 * 50, "Nm3/d", "en")
    assert gas["fig-restaurant-gas"].value == format_quantity(400 * 70, "Nm3/d", "en")
    assert gas["fig-flared"].value == format_quantity(fig.flared_nm3_per_day, "Nm3/d", "en")
    products = {
        f.key: f for row in view.shown_figures(fig, result["values"], plan, "en", "products") for f in row
    }
    assert products["fig-oil"].value == format_quantity((400 * 0.029 + 600 * 0.005) * 365, "t/yr", "en")
    assert format_percent(0.029, "en") in products["fig-oil"].assumption
    assert format_percent(0.02, "en") in products["fig-leak"].assumption


def test_provenance_items() -> None:
    plan, factors = _plan(), factors_data()
    items = view.provenance_items(plan, factors, "en")
    assert len(items) == 18 + 3 + 3
    assert items[0] == (t("biogas.in.tonnes", "en"), plan["provenance"]["kitchen_waste.tonnes_per_day"])
    by_label = dict(items)
    assert by_label[t("biogas.in.capacity", "en")]["kind"] == "plan"
    assert by_label[t("biogas.in.oil", "en")]["kind"] == "derived"
    assert by_label[t("biogas.in.grid", "en")]["kind"] == "cited"
    assert items[18][1] == factors["provenance"]["constants.ch4_lhv_mj_per_nm3"]
    plan_figures = [source for _, source in items[-3:]]
    assert all(isinstance(source, ProvenanceView) and source.kind == "plan" for source in plan_figures)
    assert [source.label for source in plan_figures] == [
        t("prov.plan", "en", section=plan_section_label(section, "en"))
        for section in ("二(二)2", "二(二)2", "二(三)2")
    ]


def test_plan_scenario_holds_the_plans_figures_this_page_quotes() -> None:
    plan = load_scenario("plan-2026").values
    assert plan["biogas"]["handling_capacity_nm3_per_day"] == 50_000
    assert plan["kitchen_waste"]["tonnes_per_day"] == 800
    assert plan["restaurant_waste"]["oil_extraction_rate"] == pytest.approx(0.029)


# --------------------------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_with_its_figures(lang: str) -> None:
    at = open_page(PAGE, lang)
    assert not at.exception
    assert [title.value for title in at.title] == [t("nav.biogas", lang)]
    labels = {f.label for f in figures(at)}
    for key in (
        "kitchen_gas",
        "restaurant_gas",
        "landfill_gas",
        "biogas",
        "capacity_out",
        "flared",
        "electricity",
        "fuel_gas",
        "oil_out",
        "digestate_out",
        "leak",
        "oil_gain",
        "oil_plan",
    ):
        assert t(f"biogas.{key}", lang) in labels
    assert len(at.warning) == 1  # the model's blend is above the plan's 5万 Nm³/d: part is flared
    if lang == "zh":
        assert "万" in metric(at, "biogas.biogas", "zh")


def test_split_slider_moves_power_and_gas_the_right_way() -> None:
    at = open_page(PAGE, "en")
    power, gas = number(metric(at, "biogas.electricity")), number(metric(at, "biogas.fuel_gas"))
    at.slider(key="url-split").set_value(80).run()
    assert number(metric(at, "biogas.electricity")) > power
    assert number(metric(at, "biogas.fuel_gas")) < gas
    assert "80" in str(at.query_params["split"])


def test_a_larger_capacity_ends_the_flare() -> None:
    at = open_page(PAGE, "en", cap="100000")
    assert at.slider(key="url-cap").value == 100_000
    assert len(at.warning) == 0 and any("none is flared" in info.value for info in at.info)
    assert number(metric(at, "biogas.flared")) == 0


def test_tonnes_slider_is_the_household_plant() -> None:
    at = open_page(PAGE, "en", t="500")
    assert at.slider(key="url-t").value == 500
    assert number(metric(at, "biogas.kitchen_gas")) == pytest.approx(500 * 50)
    assert number(metric(at, "biogas.restaurant_gas")) == pytest.approx(400 * 70)


def test_oil_slider_is_the_restaurant_plant() -> None:
    at = open_page(PAGE, "en", oil="2.0")
    # 400 × 365 × 0.020 = 2,920 t + the household plant's 800 × 365 × 0.005 = 1,460 t
    assert number(metric(at, "biogas.oil_out")) == pytest.approx(2920 + 1460, rel=0.01)
    at.slider(key="url-oil").set_value(3.0).run()
    assert number(metric(at, "biogas.oil_out")) == pytest.approx(4380 + 1460, rel=0.01)
    # 0.5 points above 2023: 400 × 365 × 0.005 × 2.7 = 1,971 t
    assert number(metric(at, "biogas.oil_gain")) == pytest.approx(1971, rel=0.01)


def test_bad_url_values_fall_back_to_the_plan() -> None:
    at = open_page(PAGE, "en", t="<b>9999</b>", cap="lots", split="nan", oil="99", dig="-5")
    assert not at.exception
    assert at.slider(key="url-t").value == 800
    assert at.slider(key="url-cap").value == 50_000
    assert at.slider(key="url-split").value == 50
    assert at.slider(key="url-oil").value == pytest.approx(2.9)
    assert at.slider(key="url-dig").value == 100
