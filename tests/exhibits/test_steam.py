"""The "waste heat → steam" exhibit: its figures by hand from the factors, their direction as the steam
grows, and the page in both languages with its slider moved (AppTest)."""

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


def test_figures_at_the_plan_by_hand() -> None:
    f = figures()
    assert f.steam_t == 98_000
    heat = 98_000 * 2.69  # GJ: steam tables, 20 °C water → saturated steam at 1.0 MPa
    assert f.heat_gj == pytest.approx(heat)
    assert f.gas_nm3 == pytest.approx(heat * 1000 / 38.931)  # GB/T 32151: 389.31 GJ per 10⁴ Nm³
    assert f.gas_co2_t == pytest.approx(heat * 1000 / 38.931 * 2.162 / 1000)
    assert f.avoided_co2_t == pytest.approx(heat * 0.11)  # GB/T 32150 purchased heat
    assert f.kwh_given_up == pytest.approx(98_000 * 110)
    assert f.kwh_given_up_co2_t == pytest.approx(98_000 * 110 * 0.5306 / 1000)
    assert f.net_co2_t == pytest.approx(heat * 0.11 - 98_000 * 110 * 0.5306 / 1000)
    # a gas boiler emits about half the accounting factor per GJ: the page explains the difference
    assert f.gas_factor_t_per_gj == pytest.approx(2.162 / 38.931)
    assert f.gas_co2_t < f.avoided_co2_t


def test_no_steam_no_figures() -> None:
    f = figures(0)
    assert (f.steam_t, f.heat_gj, f.gas_nm3, f.avoided_co2_t, f.kwh_given_up, f.net_co2_t) == (
        0,
        0,
        0,
        0,
        0,
        0,
    )


def test_more_steam_saves_more_gas_and_gives_up_more_power() -> None:
    small, large = figures(50_000), figures(150_000)
    assert large.gas_nm3 > small.gas_nm3
    assert large.kwh_given_up > small.kwh_given_up
    assert large.net_co2_t > small.net_co2_t > 0
    assert large.heat_share > small.heat_share


def test_chart_rows_sign_and_order() -> None:
    f = figures()
    rows = view.chart_rows(f, {key: key for key in view.CHART_ITEMS})
    assert [r["key"] for r in rows] == list(view.CHART_ITEMS)
    by_key = {r["key"]: r["kt"] for r in rows}
    assert by_key["given_up"] < 0 < by_key["net"] < by_key["avoided"]
    assert by_key["avoided"] + by_key["given_up"] == pytest.approx(by_key["net"])


# --- what the page draws (as data) ----------------------------------------------------------------
def page_figures(steam_t: int, lang: str) -> dict[str, Figure]:
    """The figures the page shows at ``steam_t``, by key, from the data the page gets."""
    plan, factors = scenario_result(PLAN), factors_data()
    result = scenario_result(PLAN, view.overrides(steam_t))
    figures = view.steam_figures(result, scenario_result(PLAN, view.overrides(0)))
    columns = view.shown_figures(figures, steam_t, plan, factors, lang)
    assert [len(column) for column in columns] == [3, 3]
    return {f.key: f for column in columns for f in column}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shown_figures_keys_labels_and_order(lang: str) -> None:
    shown = page_figures(98_000, lang)
    assert list(shown) == ["fig-steam", "fig-gas", "fig-kwh", "fig-heat", "fig-avoided", "fig-net"]
    names = ["steam", "gas", "kwh_given_up", "heat", "avoided", "net"]
    assert [f.label for f in shown.values()] == [t(f"steam.{n}", lang) for n in names]
    if lang == "en":
        words = [text for f in shown.values() for text in (f.label, f.value, f.assumption or "")]
        assert contains_cjk("\n".join(words), CJK_ALLOWLIST) == []
    else:
        assert shown["fig-steam"].value.startswith("9.8万")


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
    moved = page_figures(120_000, "en")
    assert moved["fig-steam"].provenance == {"kind": "override"}
    assert moved["fig-steam"].value.startswith("120,000")
    assert (
        format_quantity(98_000, "t/yr", "en") in moved["fig-steam"].assumption
    )  # the plan's, for comparison


def test_shown_figures_follow_the_model() -> None:
    f = figures(150_000)
    shown = page_figures(150_000, "en")
    assert shown["fig-gas"].value == format_quantity(f.gas_nm3, "Nm3/yr", "en")
    assert shown["fig-net"].value == format_quantity(f.net_co2_t, "t CO2/yr", "en")
    assert format_quantity(f.kwh_given_up_co2_t, "t CO2/yr", "en") in shown["fig-kwh"].assumption
    assert page_figures(0, "en")["fig-net"].value == format_quantity(0, "t CO2/yr", "en")


def test_sentences_from_the_numbers() -> None:
    f = figures()
    summary = view.chart_summary_text(f, "en")
    for value in (f.avoided_co2_t, f.gas_co2_t, f.kwh_given_up_co2_t, f.net_co2_t):
        assert format_quantity(value, "t CO2", "en") in summary
    factors = view.two_factors_text(f, "zh")
    assert format_number(f.gas_factor_t_per_gj, "zh", sig=2) in factors
    assert format_number(f.heat_factor_t_per_gj, "zh") in factors


def test_bars_have_words_and_named_colours() -> None:
    assert list(view.bar_labels("en")) == list(view.CHART_ITEMS) == list(view.BAR_COLOURS)
    assert all(name in COLOURS for name in view.BAR_COLOURS.values())
    assert view.BAR_COLOURS["given_up"] == "amber" and view.BAR_COLOURS["avoided"] == "teal"


def test_provenance_items() -> None:
    plan, factors = scenario_result(PLAN), factors_data()
    items = view.provenance_items(plan, factors, "en")
    assert [label for label, _ in items] == [
        t(f"steam.prov.{n}", "en")
        for n in ("steam", "enthalpy", "ncv", "gas_co2", "heat_factor", "penalty", "grid")
    ]
    assert items[1][1] == factors["provenance"]["constants.steam_enthalpy_gj_per_t"]
    assert items[6][1] == plan["provenance"]["scenario.grid_kg_co2_per_kwh"]


# --- the page --------------------------------------------------------------------------------------
def open_steam(lang: str, params: dict[str, str] | None = None) -> AppTest:
    return open_app_page("steam.py", {"lang": lang, **(params or {})})


def metric(at: AppTest, key: str, lang: str) -> str:
    label = t(key, lang)
    return next(m.value for m in at.metric if m.label == label)


def number_en(text: str) -> float:
    match = re.search(r"([\d,.]+)\s*(million)?", text)
    assert match, text
    return float(match.group(1).replace(",", "")) * (1e6 if match.group(2) else 1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_in_both_languages(lang: str) -> None:
    at = open_steam(lang)
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value == t("nav.steam", lang)
    summaries = [h.proto.body for h in at.get("html") if "parkloop-summary" in h.proto.body]
    assert summaries
    if lang == "zh":
        assert metric(at, "steam.steam", "zh").startswith("9.8万")
    else:
        text = "\n".join([m.value for m in at.markdown] + [m.label for m in at.metric] + summaries)
        assert contains_cjk(text, CJK_ALLOWLIST) == []
        assert metric(at, "steam.steam", "en").startswith("98,000")


def test_slider_moves_the_figures() -> None:
    at = open_steam("en")
    gas = number_en(metric(at, "steam.gas", "en"))
    given_up = number_en(metric(at, "steam.kwh_given_up", "en"))
    at.slider(key="url-st").set_value(150_000).run()
    assert not at.exception
    assert number_en(metric(at, "steam.gas", "en")) > gas
    assert number_en(metric(at, "steam.kwh_given_up", "en")) > given_up
    at.slider(key="url-st").set_value(0).run()
    assert number_en(metric(at, "steam.net", "en")) == 0


def test_bad_url_values_fall_back() -> None:
    at = open_steam("en", {"st": "9999999"})
    assert at.slider(key="url-st").value == 98_000
    at = open_steam("en", {"st": "120000"})
    assert at.slider(key="url-st").value == 120_000
