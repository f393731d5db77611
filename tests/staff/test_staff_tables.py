"""The staff page's charts each have their numbers as a table in an expander (issue 15): a keyboard
reaches it, a screen reader reads it. Expected rows are worked from the seeded visits by hand."""

from __future__ import annotations

import pytest

from parkloop.content import t
from parkloop.kiosk import usage
from tests.apptest import tables
from tests.staff.test_staff import TOKEN, fresh_limiter, run_staff, sign_in  # noqa: F401 — the fixture too


def _signed_in(monkeypatch, tmp_path, lang: str = "en"):
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(tmp_path / "staff.sqlite"))
    seeded = usage.UsageStore.open(tmp_path / "staff.sqlite")
    for page, code in (("power", "zh"), ("power", "zh"), ("water", "en")):
        seeded.record("open", kiosk="kiosk-1", page=page, lang=code)
    at = sign_in(run_staff(monkeypatch, tmp_path, token=TOKEN, lang=lang), TOKEN)
    assert not at.exception
    return at


def _rows(at) -> list[list[list[object]]]:
    """Every table's rows as lists of cells (the column heads are another test's)."""
    return [e.values.tolist() for e in tables(at)]


def test_every_chart_has_its_numbers_as_a_table(monkeypatch, tmp_path) -> None:
    at = _signed_in(monkeypatch, tmp_path)
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert [e.label for e in at.expander].count(t("a11y.chart_table", "en")) == len(charts) == 4
    tables = _rows(at)
    assert [[t("nav.power", "en"), 2], [t("nav.water", "en"), 1]] in tables  # visits per exhibit
    assert [[t("staff.lang.zh", "en"), 2], [t("staff.lang.en", "en"), 1]] in tables  # per language
    per_hour = [table for table in tables if len(table) == 24]
    assert len(per_hour) == 2  # kiosk visits and QR scans, hour by hour
    assert [hour for hour, _ in per_hour[0]] == list(range(24)) and sum(n for _, n in per_hour[0]) == 3


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_tables_are_headed_in_the_visitors_language(monkeypatch, tmp_path, lang: str) -> None:
    at = _signed_in(monkeypatch, tmp_path, lang)
    heads = {tuple(e.columns) for e in tables(at)}
    visits = t("staff.col.visits", lang)
    assert (t("staff.col.page", lang), visits) in heads
    assert (t("staff.col.lang", lang), visits) in heads
    assert (t("staff.col.hour", lang), visits) in heads
    assert (t("tours.stats.hour", lang), t("tours.stats.scans", lang)) in heads
