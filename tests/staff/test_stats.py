"""The staff page's numbers and sentences (parkloop.staff.stats), hand-counted: usage totals, the lockout's
wait, chart sizes, and the QR tours' tables."""

from __future__ import annotations

import pytest

from parkloop.content import t, tn
from parkloop.i18n import format_number, format_percent
from parkloop.staff import stats
from parkloop.tours.data import tours_or_none

ROWS = [
    {"day": "2026-05-01", "kiosk": "k2", "page": "power", "lang": "zh", "hour": 10, "opens": 5,
     "interactions": 9, "resets": 1, "dwell_s": 100.0, "dwell_n": 4},
    {"day": "2026-05-02", "kiosk": "k1", "page": "water", "lang": "en", "hour": 14, "opens": 2,
     "interactions": 1, "resets": 0, "dwell_s": 30.0, "dwell_n": 2},
]  # fmt: skip


def test_kiosks_and_totals_in_one_sentence_each() -> None:
    assert stats.kiosks_text(ROWS, "kiosk-1", "en") == tn(
        "staff.kiosks", 3, "en", n=3, names="k1, k2, kiosk-1"
    )
    assert stats.kiosks_text([], "k1", "en") == tn("staff.kiosks", 1, "en", n=1, names="k1")
    # dwell: 130 s over 6 dwells = 21.67 s, shown as 22 s
    expected = t(
        "staff.totals", "en", opens="7", interactions="10", resets="1", dwell=t("staff.seconds", "en", n="22")
    )
    assert stats.totals_text(ROWS, "en") == expected
    no_dwell = [dict(row, dwell_n=0, dwell_s=0.0) for row in ROWS]
    assert t("staff.seconds", "en", n="0") not in stats.totals_text(no_dwell, "en")
    assert "—" in stats.totals_text(no_dwell, "en")


@pytest.mark.parametrize(("wait_s", "minutes"), [(0, 1), (1, 1), (60, 1), (61, 2), (3600, 60)])
def test_a_lockout_says_whole_minutes_never_zero(wait_s: float, minutes: int) -> None:
    assert stats.wait_minutes(wait_s) == minutes


def test_chart_heights() -> None:
    assert stats.chart_height(2, horizontal=True) == 220
    assert stats.chart_height(10, horizontal=True) == 340
    assert stats.chart_height(24, horizontal=False) == stats.chart_height(2, horizontal=False) == 260


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_tour_tables_and_sentences(lang: str) -> None:
    tours = tours_or_none()
    assert tours is not None
    first = next(iter(tours.stations.values()))
    per_hour = [0] * 24
    per_hour[9], per_hour[15] = 3, 3
    numbers = {
        "scans": 1234,
        "passports": 56,
        "per_station": {first.id: 1234},
        "per_hour": per_hour,
        "completion": {
            "r1": {"started": 4, "completed": 1, "rate": 0.25},
            "r2": {"started": 0, "completed": 0, "rate": None},
        },
    }
    assert stats.tour_totals_text(numbers, lang) == t(
        "tours.stats.total", lang, scans=format_number(1234, lang, exact=True), visitors="56"
    )
    rows = stats.station_rows(tours, numbers, lang)
    assert len(rows) == len(tours.stations)
    scans = t("tours.stats.scans", lang)
    assert rows[0][scans] == format_number(1234, lang, exact=True)
    assert all(row[scans] == "0" for row in rows[1:])
    columns = stats.hour_columns(numbers, lang)
    assert columns[t("tours.stats.hour", lang)] == list(range(24)) and columns[scans] == per_hour
    assert stats.peak_text(per_hour, lang) == t("tours.stats.summary_peak", lang, hour=9, scans="3")
    assert stats.peak_text([0] * 24, lang) == t("tours.stats.summary_none", lang)
    done = stats.completion_rows(numbers, lang)
    rate = t("tours.stats.rate", lang)
    assert [row[rate] for row in done] == [format_percent(0.25, lang), "—"]
    assert done[0][t("tours.stats.started", lang)] == "4"
