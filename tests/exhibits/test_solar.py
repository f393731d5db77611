"""Exhibit "solar": the view logic against the model and hand arithmetic, and the page through AppTest."""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import solar as view
from parkloop.i18n import contains_cjk, format_number, format_quantity
from parkloop.model import load_scenario
from parkloop.model.factors import load_factors
from parkloop.provenance import ProvenanceView
from parkloop.ui.charts import COLOURS
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from tests.apptest import figures

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
    assert fig.kwh_per_year == pytest.approx(1_200_000)  # 1000 kWp × 1200 kWh/kWp
    # the avoided ledger uses the export factor (North China baseline, 0.7119), not the 0.5306 of buying
    assert fig.grid_kg_co2_per_kwh == 0.7119 and fig.bought_kg_co2_per_kwh == 0.5306
    assert fig.simple_t_co2 == pytest.approx(854.28)  # 1 200 000 × 0.7119 / 1000
    # the plants use (plan-2026): household food waste 800 t/d × 365 × 50 kWh/t = 14.6 million kWh,
    # restaurant food waste 400 × 365 × 50 = 7.3 million, leachate 1800 m³/d × 365 × 20 = 13.14 million,
    # construction waste 1000 × 365 × 4 = 1.46 million: 36.5 million kWh
    assert fig.park_use_kwh == pytest.approx(
        {
            "kitchen_waste": 14_600_000,
            "restaurant_waste": 7_300_000,
            "leachate": 13_140_000,
            "construction_waste": 1_460_000,
        }
    )
    assert fig.park_use_total_kwh == pytest.approx(36_500_000)
    assert fig.share_of_use == pytest.approx(1_200_000 / 36_500_000)  # 3.3 %
    # only exported electricity is credited, shared by generation: the park makes G kWh, uses 36.5
    # million itself, so the PV's credit is 854.28 t × (1 − 36.5 million / G)
    generated = result["totals"]["green_electricity_kwh_per_year"]
    assert fig.avoided_t_co2 == pytest.approx(854.28 * (1 - 36_500_000 / generated))
    assert fig.exported_share == pytest.approx(1 - 36_500_000 / generated)
    assert 0.9 < fig.exported_share < 1
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
    assert [row["kwh"] for row in rows][0] == 0 and len(rows) == 5  # the PV and four plants' use
    assert fig.exported_share == 0


# --------------------------------------------------------------------------------------------
# what the page draws (as data)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shown_figures_one_row_keys_and_labels(lang: str) -> None:
    rows = view.shown_figures(
        view.figures(model_result(), RESIDENT), {"kwp": 890, "kwh_per_kwp": 1200}, RESIDENT, lang
    )
    assert [[f.key for f in row] for row in rows] == [
        ["fig-kwh", "fig-avoided", "fig-share", "fig-residents"]
    ]
    assert [f.label for f in rows[0]] == [
        t(f"solar.{n}", lang) for n in ("kwh", "avoided", "share", "residents")
    ]
    assert [f.provenance for f in rows[0]] == ["model", "model", "model", "rough"]
    if lang == "en":
        words = [text for f in rows[0] for text in (f.label, f.value, f.assumption or "")]
        assert contains_cjk("\n".join(words), CJK_ALLOWLIST) == []


def test_shown_figures_follow_the_model_and_the_sliders() -> None:
    fig = view.figures(model_result({"solar.kwp": 1000.0, "solar.kwh_per_kwp": 1100.0}), RESIDENT)
    kwh, avoided, share, residents = view.shown_figures(
        fig, {"kwp": 1000, "kwh_per_kwp": 1100}, RESIDENT, "en"
    )[0]
    assert kwh.value == format_quantity(1_100_000, "kWh/yr", "en")
    assert format_number(1000, "en") in kwh.assumption and format_number(1100, "en") in kwh.assumption
    assert format_quantity(fig.simple_t_co2, "t CO2/yr", "en") in avoided.assumption
    assert "0.7119" in avoided.assumption and "avoided" in avoided.label.lower()
    assert format_quantity(fig.park_use_total_kwh, "kWh/yr", "en") in share.assumption
    assert residents.value == format_number(1_100_000 / RESIDENT, "en", sig=2)


def test_sliders_keep_their_url_keys_and_open_on_the_plan() -> None:
    columns = view.sliders(model_result()["values"], "en")
    assert [[(s.name, s.key, s.default) for s in column] for column in columns] == [
        [("kwp", "kwp", 890)],
        [("kwh_per_kwp", "yld", 1200)],
    ]
    kwp, yld = columns[0][0], columns[1][0]
    assert (kwp.min_value, kwp.max_value, kwp.step) == (0, 5000, 10)
    assert (yld.min_value, yld.max_value, yld.step) == (1100, 1300, 10)
    assert yld.help == t("solar.yield_help", "en")


def test_is_plan_size_only_at_both_plan_values() -> None:
    values = model_result()["values"]
    assert view.is_plan_size({"kwp": 890, "kwh_per_kwp": 1200}, values)
    assert not view.is_plan_size({"kwp": 900, "kwh_per_kwp": 1200}, values)
    assert not view.is_plan_size({"kwp": 890, "kwh_per_kwp": 1210}, values)


def test_kind_colours_and_simplified_text() -> None:
    assert view.kind_colours("en") == {t("solar.kind.make", "en"): "amber", t("solar.kind.use", "en"): "blue"}
    assert set(view.KIND_COLOURS.values()) <= set(COLOURS)
    fig = view.figures(model_result(), RESIDENT)
    text = view.simplified_text(fig, "en")
    assert "0.7119" in text and "0.5306" in text and "North China" in text
    assert format_number(fig.grid_kg_co2_per_kwh, "en", exact=True) in text


def test_provenance_items() -> None:
    plan, factors = scenario_result(PLAN), factors_data()
    items = view.provenance_items(plan, factors, "zh")
    assert [label for label, _ in items] == [
        t(f"solar.in.{n}", "zh") for n in ("kwp", "yield", "grid", "milestone", "resident")
    ]
    assert items[0][1] == plan["provenance"]["solar.kwp"]
    assert items[0][1]["kind"] == "illustrative"  # sized from the 2025 milestone, not in the plan
    assert items[2][1] == plan["provenance"]["scenario.avoided_grid_kg_co2_per_kwh"]
    assert "North China" in items[2][1]["note"]
    milestone = items[3][1]
    assert isinstance(milestone, ProvenanceView) and milestone.kind == "plan"
    assert milestone.detail == t("solar.prov.milestone", "zh")
    assert items[4][1] == factors["provenance"]["equivalents.resident_kwh_per_year"]


# --------------------------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_with_its_figures(lang: str) -> None:
    at = open_page(PAGE, lang)
    assert not at.exception
    assert [title.value for title in at.title] == [t("nav.solar", lang)]
    labels = {f.label for f in figures(at)}
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
