"""Exhibit "solar": the view logic against the model and hand arithmetic, and the page through AppTest."""

from __future__ import annotations

import pytest

from parkloop.content import t
from parkloop.exhibits import solar as view
from parkloop.model import load_scenario
from parkloop.model.factors import load_factors

from ._helpers import metric, model_result, number, open_page

PAGE = "solar"

RESIDENT = load_factors().equivalents["resident_kwh_per_year"]


def test_overrides_and_defaults() -> None:
    assert view.overrides(500, 1150) == {"solar.kwp": 500.0, "solar.kwh_per_kwp": 1150.0}
    plan = load_scenario("plan-2026").values["solar"]
    flat = {"solar.kwp": plan["kwp"], "solar.kwh_per_kwp": plan["kwh_per_kwp"]}
    assert view.defaults(flat) == {"kwp": plan["kwp"], "yield": plan["kwh_per_kwp"]}


def test_figures_by_hand() -> None:
    result = model_result({"solar.kwp": 1000.0, "solar.kwh_per_kwp": 1200.0})
    fig = view.figures(result, RESIDENT)
    assert fig.kwh_per_year == pytest.approx(1_200_000)
    assert fig.simple_t_co2 == pytest.approx(1_200_000 * result["grid_kg_co2_per_kwh"] / 1000)
    # the model credits only exported electricity, shared among generators: never more than kWh × grid
    assert 0 < fig.avoided_t_co2 <= fig.simple_t_co2
    values = load_scenario("plan-2026").values
    use = (
        values["kitchen_waste"]["tonnes_per_day"] * 365 * values["kitchen_waste"]["own_use_kwh_per_tonne"]
        + values["leachate"]["m3_per_day"] * 365 * values["leachate"]["kwh_per_m3"]
        + values["construction_waste"]["tonnes_per_day"] * 365 * values["construction_waste"]["kwh_per_tonne"]
    )
    assert fig.park_use_total_kwh == pytest.approx(use)
    assert fig.share_of_use == pytest.approx(1_200_000 / use)
    assert fig.milestone_share == pytest.approx(1_200_000 / 1_070_000)
    assert fig.residents == pytest.approx(1_200_000 / RESIDENT)


def test_milestone_text_is_honest_about_the_default() -> None:
    plan_fig = view.figures(model_result(), RESIDENT)
    assert plan_fig.milestone_share < 1  # 890 kWp × 1200 = 1,068,000 kWh: just under 1.07 million
    text = view.milestone_text(plan_fig, True, "en")
    assert "99.8%" in text and t("solar.milestone_by_design", "en") in text
    bigger = view.figures(model_result({"solar.kwp": 1000.0}), RESIDENT)
    assert view.milestone_text(bigger, False, "en").endswith("(112.1%).")


def test_no_panels() -> None:
    fig = view.figures(model_result({"solar.kwp": 0.0}), RESIDENT)
    assert fig.kwh_per_year == fig.avoided_t_co2 == fig.share_of_use == 0
    rows = view.chart_rows(fig, "en")
    assert [row["kwh"] for row in rows][0] == 0 and len(rows) == 4


# --------------------------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_with_its_figures(lang: str) -> None:
    at = open_page(PAGE, lang)
    assert not at.exception
    assert [title.value for title in at.title] == [t("nav.solar", lang)]
    labels = {m.label for m in at.metric}
    for key in ("kwh", "avoided", "share", "residents"):
        assert t(f"solar.{key}", lang) in labels
    assert any(t("solar.milestone_by_design", lang) in info.value for info in at.info)
    if lang == "zh":
        assert "万" in metric(at, "solar.kwh", "zh")


def test_more_panels_more_of_everything() -> None:
    at = open_page(PAGE, "en")
    kwh, co2 = number(metric(at, "solar.kwh")), number(metric(at, "solar.avoided"))
    share = number(metric(at, "solar.share"))
    at.slider(key="url-kwp").set_value(2000).run()
    assert number(metric(at, "solar.kwh")) == pytest.approx(2000 * 1200, rel=0.01)
    assert number(metric(at, "solar.kwh")) > kwh
    assert number(metric(at, "solar.avoided")) > co2
    assert number(metric(at, "solar.share")) > share
    assert not any(t("solar.milestone_by_design", "en") in info.value for info in at.info)


def test_yield_slider() -> None:
    at = open_page(PAGE, "en", kwp="1000", yld="1100")
    assert number(metric(at, "solar.kwh")) == pytest.approx(1_100_000, rel=0.01)
    at.slider(key="url-yld").set_value(1300).run()
    assert number(metric(at, "solar.kwh")) == pytest.approx(1_300_000, rel=0.01)


def test_bad_url_values_fall_back() -> None:
    at = open_page(PAGE, "en", kwp="9e99", yld="1000")
    assert not at.exception
    assert at.slider(key="url-kwp").value == 890
    assert at.slider(key="url-yld").value == 1200
