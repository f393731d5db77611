"""The "waste heat → steam" exhibit: its figures by hand from the factors, their direction as the steam
grows, and the page in both languages with its slider moved (AppTest)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import steam as view
from parkloop.i18n import contains_cjk
from parkloop.model import evaluate, evaluate_dict, load_scenario
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
