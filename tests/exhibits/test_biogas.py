"""Exhibit "biogas": the view logic against the model and hand arithmetic, and the page through AppTest."""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import biogas as view
from parkloop.i18n import contains_cjk, format_percent, format_quantity, plan_section_label
from parkloop.model import load_scenario
from parkloop.model.factors import load_factors
from parkloop.provenance import ProvenanceView
from parkloop.ui.charts import COLOURS, links_sankey, translucent
from parkloop.ui.model_data import PLAN, factors_data, scenario_result

from ._helpers import metric, model_result, number, open_page

PAGE = "biogas"
CONSTANTS = load_factors().constants


# --------------------------------------------------------------------------------------------
# view logic
# --------------------------------------------------------------------------------------------
def test_overrides_turn_percent_into_fractions() -> None:
    assert view.overrides(600, 30, 2.4, 50) == {
        "kitchen_waste.tonnes_per_day": 600.0,
        "kitchen_waste.to_power_fraction": 0.3,
        "kitchen_waste.oil_extraction_rate": 0.024,
        "kitchen_waste.digestate_to_incineration_fraction": 0.5,
    }


def test_defaults_are_the_plan_scenario() -> None:
    plan = load_scenario("plan-2026").values["kitchen_waste"]
    assert view.defaults(model_result()["values"]) == {
        "tonnes": plan["tonnes_per_day"],
        "power": pytest.approx(plan["to_power_fraction"] * 100),
        "oil": pytest.approx(plan["oil_extraction_rate"] * 100),
        "digestate": pytest.approx(plan["digestate_to_incineration_fraction"] * 100),
    }


def test_biogas_a_day_is_tonnes_times_yield() -> None:
    result = model_result({"kitchen_waste.tonnes_per_day": 700.0})
    fig = view.figures(result)
    assert fig.biogas_nm3_per_day == pytest.approx(
        700 * result["values"]["kitchen_waste.biogas_nm3_per_tonne"]
    )
    assert fig.oil_t_per_year == pytest.approx(
        700 * 365 * result["values"]["kitchen_waste.oil_extraction_rate"]
    )


def test_plan_biogas_exceeds_the_plans_handling_and_half_the_waste_does_not() -> None:
    plan = view.handling_check(view.figures(model_result()))
    assert plan.exceeds and plan.ratio == pytest.approx(1200 * 80 / 50_000)
    half = view.handling_check(view.figures(model_result({"kitchen_waste.tonnes_per_day": 600.0})))
    assert not half.exceeds and half.ratio == pytest.approx(600 * 80 / 50_000)
    assert view.handling_text(plan, 80, "en").startswith("**The model and the plan do not match")
    assert "fits" in view.handling_text(half, 80, "en")


def test_split_moves_methane_between_electricity_and_fuel_gas() -> None:
    all_power = view.figures(model_result({"kitchen_waste.to_power_fraction": 1.0}))
    all_gas = view.figures(model_result({"kitchen_waste.to_power_fraction": 0.0}))
    half = view.figures(model_result())
    assert all_power.fuel_gas_nm3_per_year == 0
    assert all_gas.electricity_kwh_per_year == 0
    assert all_gas.fuel_gas_nm3_per_year > half.fuel_gas_nm3_per_year > 0
    assert all_power.electricity_kwh_per_year > half.electricity_kwh_per_year > 0
    # the avoided CO2 of fuel gas follows the gas, never the engines
    assert all_power.fuel_gas_avoided_t_co2e_per_year == 0 < all_gas.fuel_gas_avoided_t_co2e_per_year


def test_energy_links_balance_and_match_the_model() -> None:
    result = model_result()
    links = view.energy_links(result, CONSTANTS["ch4_lhv_mj_per_nm3"], CONSTANTS["mj_per_kwh"])
    into = {node: 0.0 for node in view.ENERGY_NODES}
    out = {node: 0.0 for node in view.ENERGY_NODES}
    for source, target, value in links:
        out[source] += value
        into[target] += value
    for node in ("engines", "upgrading"):
        assert into[node] == pytest.approx(out[node], rel=1e-9), node
    methane_gj = result["chains"]["kitchen_waste"]["products"]["methane_nm3_per_year"] * 35.8 / 1000
    assert out["methane"] == pytest.approx(methane_gj)
    kwh = result["chains"]["kitchen_waste"]["products"]["engine_electricity_kwh_per_year"]
    assert into["electricity"] == pytest.approx(kwh * 3.6 / 1000)
    # engines turn engine_efficiency of their methane's energy into electricity
    efficiency = result["values"]["kitchen_waste.engine_efficiency"]
    assert into["electricity"] / into["engines"] == pytest.approx(efficiency)
    shares = view.energy_shares(links)
    assert shares["leak"] == pytest.approx(result["values"]["kitchen_waste.methane_leakage_fraction"])
    assert sum(shares.values()) == pytest.approx(1.0)


def test_landfill_gas_share_is_what_the_blend_adds() -> None:
    values = load_scenario("plan-2026").values["kitchen_waste"]
    digester = values["tonnes_per_day"] * values["biogas_nm3_per_tonne"] * values["methane_fraction"]
    landfill = values["landfill_gas_nm3_per_day"] * values["landfill_gas_methane_fraction"]
    assert view.landfill_gas_share(model_result()) == pytest.approx(landfill / (digester + landfill))
    assert view.landfill_gas_share(model_result({"kitchen_waste.landfill_gas_nm3_per_day": 0.0})) == 0


def test_no_food_waste_gives_an_empty_chart_and_says_so() -> None:
    result = model_result(
        {"kitchen_waste.tonnes_per_day": 0.0, "kitchen_waste.landfill_gas_nm3_per_day": 0.0}
    )
    links = view.energy_links(result, CONSTANTS["ch4_lhv_mj_per_nm3"], CONSTANTS["mj_per_kwh"])
    assert links == []
    assert view.chart_summary_text(links, "en") == t("biogas.summary_none", "en")


def test_the_plans_oil_gain_on_800_tonnes_gives_the_plans_1600_t() -> None:
    gain = view.oil_gain(0.024, 0.020, 800, 365, CONSTANTS["biodiesel_t_co2_per_t_oil"])
    assert gain.points == pytest.approx(0.4)
    assert gain.extra_oil_t_per_year == pytest.approx(0.004 * 800 * 365)  # 1168 t
    assert gain.extra_t_co2_per_year == pytest.approx(view.PLAN_OIL_GAIN_T_CO2, rel=0.01)


def test_plan_digestate_is_the_plans_14_wan_tonnes() -> None:
    fig = view.figures(model_result())
    assert fig.digestate_co_incinerated_t_per_year == pytest.approx(view.PLAN_DIGESTATE_T_PER_YEAR, rel=0.01)
    landfilled = view.figures(model_result({"kitchen_waste.digestate_to_incineration_fraction": 0.0}))
    assert landfilled.digestate_co_incinerated_t_per_year == 0
    assert landfilled.landfilled_digestate_t_co2e_per_year > fig.landfilled_digestate_t_co2e_per_year == 0


# --------------------------------------------------------------------------------------------
# what the page draws (as data)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shown_figures_two_rows_keys_and_labels(lang: str) -> None:
    result = model_result()
    rows = view.shown_figures(view.figures(result), result["values"], lang)
    assert [[f.key for f in row] for row in rows] == [
        ["fig-biogas", "fig-electricity", "fig-fuel-gas"],
        ["fig-oil", "fig-digestate", "fig-leak"],
    ]
    names = ["biogas", "electricity", "fuel_gas", "oil_out", "digestate_out", "leak"]
    assert [f.label for row in rows for f in row] == [t(f"biogas.{n}", lang) for n in names]
    assert {f.provenance for row in rows for f in row} == {"model"}
    if lang == "en":
        words = [text for row in rows for f in row for text in (f.label, f.value, f.assumption or "")]
        assert contains_cjk("\n".join(words), CJK_ALLOWLIST) == []


def test_shown_figures_follow_the_model() -> None:
    result = model_result({"kitchen_waste.tonnes_per_day": 600.0})
    fig = view.figures(result)
    shown = {f.key: f for row in view.shown_figures(fig, result["values"], "en") for f in row}
    assert shown["fig-biogas"].value == format_quantity(600 * 80, "Nm3/d", "en")
    assert shown["fig-oil"].value == format_quantity(fig.oil_t_per_year, "t/yr", "en")
    assert (
        format_quantity(fig.digestate_landfilled_t_per_year, "t/yr", "en")
        in shown["fig-digestate"].assumption
    )
    leakage = result["values"]["kitchen_waste.methane_leakage_fraction"]
    assert format_percent(leakage, "en") in shown["fig-leak"].assumption


def test_sliders_keep_their_url_keys_and_open_on_the_plan() -> None:
    columns = view.sliders(model_result()["values"], "en")
    assert [[s.key for s in column] for column in columns] == [["t", "split"], ["oil", "dig"]]
    sliders = {s.key: s for column in columns for s in column}
    assert {key: s.default for key, s in sliders.items()} == pytest.approx(
        {"t": 1200, "split": 50, "oil": 2.4, "dig": 100}
    )
    assert (sliders["t"].min_value, sliders["t"].max_value, sliders["t"].step) == (0, 2000, 50)
    assert (sliders["oil"].format, sliders["oil"].integer, sliders["oil"].step) == ("%.1f%%", False, 0.1)
    assert sliders["split"].help == t("biogas.split_help", "en")
    # the names are the arguments of overrides(): the page hands the values straight on
    values = {s.name: s.default for s in sliders.values()}
    assert view.overrides(**values) == view.overrides(1200, 50, 2.4, 100)


def test_split_text_says_both_shares() -> None:
    assert view.split_text(30, "en") == t("biogas.split_now", "en", power="30%", gas="70%")
    assert "100%" in view.split_text(100, "zh") and "0%" in view.split_text(100, "zh")


def test_plan_check_text_compares_both_plan_figures() -> None:
    fig = view.figures(model_result())
    check = view.handling_check(fig)
    text = view.plan_check_text(check, fig, model_result()["values"], "en")
    handling, digestate = text.split("\n\n")
    assert handling == view.handling_text(check, 80, "en")
    assert format_quantity(view.PLAN_DIGESTATE_T_PER_YEAR, "t/yr", "en") in digestate


def test_carbon_text_counts_the_oil_gain_against_2023() -> None:
    result = model_result({"kitchen_waste.tonnes_per_day": 800.0})
    values = result["values"]
    baseline = model_result(name="baseline-2023")["values"]["kitchen_waste.oil_extraction_rate"]
    text = view.carbon_text(
        view.figures(result), values, baseline, CONSTANTS["biodiesel_t_co2_per_t_oil"], "en"
    )
    gain = view.oil_gain(
        values["kitchen_waste.oil_extraction_rate"],
        baseline,
        800,
        365,
        CONSTANTS["biodiesel_t_co2_per_t_oil"],
    )
    assert format_quantity(gain.extra_t_co2_per_year, "t CO2/yr", "en", signed=True) in text
    assert format_quantity(view.PLAN_OIL_GAIN_T_CO2, "t CO2", "en") in text
    assert format_percent(baseline, "en") in text


def test_chart_note_gives_the_landfill_gas_share() -> None:
    result = model_result()
    share = format_percent(view.landfill_gas_share(result), "en", decimals=0)
    assert view.chart_note_text(result, "en") == t("biogas.chart_note", "en", share=share)


def test_sankey_colours_are_named_and_the_leak_stands_out() -> None:
    assert set(view.NODE_COLOURS) == set(view.ENERGY_NODES)
    assert set(view.NODE_COLOURS.values()) <= set(COLOURS)
    assert view.link_colour("leak") == ("red", 0.45) and view.link_colour("engines") == ("teal", 0.3)
    assert translucent("red", 0.45) == "rgba(185,28,28,0.45)"  # COLOURS["red"] = #b91c1c
    links = view.energy_links(model_result(), CONSTANTS["ch4_lhv_mj_per_nm3"], CONSTANTS["mj_per_kwh"])
    figure = links_sankey(
        view.ENERGY_NODES,
        links,
        view.node_labels("en"),
        view.NODE_COLOURS,
        view.link_colour,
        height=300,
        font_size=14,
    )
    sankey = figure.data[0]
    assert list(sankey.node.label)[:2] == [t("biogas.node.methane", "en"), t("biogas.node.leak", "en")]
    assert list(sankey.node.color)[:2] == [COLOURS["teal"], COLOURS["red"]]
    leak = [i for i, (_, target, _) in enumerate(links) if target == "leak"]
    assert [sankey.link.color[i] for i in leak] == ["rgba(185,28,28,0.45)"]


def test_provenance_items() -> None:
    plan, factors = scenario_result(PLAN), factors_data()
    items = view.provenance_items(plan, factors, "en")
    assert len(items) == 17
    assert items[0] == (t("biogas.in.tonnes", "en"), plan["provenance"]["kitchen_waste.tonnes_per_day"])
    assert items[11][1] == factors["provenance"]["constants.ch4_lhv_mj_per_nm3"]
    plan_figures = [source for _, source in items[-3:]]
    assert all(isinstance(source, ProvenanceView) and source.kind == "plan" for source in plan_figures)
    assert plan_figures[0].label == t("prov.plan", "en", section=plan_section_label("二(一)2", "en"))


# --------------------------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_with_its_figures(lang: str) -> None:
    at = open_page(PAGE, lang)
    assert not at.exception
    assert [title.value for title in at.title] == [t("nav.biogas", lang)]
    labels = {m.label for m in at.metric}
    for key in ("biogas", "electricity", "fuel_gas", "oil_out", "digestate_out", "leak"):
        assert t(f"biogas.{key}", lang) in labels
    assert len(at.warning) == 1  # the plan's 5万 Nm³/d is exceeded at the plan's 1200 t/d
    if lang == "zh":
        assert "万" in metric(at, "biogas.biogas", "zh")


def test_split_slider_moves_power_and_gas_the_right_way() -> None:
    at = open_page(PAGE, "en")
    power, gas = number(metric(at, "biogas.electricity")), number(metric(at, "biogas.fuel_gas"))
    at.slider(key="url-split").set_value(80).run()
    assert number(metric(at, "biogas.electricity")) > power
    assert number(metric(at, "biogas.fuel_gas")) < gas
    assert "80" in str(at.query_params["split"])


def test_fewer_tonnes_fit_the_plans_biogas_handling() -> None:
    at = open_page(PAGE, "en", t="500")
    assert at.slider(key="url-t").value == 500
    assert len(at.warning) == 0 and any("fits" in info.value for info in at.info)
    assert number(metric(at, "biogas.biogas")) == pytest.approx(500 * 80)


def test_oil_slider_raises_biodiesel_oil() -> None:
    at = open_page(PAGE, "en", oil="2.0")
    low = number(metric(at, "biogas.oil_out"))
    at.slider(key="url-oil").set_value(3.0).run()
    assert number(metric(at, "biogas.oil_out")) == pytest.approx(low * 1.5, rel=0.01)


def test_bad_url_values_fall_back_to_the_plan() -> None:
    at = open_page(PAGE, "en", t="<b>9999</b>", split="nan", oil="99", dig="-5")
    assert not at.exception
    assert at.slider(key="url-t").value == 1200
    assert at.slider(key="url-split").value == 50
    assert at.slider(key="url-oil").value == pytest.approx(2.4)
    assert at.slider(key="url-dig").value == 100
