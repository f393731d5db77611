"""What the staff page shows: kiosk usage from the daily rows, QR-tour statistics (pure: no Streamlit)."""

from __future__ import annotations

import logging
import math
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from parkloop.content import has_key, t, tn
from parkloop.i18n import SUPPORTED_LANGS, format_number, format_percent
from parkloop.kiosk.usage import totals_by
from parkloop.tours import passport
from parkloop.tours.data import Tours, tours_or_none
from parkloop.tours.render import route_title, station_title

log = logging.getLogger(__name__)

EXHIBIT_MEASURE = "opens"


def page_name(slug: str, lang: str) -> str:
    """An exhibit's title; the slug itself for a page this version does not know (another kiosk's)."""
    if slug == "home":
        return t("staff.page.home", lang)
    key = f"nav.{slug.replace('-', '_')}"
    return t(key, lang) if has_key(key, lang) else slug


def visits_per_page(rows: Iterable[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    """``[{"page": title, "visits": n}]``, most visited first (pages never opened are left out)."""
    totals = totals_by((r for r in rows if r["page"] != "attract"), "page", EXHIBIT_MEASURE)
    out = [{"page": page_name(slug, lang), "visits": int(n)} for slug, n in totals.items() if n > 0]
    return sorted(out, key=lambda row: (-row["visits"], row["page"]))


def visits_per_hour(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, int]]:
    """All 24 hours of the day (Beijing time), including the quiet ones (0 visits)."""
    totals = totals_by(rows, "hour", EXHIBIT_MEASURE)
    return [{"hour": hour, "visits": int(totals.get(hour, 0))} for hour in range(24)]


def visits_per_lang(rows: Iterable[Mapping[str, Any]], lang: str) -> list[dict[str, Any]]:
    totals = totals_by(rows, "lang", EXHIBIT_MEASURE)
    return [
        {"code": code, "lang": t(f"staff.lang.{code}", lang), "visits": int(totals.get(code, 0))}
        for code in SUPPORTED_LANGS
    ]


def overall(rows: Iterable[Mapping[str, Any]]) -> dict[str, float]:
    """Opens, interactions, resets, and the mean dwell on an exhibit [s] (None without a dwell)."""
    rows = list(rows)
    dwell_n = sum(r["dwell_n"] for r in rows)
    return {
        "opens": sum(r["opens"] for r in rows),
        "interactions": sum(r["interactions"] for r in rows),
        "resets": sum(r["resets"] for r in rows),
        "mean_dwell_s": (sum(r["dwell_s"] for r in rows) / dwell_n) if dwell_n else None,
    }


def kiosks_text(rows: Iterable[Mapping[str, Any]], kiosk: str, lang: str) -> str:
    """Which kiosks the statistics count: every kiosk imported so far, and this one."""
    kiosks = sorted({row["kiosk"] for row in rows} | {kiosk})
    return tn("staff.kiosks", len(kiosks), lang, n=len(kiosks), names=", ".join(kiosks))


def totals_text(rows: Iterable[Mapping[str, Any]], lang: str) -> str:
    """Opens, interactions, resets and the mean dwell (whole seconds) in one sentence."""
    totals = overall(rows)
    dwell = totals["mean_dwell_s"]
    return t(
        "staff.totals",
        lang,
        opens=format_number(totals["opens"], lang, exact=True),
        interactions=format_number(totals["interactions"], lang, exact=True),
        resets=format_number(totals["resets"], lang, exact=True),
        dwell="—" if dwell is None else t("staff.seconds", lang, n=format_number(round(dwell), lang)),
    )


def wait_minutes(wait_s: float) -> int:
    """A lockout's wait in whole minutes, rounded up, at least one (never "wait 0 minutes")."""
    return max(1, math.ceil(wait_s / 60))


def chart_height(bars: int, horizontal: bool) -> int:
    """A bar chart's height [px]: 34 px a bar (at least 220 px) lying down; 260 px standing up."""
    return max(220, 34 * bars) if horizontal else 260


def summary_pages(per_page: list[dict[str, Any]], lang: str) -> str:
    total = sum(row["visits"] for row in per_page)
    top = per_page[0]
    return t(
        "staff.summary.page",
        lang,
        top=top["page"],
        n=format_number(top["visits"], lang, exact=True),
        total=format_number(total, lang, exact=True),
    )


def summary_hours(per_hour: list[dict[str, int]], lang: str) -> str:
    busiest = max(per_hour, key=lambda row: (row["visits"], -row["hour"]))
    return tn(
        "staff.summary.hour",
        busiest["visits"],
        lang,
        hour=busiest["hour"],
        next=busiest["hour"] + 1,
        n=format_number(busiest["visits"], lang, exact=True),
    )


def summary_langs(per_lang: list[dict[str, Any]], lang: str) -> str:
    counts = {row["code"]: format_number(row["visits"], lang, exact=True) for row in per_lang}
    return t("staff.summary.lang", lang, **counts)


# --------------------------------------------------------------------------------------------
# QR tours
# --------------------------------------------------------------------------------------------
def peak_hour(per_hour: list[int]) -> tuple[int, int] | None:
    """(hour, scans) of the busiest hour of the day; the earliest on a tie; ``None`` without scans."""
    if not any(per_hour):
        return None
    best = max(range(len(per_hour)), key=lambda hour: (per_hour[hour], -hour))
    return best, per_hour[best]


def tour_totals_text(numbers: Mapping[str, Any], lang: str) -> str:
    """How many scans and how many passports so far."""
    return t(
        "tours.stats.total",
        lang,
        scans=format_number(numbers["scans"], lang, exact=True),
        visitors=format_number(numbers["passports"], lang, exact=True),
    )


def station_rows(tours: Tours, numbers: Mapping[str, Any], lang: str) -> list[dict[str, str]]:
    """Scans per station, every station listed (0 where nobody scanned yet), in the tours' order."""
    station, scans = t("tours.stats.station", lang), t("tours.stats.scans", lang)
    return [
        {
            station: t("tours.station_line", lang, number=s.number, title=station_title(s.id, lang)),
            scans: format_number(numbers["per_station"].get(s.id, 0), lang, exact=True),
        }
        for s in tours.stations.values()
    ]


def hour_columns(numbers: Mapping[str, Any], lang: str) -> dict[str, list[int]]:
    """Scans per hour of the day (Beijing time), as the chart's two columns."""
    return {
        t("tours.stats.hour", lang): list(range(24)),
        t("tours.stats.scans", lang): list(numbers["per_hour"]),
    }


def peak_text(per_hour: list[int], lang: str) -> str:
    """The sentence under the hours chart: the busiest hour, or that there are no scans yet."""
    peak = peak_hour(per_hour)
    if peak is None:
        return t("tours.stats.summary_none", lang)
    return t("tours.stats.summary_peak", lang, hour=peak[0], scans=format_number(peak[1], lang, exact=True))


def completion_rows(numbers: Mapping[str, Any], lang: str) -> list[dict[str, str]]:
    """Per route: passports that started it, finished it, and the rate ("—" before anyone started)."""
    return [
        {
            t("tours.stats.route", lang): route_title(route_id, lang),
            t("tours.stats.started", lang): format_number(route["started"], lang, exact=True),
            t("tours.stats.completed", lang): format_number(route["completed"], lang, exact=True),
            t("tours.stats.rate", lang): "—"
            if route["rate"] is None
            else format_percent(route["rate"], lang),
        }
        for route_id, route in numbers["completion"].items()
    ]


def tour_statistics() -> tuple[Tours, dict[str, Any]] | None:
    """The tours and their statistics from the store (scans per station and per hour, route completion);
    ``None`` when the tours or the store cannot be read (logged)."""
    tours = tours_or_none()
    try:
        db = passport.open_store()
        numbers = (
            None
            if db is None or tours is None
            else passport.tour_stats(db, {r.id: r.stations for r in tours.routes.values()})
        )
    except sqlite3.Error as error:
        log.warning("tours: cannot read statistics: %s", error)
        return None
    if numbers is None or tours is None:
        return None
    return tours, numbers
