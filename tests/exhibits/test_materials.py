"""Exhibit "materials": the view logic against the model and hand arithmetic, and the page through AppTest."""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits import materials as view
from parkloop.i18n import contains_cjk, format_number, format_quantity
from parkloop.model.factors import load_factors
from parkloop.ui.charts import COLOURS
from parkloop.ui.model_data import PLAN, factors_data, scenario_result
from tests.apptest import figures

from ._helpers import metric, model_result, number, open_page

PAGE = "materials"

FACTORS = load_factors()
AGG = FACTORS.constants["natural_aggregate_kg_co2_per_t"]
BRICK = FACTORS.constants["fired_brick_kg_co2_per_t"]


def test_overrides() -> None:
    assert view.overrides(2000, 85, 60, 50) == {
        "construction_waste.tonnes_per_day": 2000.0,
        "construction_waste.recycled_fraction": 0.85,
        "construction_waste.aggregate_share": 0.6,
        "incineration.bottom_ash_recycled_fraction": 0.5,
    }


def test_the_factors_are_labelled_estimates() -> None:
    """The page shows these two as the project's own assumption; if someone cites them, update the page."""
    for key in ("natural_aggregate_kg_co2_per_t", "fired_brick_kg_co2_per_t"):
        assert FACTORS.provenance[f"constants.{key}"].startswith("illustrative:")


def test_figures_by_hand() -> None:
    result = model_result(
        {"construction_waste.tonnes_per_day": 1000.0, "construction_waste.recycled_fraction": 0.9}
    )
    fig = view.figures(result, AGG, BRICK)
    recycled = 1000 * 365 * 0.9
    assert fig.aggregate_t == pytest.approx(recycled * 0.7)
    assert fig.bricks_from_rubble_t == pytest.approx(recycled * 0.3)
    assert fig.rejects_t == pytest.approx(1000 * 365 * 0.1)
    # bottom ash from the incinerator (plan-2026): 4000 t/d × 365 = 1 460 000 t of garbage plus the
    # digestate of 1200 t/d of food waste × 365 × 0.32 = 140 160 t; 20 % ash = 320 032 t; 90 % into bricks
    assert fig.bottom_ash_t == pytest.approx(320_032)
    assert fig.bricks_from_ash_t == pytest.approx(288_028.8)
    assert fig.ash_landfilled_t == pytest.approx(32_003.2)
    # avoided ledger: 229 950 t aggregate × 5 kg + (98 550 + 288 028.8) t bricks × 200 kg
    assert (AGG, BRICK) == (5.0, 200.0)
    assert fig.avoided_aggregate_t_co2 == pytest.approx(1_149.75)
    assert fig.avoided_bricks_t_co2 == pytest.approx(77_315.76)
    # the page's split of the avoided CO2 adds up to the model's own total
    assert fig.avoided_t_co2 == pytest.approx(78_465.51)


def test_materials_are_in_the_avoided_ledger_not_the_inventory() -> None:
    result = model_result()
    assert result["chains"]["construction_waste"]["emissions_t_co2e_per_year"] == 0
    assert result["ledger"]["avoided"]["recycled_materials"] == pytest.approx(78_465.51)
    for lang, words in (("zh", "替代减排"), ("en", "Avoided elsewhere")):
        assert t("materials.avoided", lang).startswith(words)
    assert "never subtracted" in t("materials.avoided_note", "en", aggregate="", bricks="")
    assert "不互相抵消" in t("materials.avoided_note", "zh", aggregate="", bricks="")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bottom_ash_comes_from_incineration_and_landfill_is_no_credit(lang: str) -> None:
    assert ("清洁焚烧中心" if lang == "zh" else "waste-to-energy plant") in t("materials.ash_help", lang)
    fig = view.figures(model_result(), AGG, BRICK)
    text = view.factors_text(fig, dict(FACTORS.constants), lang)
    assert format_quantity(32_003.2, "t/yr", lang) in text  # the ash not made into bricks
    assert ("甲烷" if lang == "zh" else "methane") in text  # inert: the model gives it none
    assert ("替代减排" if lang == "zh" else "avoided elsewhere") in text


def test_more_bricks_avoid_more_co2() -> None:
    aggregate_heavy = view.figures(model_result({"construction_waste.aggregate_share": 1.0}), AGG, BRICK)
    brick_heavy = view.figures(model_result({"construction_waste.aggregate_share": 0.0}), AGG, BRICK)
    assert brick_heavy.avoided_t_co2 > aggregate_heavy.avoided_t_co2
    assert aggregate_heavy.bricks_from_rubble_t == 0


def test_chart_rows_and_summary() -> None:
    fig = view.figures(model_result(), AGG, BRICK)
    rows = view.chart_rows(fig, "en")
    assert sum(row["tonnes"] for row in rows) == pytest.approx(fig.aggregate_t + fig.bricks_t + fig.rejects_t)
    text = view.chart_summary_text(fig, "en")
    assert "230,000" in text  # 1000 t/d × 365 × 90 % × 70 % = 229,950 → three significant figures
    empty = view.figures(
        model_result(
            {"construction_waste.tonnes_per_day": 0.0, "incineration.bottom_ash_recycled_fraction": 0.0}
        ),
        AGG,
        BRICK,
    )
    assert view.chart_summary_text(empty, "en") == t("materials.summary_none", "en")


# --------------------------------------------------------------------------------------------
# what the page draws (as data)
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_shown_figures_one_row_keys_and_labels(lang: str) -> None:
    rows = view.shown_figures(view.figures(model_result(), AGG, BRICK), lang)
    assert [[f.key for f in row] for row in rows] == [["fig-aggregate", "fig-bricks", "fig-avoided"]]
    assert [f.label for f in rows[0]] == [
        t(f"materials.{n}", lang) for n in ("aggregate_out", "bricks_out", "avoided")
    ]
    if lang == "en":
        words = [text for f in rows[0] for text in (f.label, f.value, f.assumption or "")]
        assert contains_cjk("\n".join(words), CJK_ALLOWLIST) == []


def test_sliders_keep_their_url_keys_and_open_on_the_plan() -> None:
    columns = view.sliders(model_result()["values"], "en")
    assert [[s.key for s in column] for column in columns] == [["t", "rec"], ["agg", "ash"]]
    sliders = {s.key: s for column in columns for s in column}
    assert {key: s.default for key, s in sliders.items()} == pytest.approx(
        {"t": 1000, "rec": 90, "agg": 70, "ash": 90}
    )
    assert (sliders["rec"].min_value, sliders["rec"].max_value, sliders["rec"].step) == (50, 100, 1)
    assert [sliders[k].help for k in ("rec", "agg", "ash")] == [
        t(f"materials.{n}_help", "en") for n in ("recycled", "aggregate", "ash")
    ]
    assert sliders["t"].help is None and sliders["t"].format is None
    values = {s.name: s.default for s in sliders.values()}
    assert view.overrides(**values) == view.overrides(1000, 90, 70, 90)


def test_shown_figures_follow_the_model() -> None:
    fig = view.figures(model_result({"construction_waste.aggregate_share": 0.3}), AGG, BRICK)
    aggregate, bricks, avoided = view.shown_figures(fig, "en")[0]
    assert aggregate.value == format_quantity(fig.aggregate_t, "t/yr", "en")
    assert bricks.value == format_quantity(fig.bricks_t, "t/yr", "en")
    assert format_quantity(fig.bricks_from_ash_t, "t", "en") in bricks.assumption
    assert avoided.value == format_quantity(fig.avoided_t_co2, "t CO2/yr", "en")
    assert format_quantity(fig.avoided_bricks_t_co2, "t CO2", "en") in avoided.assumption


def test_the_factors_text_and_the_brick_to_aggregate_ratio() -> None:
    constants = dict(FACTORS.constants)
    assert view.brick_to_aggregate_ratio(constants) == pytest.approx(BRICK / AGG)
    assert view.brick_to_aggregate_ratio({**constants, "natural_aggregate_kg_co2_per_t": 0}) == 0
    fig = view.figures(model_result(), AGG, BRICK)
    text = view.factors_text(fig, constants, "en")
    assert format_number(BRICK / AGG, "en") in text
    assert format_quantity(fig.rejects_t, "t/yr", "en") in text
    assert format_number(AGG, "zh") in view.simplified_text(constants, "zh")


def test_origin_colours_are_named_in_words() -> None:
    colours = view.origin_colours("en")
    assert colours == {t("materials.origin.rubble", "en"): "stone", t("materials.origin.ash", "en"): "amber"}
    assert set(colours.values()) <= set(COLOURS)


def test_provenance_items() -> None:
    plan, factors = scenario_result(PLAN), factors_data()
    items = view.provenance_items(plan, factors, "en")
    assert len(items) == 9
    labels = dict(items)
    assert labels[t("materials.in.incineration", "en")]["kind"] == "derived"  # 1600 + the plan's 2400 t/d
    assert "plan value" not in " ".join(labels)
    assert items[0] == (
        t("materials.in.aggregate_factor", "en"),
        factors["provenance"]["constants.natural_aggregate_kg_co2_per_t"],
    )
    assert items[5] == (
        t("materials.in.ash", "en"),
        plan["provenance"]["incineration.bottom_ash_recycled_fraction"],
    )


# --------------------------------------------------------------------------------------------
# the page
# --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_page_runs_with_its_figures(lang: str) -> None:
    at = open_page(PAGE, lang)
    assert not at.exception
    assert [title.value for title in at.title] == [t("nav.materials", lang)]
    labels = {f.label for f in figures(at)}
    for key in ("aggregate_out", "bricks_out", "avoided"):
        assert t(f"materials.{key}", lang) in labels


def test_aggregate_slider_trades_aggregate_for_bricks_and_co2() -> None:
    at = open_page(PAGE, "en")
    aggregate, bricks = (
        number(metric(at, "materials.aggregate_out")),
        number(metric(at, "materials.bricks_out")),
    )
    avoided = number(metric(at, "materials.avoided"))
    at.slider(key="url-agg").set_value(30).run()
    assert number(metric(at, "materials.aggregate_out")) < aggregate
    assert number(metric(at, "materials.bricks_out")) > bricks
    assert number(metric(at, "materials.avoided")) > avoided


def test_tonnes_and_ash_sliders() -> None:
    at = open_page(PAGE, "en", t="2000")
    assert number(metric(at, "materials.aggregate_out")) == pytest.approx(2000 * 365 * 0.9 * 0.7, rel=0.01)
    bricks = number(metric(at, "materials.bricks_out"))
    at.slider(key="url-ash").set_value(0).run()
    without_ash = number(metric(at, "materials.bricks_out"))
    assert without_ash == pytest.approx(2000 * 365 * 0.9 * 0.3, rel=0.01)
    assert without_ash < bricks


def test_bad_url_values_fall_back() -> None:
    at = open_page(PAGE, "en", t="-100", rec="1e309", agg="x", ash="<img>")
    assert not at.exception
    assert at.slider(key="url-t").value == 1000
    assert at.slider(key="url-rec").value == 90
    assert at.slider(key="url-agg").value == 70
    assert at.slider(key="url-ash").value == 90
