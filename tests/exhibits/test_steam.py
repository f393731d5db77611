"""The "waste heat → steam" exhibit: the steam stays inside the fence (it lowers the gas boiler's CO2 in the
inventory, it is no avoided credit), its figures by hand from the factors, steam beyond the plants' need
lost, and the page in both languages with its slider moved (AppTest)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import steam as view
from parkloop.exhibits.figures import Figure
from parkloop.i18n import contains_cjk, format_number, format_quantity
from parkloop.model import evaluate, evaluate_dict, load_scenario
from parkloop.ui.charts import COLOURS
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from tests.apptest import figures as shown_cards
from tests.apptest import open_page as open_app_page

KEY = "incineration.export_steam_t_per_year"


def plan_result(steam_t: float | None = None) -> dict:
    """What ``scenario_result`` returns (the parts this exhibit reads), without Streamlit's cache."""
    overrides = {KEY: steam_t} if steam_t is not None else None
    scenario = load_scenario("plan-2026", overrides=overrides)
    result = evaluate_dict(scenario)
    # evaluate_dict leaves out the quantities; the model puts steam × enthalpy there
    result["quantities"] = dict(evaluate(scenario).quantities)
    result["values"] = {f"{s}.{k}": v for s, values in scenario.values.items() for k, v in values.items()}
    return result


def figures(steam_t: float | None = None) -> view.SteamFigures:
    return view.steam_figures(plan_result(steam_t), plan_result(0))


# By hand: the food-waste plants take (800 + 400) t/d × 365 = 438,000 t a year, each needing 0.8 GJ of heat
# → 350,400 GJ. A tonne of steam carries 2.69 GJ (IAPWS-IF97: 20 °C water → saturated steam at 1.0 MPa), so
# the plants can use 350,400 / 2.69 = 130,260 t of steam a year. The gas boiler is 90 % efficient; gas has
# 38.931 MJ/Nm³ and 2.162 kg CO2/Nm³ (GB/T 32151): 2.162 / 0.9 / 38.931 = 0.061706 t CO2 per GJ of heat made.
# A tonne of steam costs the turbine 110 kWh, which would have avoided 110 × 0.7119 kg CO2 outside the park.
DEMAND_GJ = 438_000 * 0.8
BOILER_T_PER_GJ = 2.162 / 0.9 / 38.931


def test_figures_at_the_plan_by_hand() -> None:
    f = figures()
    assert f.steam_t == 98_000
    assert f.steam_gj == pytest.approx(98_000 * 2.69)  # 263,620 GJ
    assert f.demand_gj == pytest.approx(DEMAND_GJ)  # 350,400 GJ
    assert f.steam_used_gj == pytest.approx(263_620)  # all of it: less than the demand
    assert f.steam_unused_gj == pytest.approx(0) and not f.wasted
    assert f.covered_share == pytest.approx(263_620 / 350_400)  # 75 %
    assert f.boiler_heat_gj == pytest.approx(350_400 - 263_620)  # 86,780 GJ
    assert f.boiler_gas_nm3 == pytest.approx(86_780 / 0.9 * 1000 / 38.931)  # 2.48 million Nm³
    assert f.boiler_co2_t == pytest.approx(86_780 * BOILER_T_PER_GJ)  # 5,355 t
    assert f.boiler_co2_without_t == pytest.approx(350_400 * BOILER_T_PER_GJ)  # 21,621 t
    assert f.saved_co2_t == pytest.approx(263_620 * BOILER_T_PER_GJ)  # 16,267 t, inside the fence
    assert f.kwh_given_up == pytest.approx(98_000 * 110)  # 10.78 million kWh
    assert f.kwh_given_up_co2_t == pytest.approx(98_000 * 110 * 0.7119 / 1000)  # 7,674 t, at 0.7119
    assert f.net_co2_t == pytest.approx(263_620 * BOILER_T_PER_GJ - 98_000 * 110 * 0.7119 / 1000)  # 8,592 t
    assert f.demand_steam_t == pytest.approx(350_400 / 2.69)
    assert (f.avoided_factor, f.grid_factor) == (0.7119, 0.5306)


def test_steam_beyond_the_demand_is_lost() -> None:
    f = figures(150_000)
    assert f.steam_gj == pytest.approx(150_000 * 2.69)  # 403,500 GJ
    assert f.steam_used_gj == pytest.approx(DEMAND_GJ)
    assert f.steam_unused_gj == pytest.approx(403_500 - 350_400)  # 53,100 GJ lost
    assert f.steam_unused_t == pytest.approx(150_000 - 350_400 / 2.69)  # 19,740 t
    assert f.wasted and f.covered_share == pytest.approx(1.0)
    assert (f.boiler_heat_gj, f.boiler_gas_nm3, f.boiler_co2_t) == (0, 0, 0)
    assert f.saved_co2_t == pytest.approx(350_400 * BOILER_T_PER_GJ)  # the whole boiler, no more
    assert f.kwh_given_up_co2_t == pytest.approx(150_000 * 110 * 0.7119 / 1000)  # but all of it costs
    # past the demand every tonne only costs: the net at the demand is higher than at 150,000 t
    at_demand = 350_400 * BOILER_T_PER_GJ - 350_400 / 2.69 * 110 * 0.7119 / 1000  # 11,414 t
    assert f.net_co2_t == pytest.approx(350_400 * BOILER_T_PER_GJ - 150_000 * 110 * 0.7119 / 1000)  # 9,875 t
    assert f.net_co2_t < at_demand
    assert figures(130_000).net_co2_t > f.net_co2_t


def test_no_steam_no_saving() -> None:
    f = figures(0)
    assert (f.steam_t, f.steam_gj, f.steam_used_gj, f.kwh_given_up, f.saved_co2_t, f.net_co2_t) == (0,) * 6
    assert f.boiler_heat_gj == pytest.approx(DEMAND_GJ)  # the gas boiler makes it all
    assert f.boiler_gas_nm3 == pytest.approx(350_400 / 0.9 * 1000 / 38.931)  # 10.0 million Nm³


def test_the_steam_lowers_the_inventory_and_is_no_avoided_credit() -> None:
    with_steam, without = plan_result(), plan_result(0)
    assert "steam_heat" not in with_steam["ledger"]["avoided"]
    assert "scenario.heat_t_co2_per_gj" not in with_steam["values"]
    drop = without["totals"]["emissions_t_co2e_per_year"] - with_steam["totals"]["emissions_t_co2e_per_year"]
    assert drop == pytest.approx(263_620 * BOILER_T_PER_GJ)  # the inventory falls by the boiler's saving


def test_more_steam_burns_less_gas_and_gives_up_more_power() -> None:
    small, large = figures(50_000), figures(120_000)
    assert large.boiler_gas_nm3 < small.boiler_gas_nm3
    assert large.kwh_given_up > small.kwh_given_up
    assert large.saved_co2_t > small.saved_co2_t
    assert large.net_co2_t > small.net_co2_t > 0
    assert large.covered_share > small.covered_share


def test_chart_rows_sign_and_order() -> None:
    f = figures()
    rows = view.chart_rows(f, {key: key for key in view.CHART_ITEMS})
    assert [r["key"] for r in rows] == ["saved", "given_up", "net"]
    by_key = {r["key"]: r["kt"] for r in rows}
    assert by_key["saved"] == pytest.approx(16.2666, rel=1e-4)  # 263,620 GJ × 0.061706 t/GJ
    assert by_key["given_up"] == pytest.approx(-7.674282)
    assert by_key["saved"] + by_key["given_up"] == pytest.approx(by_key["net"])


def test_heat_rows_add_up_to_the_demand_and_the_steam_sent() -> None:
    f = figures(150_000)
    rows = view.heat_rows(f, {key: key for key in view.HEAT_ITEMS}, {"need": "N", "sent": "S"})
    need = {r["key"]: r["tgj"] for r in rows if r["row"] == "N"}
    sent = {r["key"]: r["tgj"] for r in rows if r["row"] == "S"}
    assert sum(need.values()) == pytest.approx(350.4)  # thousand GJ
    assert sum(sent.values()) == pytest.approx(403.5)
    assert sent["steam_unused"] == pytest.approx(53.1)
    assert need["boiler"] == 0
    assert list(view.heat_labels("en")) == list(view.HEAT_ITEMS) == list(view.HEAT_COLOURS)


# --- what the page draws (as data) ----------------------------------------------------------------
def page_figures(steam_t: int, lang: str) -> dict[str, Figure]:
    """The figures the page shows at ``steam_t``, by key, from the data the page gets."""
    plan, factors = scenario_result(PLAN), factors_data()
    result = scenario_result(PLAN, view.overrides(steam_t))
    figures = view.steam_figures(result, scenario_result(PLAN, view.overrides(0)))
    columns = view.shown_figures(figures, steam_t, plan, factors, lang)
    assert [len(column) for column in columns] == [4, 3]
    return {f.key: f for column in columns for f in column}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shown_figures_keys_labels_and_order(lang: str) -> None:
    shown = page_figures(98_000, lang)
    keys = ["fig-steam", "fig-demand", "fig-heat", "fig-boiler", "fig-saved", "fig-kwh", "fig-net"]
    assert list(shown) == keys
    names = ["steam", "demand", "heat", "boiler", "saved", "kwh_given_up", "net"]
    assert [f.label for f in shown.values()] == [t(f"steam.{n}", lang) for n in names]
    assert all(f.value and f.assumption for f in shown.values())
    if lang == "en":
        words = [text for f in shown.values() for text in (f.label, f.value, f.assumption or "")]
        assert contains_cjk("\n".join(words), CJK_ALLOWLIST) == []
    else:
        assert shown["fig-steam"].value.startswith("9.8万")
        assert shown["fig-demand"].value.startswith("35万")  # 350,400 GJ


def test_the_slider_keeps_its_url_key_and_opens_on_the_plan() -> None:
    slider = view.steam_slider(scenario_result(PLAN)["values"], "en")
    assert (slider.name, slider.key, slider.default) == ("steam_t_per_year", "st", 98_000)
    assert (slider.min_value, slider.max_value, slider.step, slider.integer) == (0, 200_000, 2_000, True)
    assert slider.label == t("steam.slider", "en")
    assert view.overrides(slider.default) == {KEY: 98_000}


def test_the_steam_is_the_plans_only_at_the_plans_figure() -> None:
    plan = scenario_result(PLAN)
    assert view.default_steam(plan["values"]) == 98_000
    assert page_figures(98_000, "en")["fig-steam"].provenance == plan["provenance"][KEY]
    assert plan["provenance"][KEY]["kind"] == "plan"  # the plan's 9.8万 t/a, quoted
    moved = page_figures(120_000, "en")
    assert moved["fig-steam"].provenance == {"kind": "override"}
    assert moved["fig-steam"].value.startswith("120,000")
    assert format_quantity(98_000, "t/yr", "en") in moved["fig-steam"].assumption  # the plan's, to compare
    assert "9.8万吨/年" in page_figures(98_000, "zh")["fig-steam"].assumption


def test_shown_figures_follow_the_model() -> None:
    f = figures(120_000)
    shown = page_figures(120_000, "en")
    assert shown["fig-boiler"].value == format_quantity(f.boiler_gas_nm3, "Nm3/yr", "en")
    assert shown["fig-saved"].value == format_quantity(f.saved_co2_t, "t CO2/yr", "en")
    assert shown["fig-net"].value == format_quantity(f.net_co2_t, "t CO2/yr", "en")
    kwh_note = shown["fig-kwh"].assumption
    assert format_quantity(f.kwh_given_up_co2_t, "t CO2/yr", "en") in kwh_note
    assert "0.7119" in kwh_note and "0.5306" in kwh_note
    assert format_quantity(f.boiler_co2_without_t, "t CO2/yr", "en") in shown["fig-saved"].assumption
    assert page_figures(0, "en")["fig-net"].value == format_quantity(0, "t CO2/yr", "en")


def test_wasted_steam_is_said_in_words() -> None:
    assert view.wasted_text(figures(), "en") is None
    f = figures(150_000)
    for lang in ("zh", "en"):
        text = view.wasted_text(f, lang)
        assert format_quantity(f.steam_unused_t, "t/yr", lang) in text
        assert format_quantity(f.demand_steam_t, "t/yr", lang) in text
    # the model's English warning about it is not shown twice
    warnings = plan_result(150_000)["warnings"]
    assert any(w.startswith(view.UNUSED_STEAM_WARNING) for w in warnings)
    assert view.other_warnings(warnings) == [w for w in warnings if "steam is sent" not in w]
    assert view.other_warnings(["something else"]) == ["something else"]


def test_sentences_from_the_numbers() -> None:
    f = figures()
    summary = view.chart_summary_text(f, "en")
    for value in (f.saved_co2_t, f.kwh_given_up_co2_t, f.net_co2_t):
        assert format_quantity(value, "t CO2", "en") in summary
    heat = view.heat_summary_text(f, "en")
    assert format_number(350_400, "en") in heat and "75%" in heat
    for lang in ("zh", "en"):
        ledgers = view.two_ledgers_text(f, lang)
        assert "0.7119" in ledgers and "0.5306" in ledgers


def test_bars_have_words_and_named_colours() -> None:
    assert list(view.bar_labels("en")) == list(view.CHART_ITEMS) == list(view.BAR_COLOURS)
    assert all(name in COLOURS for name in view.BAR_COLOURS.values())
    assert all(name in COLOURS for name in view.HEAT_COLOURS.values())
    assert view.BAR_COLOURS["given_up"] == "amber" and view.BAR_COLOURS["saved"] == "teal"


def test_provenance_items() -> None:
    plan, factors = scenario_result(PLAN), factors_data()
    items = view.provenance_items(plan, factors, "en")
    names = ("steam", "enthalpy", "demand", "boiler", "ncv", "gas_co2", "penalty", "avoided_grid")
    assert [label for label, _ in items] == [t(f"steam.prov.{n}", "en") for n in names]
    assert items[1][1] == factors["provenance"]["constants.steam_enthalpy_gj_per_t"]
    assert items[3][1] == plan["provenance"]["kitchen_waste.boiler_efficiency"]
    assert items[7][1] == plan["provenance"]["scenario.avoided_grid_kg_co2_per_kwh"]
    assert all(source for _, source in items)


# --- the page --------------------------------------------------------------------------------------
def open_steam(lang: str, params: dict[str, str] | None = None) -> AppTest:
    return open_app_page("steam.py", {"lang": lang, **(params or {})})


def metric(at: AppTest, key: str, lang: str) -> str:
    label = t(key, lang)
    return next(f.value for f in shown_cards(at) if f.label == label)


def number_en(text: str) -> float:
    match = re.search(r"([\d,.]+)\s*(million)?", text)
    assert match, text
    return float(match.group(1).replace(",", "")) * (1e6 if match.group(2) else 1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_in_both_languages(lang: str) -> None:
    at = open_steam(lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t("nav.steam", lang)
    bodies = [h.proto.body for h in at.get("html")]
    summaries = [body for body in bodies if body.startswith('<p class="parkloop-summary"')]
    assert len(summaries) == 2  # the heat chart and the ledger chart
    assert not at.warning  # at the plan all the steam is used
    if lang == "zh":
        assert metric(at, "steam.steam", "zh").startswith("9.8万")
    else:
        text = "\n".join([m.value for m in at.markdown] + [f.label for f in shown_cards(at)] + summaries)
        assert contains_cjk(text, CJK_ALLOWLIST) == []
        assert metric(at, "steam.steam", "en").startswith("98,000")
        assert "heat_t_co2_per_gj" not in text and "0.11" not in text


def test_slider_moves_the_figures() -> None:
    at = open_steam("en")
    gas = number_en(metric(at, "steam.boiler", "en"))
    given_up = number_en(metric(at, "steam.kwh_given_up", "en"))
    saved = number_en(metric(at, "steam.saved", "en"))
    at.slider(key="url-st").set_value(120_000).run()
    assert not at.exception
    assert number_en(metric(at, "steam.boiler", "en")) < gas
    assert number_en(metric(at, "steam.kwh_given_up", "en")) > given_up
    assert number_en(metric(at, "steam.saved", "en")) > saved
    assert not at.warning
    at.slider(key="url-st").set_value(150_000).run()
    assert [w.value for w in at.warning] == [view.wasted_text(figures(150_000), "en")]
    assert number_en(metric(at, "steam.boiler", "en")) == 0
    at.slider(key="url-st").set_value(0).run()
    assert number_en(metric(at, "steam.net", "en")) == 0
    assert number_en(metric(at, "steam.saved", "en")) == 0


def test_bad_url_values_fall_back() -> None:
    at = open_steam("en", {"st": "9999999"})
    assert at.slider(key="url-st").value == 98_000
    at = open_steam("en", {"st": "120000"})
    assert at.slider(key="url-st").value == 120_000
