"""Exhibit "Clean air now": the view logic against hand-computed shares, and the page in AppTest with the
simulator, a fresh live file, an old one, a missing one, a malformed one and a bad setting."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parkloop import live
from parkloop.content import CJK_ALLOWLIST, page_section, t
from parkloop.exhibits.air import (
    age_text,
    chart_rows,
    chart_scale_max,
    chart_summary_text,
    pollutant_rows,
    problem_kind,
    problem_lines,
    provenance_items,
    readings_provenance,
    status_markdown,
    status_view,
)
from parkloop.i18n import contains_cjk
from parkloop.live import PARK_TZ
from tests.apptest import open_page as open_app_page
from tests.apptest import tables

REPO = Path(__file__).resolve().parents[2]
NOW = datetime(2026, 5, 18, 14, 30, 30, tzinfo=PARK_TZ)
GB = {"so2": 80.0, "nox": 250.0, "particulates": 20.0, "hcl": 50.0, "co": 80.0}  # GB 18485-2014, 24 h


def record(at: datetime, **changes: float) -> dict[str, object]:
    data: dict[str, object] = json.loads((REPO / "data/live/sample.json").read_text(encoding="utf-8"))
    data["timestamp"] = at.isoformat()
    data.update(changes)
    return data


def reading(at: datetime = NOW, now: datetime = NOW, **changes: float) -> live.Reading:
    return live.reading_from_record(record(at, **changes), "test", now, 900.0)


# --------------------------------------------------------------------------------------------
# view logic
# --------------------------------------------------------------------------------------------
def test_shares_are_reading_over_the_national_limit() -> None:
    rows = {row.pollutant: row for row in pollutant_rows(reading(), "en")}
    assert rows["so2_mg_per_nm3"].share_of_gb == pytest.approx(31.2 / GB["so2"])
    assert rows["nox_mg_per_nm3"].share_of_gb == pytest.approx(148.0 / GB["nox"])
    assert rows["co_mg_per_nm3"].share_of_gb == pytest.approx(17.5 / GB["co"])
    assert rows["so2_mg_per_nm3"].plan_share_of_gb == pytest.approx(0.8)
    assert rows["nox_mg_per_nm3"].plan_limit == pytest.approx(200.0)
    assert rows["hcl_mg_per_nm3"].plan_limit is None and rows["hcl_mg_per_nm3"].plan_limit_text == "—"
    assert {row.verdict for row in rows.values()} == {"within_plan", "within_gb"}
    bars = {bar["pollutant"]: bar for bar in chart_rows(list(rows.values()))}
    assert bars[t("air.pollutant.so2_mg_per_nm3", "en")]["percent"] == pytest.approx(39.0)
    assert bars[t("air.pollutant.so2_mg_per_nm3", "en")]["plan_percent"] == pytest.approx(80.0)
    assert bars[t("air.pollutant.co_mg_per_nm3", "en")]["plan_percent"] is None


@pytest.mark.parametrize(
    ("so2", "verdict"),
    [(64.0, "within_plan"), (64.5, "above_plan"), (80.0, "above_plan"), (80.5, "above_gb")],
)
def test_so2_verdict_at_the_plan_and_national_lines(so2: float, verdict: str) -> None:
    rows = {row.pollutant: row for row in pollutant_rows(reading(so2_mg_per_nm3=so2), "en")}
    assert rows["so2_mg_per_nm3"].verdict == verdict
    assert rows["so2_mg_per_nm3"].verdict_text == t(f"air.verdict.{verdict}", "en")


def test_summary_names_the_highest_share_and_the_plan() -> None:
    rows = pollutant_rows(reading(), "en")
    text = chart_summary_text(rows, "en")
    assert text.startswith("All 5 pollutants are below their national limits")
    assert "Nitrogen oxides (NOx), at 59%" in text  # 148 / 250 = 0.592
    assert "SO₂ 39%" not in text and "Sulphur dioxide (SO₂) 39%" in text
    assert "both meet it" in text
    over = chart_summary_text(pollutant_rows(reading(co_mg_per_nm3=120.0), "en"), "en")
    assert over.startswith("4 of 5 pollutants") and "Carbon monoxide (CO), at 150%" in over
    plan_missed = chart_summary_text(pollutant_rows(reading(nox_mg_per_nm3=220.0), "zh"), "zh")
    assert "还没有都达到" in plan_missed and "88%" in plan_missed


@pytest.mark.parametrize("status", ["invalid", "unavailable"])
def test_no_values_are_shown_for_a_broken_feed(status: str) -> None:
    broken = live.Reading(None, "x", status, {name: 1.0 for name in live.FIELD_NAMES}, ["payload: not JSON"])
    rows = pollutant_rows(broken, "en")
    assert all(row.value is None and row.verdict == "no_value" for row in rows)
    assert chart_rows(rows) == []
    assert chart_summary_text(rows, "en") == t("air.summary.none", "en")
    view = status_view(broken, "en")
    assert view.box == "error" and not view.shows_values
    assert view.title == t(f"air.status.{status}", "en")


def test_status_words_for_each_status() -> None:
    fresh = status_view(reading(), "en")
    assert (fresh.status, fresh.box, fresh.shows_values) == ("live", "success", True)
    assert "14:30 on 2026-05-18" in fresh.body and "just now" in fresh.body
    old = status_view(reading(now=NOW + timedelta(hours=3)), "zh")
    assert (old.status, old.box) == ("stale", "warning")
    assert "3小时前" in old.body
    simulated = status_view(live.simulate(NOW), "en")
    assert simulated.box == "info" and "simulated" in simulated.title
    for view in (fresh, simulated):
        assert view.title and contains_cjk(view.title + view.body, CJK_ALLOWLIST) == []


def test_the_axis_ends_past_the_limit_and_past_the_highest_bar() -> None:
    assert chart_scale_max(pollutant_rows(reading(), "en")) == 110.0  # all well below the limit
    high = pollutant_rows(reading(co_mg_per_nm3=120.0), "en")  # 150 % of the limit
    assert chart_scale_max(high) == pytest.approx(150.0 * 1.1)
    broken = live.Reading(None, "x", "invalid", {}, ["payload: not JSON"])
    assert chart_scale_max(pollutant_rows(broken, "en")) == 110.0


def test_status_box_text_and_where_the_readings_come_from() -> None:
    view = status_view(reading(), "en")
    assert status_markdown(view, "en", 30) == (
        f"**{view.title}**  \n{view.body}  \n{t('air.refresh_note', 'en', seconds=30)}"
    )
    simulated, fed = readings_provenance(live.simulate(NOW), "en"), readings_provenance(reading(), "en")
    assert (simulated.kind, simulated.label) == ("illustrative", t("air.prov_sim", "en"))
    assert (fed.kind, fed.label) == ("cited", t("air.prov_live", "en"))
    factors = {
        "flue_gas_limits.so2_mg_per_nm3": "cited: gb-18485-2014",
        "flue_gas_limits.plan_reduction_fraction": "plan: 表1-1",
    }
    items = provenance_items(reading(), factors, "zh")
    assert [label for label, _ in items] == [t(f"air.prov_{k}", "zh") for k in ("readings", "gb", "plan")]
    assert items[1][1] == "cited: gb-18485-2014" and items[2][1] == "plan: 表1-1"


def test_age_in_words() -> None:
    assert age_text(None, "en") == t("air.age.unknown", "en")
    assert age_text(30, "en") == "just now"
    assert age_text(45 * 60, "en") == "45 minutes ago"
    assert age_text(5 * 3600 + 59, "en") == "5 hours ago"
    assert age_text(3 * 86400, "zh") == "3天前"


def test_problems_in_words_without_echoing_the_feed() -> None:
    bad = record(NOW, nox_mg_per_nm3="<b>lots</b>")  # type: ignore[arg-type]
    bad["timestamp"] = "yesterday"
    broken = live.reading_from_record(bad, "/secret/path.json", NOW, 900.0)
    lines = problem_lines(broken, "en")
    assert "NOx: the value is not a number" in lines
    assert "The time stamp: the time cannot be read" in lines
    joined = " ".join(lines)
    assert "lots" not in joined and "secret" not in joined and "yesterday" not in joined
    assert problem_kind("file: not found") == "not_found"
    assert problem_kind("http: status 500") == "no_answer"
    assert problem_kind("something new") == "other"


# --------------------------------------------------------------------------------------------
# the page (AppTest)
# --------------------------------------------------------------------------------------------
def open_air(lang: str) -> AppTest:
    return open_app_page("air.py", {"lang": lang})


def alerts(at: AppTest) -> list[tuple[str, str]]:
    """Every alert box of the page, in page order (status first)."""
    boxes: list[tuple[str, str]] = []
    for element in at.main:
        boxes.extend(_alerts_in(element))
    return boxes


def _alerts_in(node) -> list[tuple[str, str]]:
    kind = getattr(node, "type", "")
    if kind in ("info", "success", "warning", "error", "exception"):
        return [(kind, str(node.value))]
    found: list[tuple[str, str]] = []
    for child in getattr(node, "children", {}).values():
        found.extend(_alerts_in(child))
    return found


def table(at: AppTest, lang: str) -> dict[str, dict[str, str]]:
    frame = tables(at)[0]
    return {
        row[t("air.col_pollutant", lang)]: {column: str(row[column]) for column in frame.columns}
        for _, row in frame.iterrows()
    }


def page_text(at: AppTest) -> str:
    parts = [str(e.value) for kind in ("title", "header", "markdown", "caption") for e in at.get(kind)]
    parts += [value for _, value in alerts(at)] + [e.proto.body for e in at.get("html")]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_simulator_page_in_both_languages(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PARKLOOP_LIVE_SOURCE", raising=False)
    at = open_air(lang)
    assert not at.exception
    boxes = alerts(at)
    assert boxes[0][0] == "info" and t("air.status.simulated", lang) in boxes[0][1]  # at the top, in words
    assert boxes[1] == ("info", page_section("air", "not_ghg", lang))  # SO2, NOx: pollutants, not GHGs
    rows = table(at, lang)
    so2 = rows[t("air.pollutant.so2_mg_per_nm3", lang)]
    assert so2[t("air.col_limit", lang)] == "80\u00a0mg/Nm³"
    assert so2[t("air.col_plan", lang)] == "64\u00a0mg/Nm³"
    assert len(at.get("vega_lite_chart")) == 1
    text = page_text(at)
    assert t("air.limits_heading", lang) in text
    if lang == "en":
        assert contains_cjk(text, CJK_ALLOWLIST) == []


def write_feed(path: Path, **changes: float) -> Path:
    path.write_text(json.dumps(record(datetime.now(PARK_TZ), **changes)), encoding="utf-8")
    return path


def test_live_feed_values_move_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKLOOP_LIVE_SOURCE", str(write_feed(tmp_path / "low.json", so2_mg_per_nm3=20.0)))
    low = open_air("en")
    assert alerts(low)[0] == ("success", alerts(low)[0][1])
    assert t("air.status.live", "en") in alerts(low)[0][1]
    low_row = table(low, "en")[t("air.pollutant.so2_mg_per_nm3", "en")]

    monkeypatch.setenv("PARKLOOP_LIVE_SOURCE", str(write_feed(tmp_path / "high.json", so2_mg_per_nm3=70.0)))
    high = open_air("en")
    high_row = table(high, "en")[t("air.pollutant.so2_mg_per_nm3", "en")]
    value = t("air.col_value", "en")
    assert (low_row[value], high_row[value]) == ("20\u00a0mg/Nm³", "70\u00a0mg/Nm³")
    verdict = t("air.col_verdict", "en")
    assert low_row[verdict] == t("air.verdict.within_plan", "en")
    assert high_row[verdict] == t("air.verdict.above_plan", "en")  # 70 > 64, the plan's line
    summaries = [e.proto.body for e in high.get("html") if "parkloop-summary" in e.proto.body]
    assert summaries and "88%" in summaries[0] and "not both meet it" in summaries[0]  # 70 / 80


def test_old_feed_is_shown_as_out_of_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKLOOP_LIVE_SOURCE", str(REPO / "data/live/sample.json"))  # 2026-05-18: stale
    at = open_air("en")
    kind, text = alerts(at)[0]
    assert kind == "warning" and t("air.status.stale", "en") in text and "2026-05-18" in text
    assert t("air.readings_heading_stale", "en") in [s.value for s in at.header]
    assert (
        table(at, "en")[t("air.pollutant.nox_mg_per_nm3", "en")][t("air.col_value", "en")]
        == "150\u00a0mg/Nm³"
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("name", "content", "status", "problem"),
    [
        ("missing.json", None, "unavailable", "not_found"),
        ("garbage.json", '{"timestamp": "2026-05-18T14:30', "invalid", "other"),
        ("list.json", "[1, 2, 3]", "invalid", "other"),
    ],
)
def test_dead_or_garbage_feed_keeps_the_page_working(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str, name: str, content, status: str, problem: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    monkeypatch.setenv("PARKLOOP_LIVE_SOURCE", str(path))
    at = open_air(lang)
    assert not at.exception
    assert "parkloop-error" not in "\n".join(e.proto.body for e in at.get("html"))
    kind, text = alerts(at)[0]
    assert kind == "error" and t(f"air.status.{status}", lang) in text
    assert not at.get("vega_lite_chart")  # no bars from a broken feed
    values = {row[t("air.col_value", lang)] for row in table(at, lang).values()}
    assert values == {"—"}
    assert t(f"air.problem.{problem}", lang) in "\n".join(m.value for m in at.markdown)
    assert t("air.limits_heading", lang) in [s.value for s in at.header]  # the rest of the page is there
    assert str(tmp_path) not in page_text(at)  # the path is never shown


def test_bad_setting_is_unavailable_not_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKLOOP_LIVE_SOURCE", "readings.txt")
    at = open_air("en")
    assert not at.exception
    kind, text = alerts(at)[0]
    assert kind == "error" and t("air.status.unavailable", "en") in text
