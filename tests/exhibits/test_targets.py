"""parkloop.exhibits.targets: what the targets page shows, without Streamlit — signs, units, statuses,
levers and provenance, in both languages."""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, page_section, t
from parkloop.exhibits.targets import (
    COMPARISON_TOTALS,
    chart_rows,
    chart_summary_fields,
    chart_summary_text,
    comparison_views,
    page_title,
    provenance_fields,
    target_views,
)
from parkloop.i18n import MINUS, NBSP, contains_cjk, format_quantity
from parkloop.model import evaluate, load_scenario
from parkloop.model.targets import track_targets
from parkloop.provenance import describe_provenance, source_label

SOURCES = {
    "mee-nbs-2023-grid": {
        "title": "关于发布2023年电力二氧化碳排放因子的公告（公告2025年第47号）",
        "publisher": (
            "生态环境部 国家统计局 "
            "(Ministry of Ecology and Environment; National Bureau of Statistics of China)"
        ),
        "year": 2025,
        "verified": False,
    },
    "gbt-32150-2025": {
        "title": (
            "GB/T 32150—2025 工业企业温室气体排放核算和报告通则 "
            "(General guideline of greenhouse gas emissions)"
        ),
        "year": 2025,
        "verified": True,
    },
    "ipcc-2006-v5": {"title": "2006 IPCC Guidelines, Volume 5: Waste", "year": 2006, "verified": True},
}


def row(**overrides):
    base = {
        "id": "capacity",
        "plan_section": "表1-1 #3; 二(一)1",
        "target": 3000.0,
        "unit": "t/d",
        "kind": "delta_abs",
        "baseline_value": 3000.0,
        "plan_value": 6200.0,
        "model_value": 3200.0,
        "status": "met",
        "gap": 0.0,
        "levers": [
            {"lever": "capacity.incineration", "value": 2400.0},
            {"lever": "capacity.kitchen_waste", "value": 800.0},
            {"lever": "capacity.construction_waste", "value": 0.0},
        ],
        "note": "capacity_note",
    }
    base.update(overrides)
    return base


def test_capacity_row_in_both_languages() -> None:
    zh, en = target_views([row()], "zh")[0], target_views([row()], "en")[0]
    assert zh.indicator == "园区综合处理能力" and en.indicator == "Treatment capacity of the park"
    assert zh.target_text == "+3000吨/日" and en.target_text == f"+3,000{NBSP}t/d"
    assert en.model_text == f"+3,200{NBSP}t/d"
    assert en.status == "met" and en.status_text == "✓ Met" and zh.status_text == "✓ 已达到"
    assert en.plan_section == "Table 1-1 #3; section 2(1)1"
    # zero levers are left out; the rest keep their order
    assert [lever.label for lever in en.levers] == [
        "incineration capacity",
        "household food-waste plant capacity",
    ]
    assert all(lever.helps for lever in en.levers)


def test_relative_targets_show_the_direction() -> None:
    intensity = row(
        id="intensity",
        target=6.0,
        unit="% lower",
        kind="delta_rel",
        baseline_value=269.8,
        plan_value=321.5,
        model_value=-19.16,
        status="short",
        gap=25.16,
        levers=[],
    )
    view = target_views([intensity], "en")[0]
    assert view.target_text == f"{MINUS}6%"
    assert view.model_text == "+19.2%"
    assert view.status_text == "✗ Short by 25.2 percentage points"
    assert target_views([intensity], "zh")[0].status_text == "✗ 还差25.2个百分点"
    assert view.baseline_text == f"270{NBSP}kg{NBSP}CO₂e/t"


def test_co2_cut_is_shown_as_a_fall_with_the_period_left_open_as_the_plan_leaves_it() -> None:
    cut = row(id="co2_reduction", target=180000.0, unit="t CO2e/yr", model_value=579259.0, levers=[])
    zh, en = target_views([cut], "zh")[0], target_views([cut], "en")[0]
    assert zh.target_text == f"{MINUS}18万吨CO₂e"  # the plan gives 18万 t no period: no "/年"
    assert en.target_text == f"{MINUS}180,000{NBSP}t{NBSP}CO₂e"
    assert en.model_text == f"{MINUS}579,000{NBSP}t{NBSP}CO₂e/yr"  # the model's change is a year's
    assert zh.model_text.endswith("吨CO₂e/年")


def test_not_modelled_rows() -> None:
    platform = row(
        id="platform",
        target=None,
        unit="",
        kind="not_modelled",
        baseline_value=None,
        plan_value=None,
        model_value=None,
        status="not_modelled",
        gap=None,
        levers=[],
        note="platform_note",
    )
    view = target_views([platform], "en")[0]
    assert (view.target_text, view.model_text, view.status_text) == ("Built", "—", "○ Not modelled")
    assert view.note.startswith("The smart management platform")


def test_unknown_status_and_lever_do_not_break() -> None:
    odd = row(status="exploded", levers=[{"lever": "mystery.new_lever", "value": 5.0}])
    view = target_views([odd], "en")[0]
    assert view.status == "not_modelled"
    assert view.levers[0].label == "new lever"


def test_provenance_words() -> None:
    plan = describe_provenance(
        {"kind": "plan", "ref": "二(一)1", "note": "the 2400 t/d project, 14万 t/a"}, "en", {}
    )
    assert plan.label == "Park plan (section 2(1)1)"
    assert plan.detail == "the 2400 t/d project, 140,000 t/a"
    assert (
        describe_provenance({"kind": "plan", "ref": "二(一)1", "note": ""}, "zh", {}).label
        == "园区实施方案（二(一)1）"
    )

    cited = describe_provenance(
        {"kind": "cited", "ref": "mee-nbs-2023-grid", "note": "national"}, "en", SOURCES
    )
    assert cited.label == (
        "Source: Ministry of Ecology and Environment; National Bureau of Statistics of China, 2025"
        " (not yet checked against the original)"
    )
    cited_zh = describe_provenance({"kind": "cited", "ref": "mee-nbs-2023-grid", "note": ""}, "zh", SOURCES)
    assert cited_zh.label.startswith("来源：关于发布2023年电力二氧化碳排放因子的公告")

    estimate = describe_provenance(
        {"kind": "illustrative", "ref": "the park's figure is not published", "note": ""}, "en", {}
    )
    assert estimate.label == "Estimate (the project's own assumption)"
    default = describe_provenance(
        {"kind": "default", "ref": "schema", "note": "illustrative: round prices"}, "en", {}
    )
    assert (default.kind, default.detail) == ("illustrative", "round prices")
    assert describe_provenance(None, "en", {}).label == "Source not recorded"


def test_source_labels_in_english_have_no_chinese() -> None:
    assert source_label("gbt-32150-2025", "en", SOURCES) == (
        "GB/T 32150—2025 (General guideline of greenhouse gas emissions), 2025"
    )
    assert source_label("ipcc-2006-v5", "en", SOURCES) == "2006 IPCC Guidelines, Volume 5: Waste, 2006"
    assert source_label("unknown-id", "en", SOURCES) == "unknown-id"
    for source_id in SOURCES:
        assert contains_cjk(source_label(source_id, "en", SOURCES)) == []


@pytest.fixture(scope="module")
def model():
    baseline, plan = evaluate(load_scenario("baseline-2023")), evaluate(load_scenario("plan-2026"))
    return baseline, plan, track_targets(baseline, plan)


def test_real_model_rows_in_english_are_english(model) -> None:
    baseline, plan, rows = model
    views = target_views(rows, "en")
    assert [view.id for view in views] == [r["id"] for r in rows]
    for view in views:
        texts = [
            view.indicator,
            view.target_text,
            view.model_text,
            view.status_text,
            view.note,
            view.plan_section,
        ]
        texts += [lever.label for lever in view.levers]
        assert contains_cjk(" ".join(texts), CJK_ALLOWLIST) == [], view.id
        assert not any(text.startswith("lever.") or text.startswith("targets.") for text in texts), view.id


def test_comparison_and_chart(model) -> None:
    baseline, plan, _ = model
    rows = comparison_views(baseline.totals, plan.totals, "en")
    assert [r.key for r in rows] == [key for key, _ in COMPARISON_TOTALS]
    assert all(r.label and r.baseline_text != "—" for r in rows)
    waste = rows[0]
    assert waste.label == "Waste treated" and waste.baseline_text == f"1.1 million{NBSP}t/yr"
    zh_rows = comparison_views(baseline.totals, plan.totals, "zh")
    assert zh_rows[0].baseline_text == "110万吨/年"

    chart = chart_rows(baseline.totals, plan.totals, "zh")
    assert len(chart) == 6
    assert {r["scenario"] for r in chart} == {"2023年（基准）", "2026年（方案）"}
    emissions_2023 = next(r for r in chart if r["order"] == 0 and r["scenario"].startswith("2023"))
    assert emissions_2023["value"] == pytest.approx(baseline.totals["emissions_t_co2e_per_year"] / 10_000)
    fields = chart_summary_fields(baseline.totals, plan.totals, "en")
    assert set(fields) == {f"{n}_{s}" for n in ("emissions", "avoided", "net") for s in ("base", "plan")}


def test_met_by_construction_says_so() -> None:
    water = row(
        id="water_reuse", target=95.0, unit="%", kind="level", baseline_value=80.0, plan_value=95.0,
        model_value=95.0, by_construction=True, note="water_reuse_note",
        levers=[{"lever": "leachate.reuse_rate", "value": 15.0, "unit": "percentage points"}],
    )  # fmt: skip
    en, zh = target_views([water], "en")[0], target_views([water], "zh")[0]
    assert en.status == "met" and en.by_construction
    assert en.status_text == "✓ Met (the plan's figure is an input)"
    assert zh.status_text == "✓ 已达到（方案数值即输入）"
    assert (en.target_text, en.model_text, en.baseline_text) == ("95%", "95%", "80%")
    assert en.levers[0].value_text == "+15 percentage points"
    assert zh.levers[0].value_text == "+15个百分点"


def test_lever_units_from_the_model_win() -> None:
    synergy = row(
        id="synergy", target=5.0, unit="% higher", kind="delta_rel", baseline_value=59.0, plan_value=65.8,
        model_value=11.5, note="synergy_note",
        levers=[{"lever": "synergy.energy", "value": 2.72, "unit": "points"},
                {"lever": "synergy.material", "value": 2.69}],
    )  # fmt: skip
    view = target_views([synergy], "en")[0]
    assert [lever.value_text for lever in view.levers] == ["+2.72 points", "+2.69 points"]
    assert (view.baseline_text, view.plan_text) == ("59 out of 100", "65.8 out of 100")


def test_met_on_illustrative_prices_says_so() -> None:
    value = row(
        id="output_value", target=5.0, unit="% higher", kind="delta_rel", baseline_value=1.0e9,
        plan_value=2.0e9, model_value=100.0, illustrative=True, note="output_value_note",
    )  # fmt: skip
    en, zh = target_views([value], "en")[0], target_views([value], "zh")[0]
    assert en.status == "met"
    assert "illustrative" in en.status_text and "示意" in zh.status_text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_chart_summary_adds_a_sentence_when_net_is_below_zero(model, lang: str) -> None:
    baseline, plan, _ = model
    below = dict(plan.totals, net_t_co2e_per_year=-1.0)
    above = dict(plan.totals, net_t_co2e_per_year=1.0)
    fields = chart_summary_fields(baseline.totals, above, lang)
    sentence = page_section("targets", "chart_summary", lang, **fields)
    assert chart_summary_text(baseline.totals, above, lang) == sentence
    assert chart_summary_text(baseline.totals, below, lang) == (
        page_section("targets", "chart_summary", lang, **chart_summary_fields(baseline.totals, below, lang))
        + " "
        + page_section("targets", "net_negative", lang)
    )
    assert page_title(lang) == t("targets.title", lang) != t("nav.targets", lang)


def test_provenance_fields_quote_the_grid_and_the_gwp(model) -> None:
    baseline, plan, _ = model
    data = {
        "baseline": {"totals": dict(baseline.totals)},
        "plan": {
            "totals": dict(plan.totals),
            "provenance": {
                "scenario.grid_kg_co2_per_kwh": {"kind": "cited", "ref": "mee-nbs-2023-grid"},
                "scenario.avoided_grid_kg_co2_per_kwh": {"kind": "cited", "ref": "mee-grid-baseline-2019"},
            },
        },
        "grid_name": None,
        "grid_kg_co2_per_kwh": 0.5366,
        "avoided_grid_kg_co2_per_kwh": 0.7119,
        "gwp": "ar5",
        "gwp_values": {"ch4": 28, "n2o": 265},
        "sources": SOURCES,
    }
    fields = provenance_fields(data, "en")
    assert fields["grid_name"] == t("grid.other", "en")
    assert fields["grid_value"] == "0.5366"
    assert (
        fields["grid_source"]
        == describe_provenance(
            data["plan"]["provenance"]["scenario.grid_kg_co2_per_kwh"], "en", SOURCES
        ).label
    )
    assert (fields["ch4"], fields["n2o"]) == ("28", "265")
    # v2: the factor of exported electricity is named beside the factor of electricity bought
    assert fields["avoided_grid_value"] == "0.7119"
    assert "2019" in fields["avoided_grid_source"]
    assert fields["biogenic_plan"] == format_quantity(
        plan.totals["biogenic_co2_t_per_year"], "t CO2/yr", "en"
    )
    assert contains_cjk(" ".join(fields.values()), CJK_ALLOWLIST) == []
    assert provenance_fields({**data, "gwp": "unknown-set"}, "en")["gwp"] == "unknown-set"


def test_unconfirmed_row_says_why() -> None:
    # a CO2 row the model reaches while the plan's method is not published is never shown as "met"
    co2 = row(
        id="co2_reduction",
        target=180_000.0,
        unit="t CO2e/yr",
        kind="delta_abs",
        model_value=250_000.0,
        status="unconfirmed",
        gap=0.0,
        reproducible=False,
        note="co2_reduction_note",
        details={"inventory_change_t": -200_000.0, "avoided_change_t": 50_000.0},
    )
    for lang in ("zh", "en"):
        view = target_views([co2], lang)[0]
        assert view.status == "unconfirmed"
        assert view.status_text == t("targets.status.unconfirmed", lang) != t("targets.status.met", lang)
    en = target_views([co2], "en")[0]
    assert "{" not in en.note and f"−200,000{NBSP}t" in en.note and f"−250,000{NBSP}t" in en.note
