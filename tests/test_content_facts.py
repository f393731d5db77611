"""The content review's facts, as the pages now say them (issue 16 §2): each test fails on the old words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from parkloop.content import CONTENT_DIR, page_section, t
from parkloop.kiosk import attract
from parkloop.live import FIELD_NAMES, Reading
from parkloop.model import evaluate, load_scenario

NOW = datetime(2026, 5, 1, 4, 0, tzinfo=UTC)


def _reading(status: str) -> Reading:
    values = dict.fromkeys(FIELD_NAMES)
    values.update(waste_received_today_t=1000.0, power_output_mw=69.2)
    return Reading(NOW, "test", status, values, checked_at=NOW)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def plan() -> dict:
    scenario = load_scenario("plan-2026")
    return {
        "totals": dict(evaluate(scenario).totals),
        "values": {"incineration.net_kwh_per_tonne": scenario.values["incineration"]["net_kwh_per_tonne"]},
        "provenance": {"incineration.net_kwh_per_tonne": {"kind": "illustrative"}},
    }


def test_simulated_feed_numbers_say_so_in_the_headline(plan: dict) -> None:
    simulated = {s.name: s for s in attract.slides(plan, _reading("simulated"))}
    live = {s.name: s for s in attract.slides(plan, _reading("live"))}
    for name in ("today", "now"):
        assert simulated[name].headline["zh"].endswith("（模拟）"), simulated[name].headline["zh"]
        assert simulated[name].headline["en"].endswith("(simulated)")
        assert "模拟" not in live[name].headline["zh"] and "simulated" not in live[name].headline["en"]


def test_model_results_are_estimates_of_the_plans_scenario(plan: dict) -> None:
    """The plan has none of these numbers: they are the model's, for the plan's scenario."""
    for key in (
        "kiosk.slide.year",
        "kiosk.slide.carbon",
        "kiosk.slide.water",
        "home.plan_year",
        "home.today",
    ):
        assert "估算" in t(key, "zh") and "方案情景" in t(key, "zh"), key
        assert "would" in t(key, "en") and "model" in t(key, "en"), key
    assert "估算" in t("home.plan_carbon", "zh") and "model" in t("home.plan_carbon", "en")
    for key in ("kiosk.source.plan", "kiosk.source.carbon"):
        assert "估算" in t(key, "zh") and "estimate" in t(key, "en"), key


def test_the_plan_is_credited_only_with_what_it_says() -> None:
    assert "默认成分" in t("power.bins_caption", "zh") and "default composition" in t(
        "power.bins_caption", "en"
    )
    assert "方案的比例" not in t("power.bins_caption", "zh")
    assert "估计值" in t("power.tonnes_help", "zh") and "estimate" in t("power.tonnes_help", "en")
    assert "估计值" in t("biogas.tonnes_help", "zh")  # the restaurant plant's 400 t/d is the 2017 figure


def test_the_18_wan_tonnes_keep_the_plans_open_period() -> None:
    assert "每年的减少量还是几年的累计" in t("targets.note.co2_reduction_note", "zh")
    assert "a yearly cut or a total over several years" in t("targets.note.co2_reduction_note", "en")


def test_batteries_follow_beijings_rules() -> None:
    for lang, dry, grey in (
        ("zh", "一次性干电池", "其他垃圾"),
        ("en", "single-use dry cells", "Residual Waste"),
    ):
        lesson = _lesson("four-bins", lang)
        assert dry in lesson and grey in lesson, lang
    assert "充电电池和纽扣电池" in page_section("tours", "station-sorting", "zh")
    assert "rechargeable and button batteries" in page_section("tours", "station-sorting", "en")


def test_lesson_steps_point_at_the_exhibit_that_shows_them() -> None:
    assert "厨余变沼气" in _lesson("food-to-fuel", "zh") and "发电展项" not in _lesson("food-to-fuel", "zh")
    assert "Open the biogas exhibit" in _lesson("food-to-fuel", "en")


def _lesson(name: str, lang: str) -> str:
    return (CONTENT_DIR / lang / "lessons" / f"{name}.md").read_text(encoding="utf-8")
