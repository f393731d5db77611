"""The "clean air now" exhibit's logic, without Streamlit: what the feed's status says, one row per
pollutant (reading as a share of its GB 18485-2014 limit, the plan's 80 % line), the chart's summary
sentence and the feed's problems in words a visitor can read.

The page only draws what these functions return, so every sentence and share is tested here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parkloop.content import t, tn
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.live import FIELD_NAMES, PARK_TZ, PLAN_POLLUTANTS, Compliance, Reading
from parkloop.provenance import ProvenanceView

PAGE = "air"
UNIT = "mg/Nm³"

# How each status is shown: the Streamlit box kind ("success", "info", "warning", "error"). The words
# of ``air.status.<status>`` carry the meaning; the box colour only repeats it.
STATUS_BOX: dict[str, str] = {
    "live": "success",
    "simulated": "info",
    "stale": "warning",
    "invalid": "error",
    "unavailable": "error",
}
SHOWS_VALUES: frozenset[str] = frozenset({"live", "simulated", "stale"})
"""Statuses whose pollutant values may be drawn (stale ones marked as old); invalid and unavailable
readings show no values at all."""

PROBLEM_KINDS: tuple[tuple[str, str], ...] = (
    # (text inside the problem line, kind) — first match wins; see docs/live-feed.md
    ("stale", "stale"),
    ("in the future", "future"),
    ("missing", "missing"),
    ("not a number", "not_number"),
    ("not finite", "not_number"),
    ("negative", "out_of_range"),
    ("out of range", "out_of_range"),
    ("not ISO 8601", "bad_time"),
    ("no timezone", "bad_time"),
    ("not a string", "bad_time"),
    ("not found", "not_found"),
    ("cannot read", "not_found"),
    ("http", "no_answer"),
    ("settings", "settings"),
)


@dataclass(frozen=True)
class StatusView:
    """The status box at the top of the page."""

    status: str
    box: str  # success | info | warning | error
    title: str
    body: str
    shows_values: bool


@dataclass(frozen=True)
class PollutantRow:
    """One pollutant as the chart and the table show it."""

    pollutant: str
    label: str
    value: float | None
    value_text: str
    gb_limit: float
    gb_limit_text: str
    plan_limit: float | None
    plan_limit_text: str
    share_of_gb: float | None  # value / GB limit [-]
    share_text: str
    plan_share_of_gb: float | None  # plan limit / GB limit [-], 0.8 for SO2 and NOx
    verdict: str  # within_plan | within_gb | above_plan | above_gb | no_value
    verdict_text: str


def age_text(seconds: float | None, lang: str) -> str:
    """How old a reading is, in words: "3 minutes", "2 hours", "5 days" (rounded down)."""
    if seconds is None or seconds < 0:
        return t("air.age.unknown", lang)
    if seconds < 90:
        return t("air.age.just_now", lang)
    minutes = seconds / 60
    if minutes < 120:
        return tn("air.age.minutes", int(minutes), lang, n=format_number(int(minutes), lang))
    hours = minutes / 60
    if hours < 48:
        return tn("air.age.hours", int(hours), lang, n=format_number(int(hours), lang))
    return tn("air.age.days", int(hours / 24), lang, n=format_number(int(hours / 24), lang))


def time_text(moment: datetime | None, lang: str) -> str:
    """The reading's time in Beijing time: "14:30" today-style, with the date ("2026-05-18 14:30")."""
    if moment is None:
        return "—"
    local = moment.astimezone(PARK_TZ)
    return t("air.time", lang, date=local.strftime("%Y-%m-%d"), time=local.strftime("%H:%M"))


def status_view(reading: Reading, lang: str) -> StatusView:
    """What the status box says: the status in words, when the values were measured, and what it means."""
    status = reading.status if reading.status in STATUS_BOX else "unavailable"
    fields = {"time": time_text(reading.timestamp, lang), "age": age_text(reading.age_s(), lang)}
    return StatusView(
        status=status,
        box=STATUS_BOX[status],
        title=t(f"air.status.{status}", lang),
        body=t(f"air.status_body.{status}", lang, **fields),
        shows_values=status in SHOWS_VALUES,
    )


def pollutant_label(pollutant: str, lang: str) -> str:
    return t(f"air.pollutant.{pollutant}", lang)


def _verdict(row: Compliance) -> str:
    if row.value_mg_per_nm3 is None:
        return "no_value"
    if not row.within_gb:
        return "above_gb"
    if row.within_plan is False:
        return "above_plan"
    if row.within_plan:
        return "within_plan"
    return "within_gb"


def pollutant_rows(reading: Reading, lang: str) -> list[PollutantRow]:
    """One row per flue-gas pollutant, in the order of :data:`parkloop.live.POLLUTANTS`. A reading whose
    status does not allow values (invalid, unavailable) gives rows without values."""
    allow = reading.status in SHOWS_VALUES
    rows: list[PollutantRow] = []
    for item in reading.compliance():
        if not allow:
            item = Compliance(
                item.pollutant, None, item.gb_limit_mg_per_nm3, item.plan_limit_mg_per_nm3,
                None, None, None, None, item.provenance,
            )  # fmt: skip
        verdict = _verdict(item)
        plan = item.plan_limit_mg_per_nm3
        rows.append(
            PollutantRow(
                pollutant=item.pollutant,
                label=pollutant_label(item.pollutant, lang),
                value=item.value_mg_per_nm3,
                value_text=format_quantity(item.value_mg_per_nm3, UNIT, lang, sig=2),
                gb_limit=item.gb_limit_mg_per_nm3,
                gb_limit_text=format_quantity(item.gb_limit_mg_per_nm3, UNIT, lang, exact=True),
                plan_limit=plan,
                plan_limit_text="—" if plan is None else format_quantity(plan, UNIT, lang, exact=True),
                share_of_gb=item.ratio_to_gb,
                share_text=format_percent(item.ratio_to_gb, lang, decimals=0),
                plan_share_of_gb=None if plan is None else plan / item.gb_limit_mg_per_nm3,
                verdict=verdict,
                verdict_text=t(f"air.verdict.{verdict}", lang),
            )
        )
    return rows


AXIS_TICKS: list[int] = [0, 20, 40, 60, 80, 100]
"""The chart's ticks [% of the national limit]: the limit itself (100) and the plan's line (80) among them."""


def chart_scale_max(rows: list[PollutantRow]) -> float:
    """The end of the chart's axis [%]: past the national limit, and past the highest bar with room for
    its label."""
    return max([110.0, *(float(bar["percent"]) * 1.1 for bar in chart_rows(rows))])


def chart_rows(rows: list[PollutantRow]) -> list[dict[str, object]]:
    """The bars: share of the national limit in percent, and the plan's line where there is one."""
    return [
        {
            "pollutant": row.label,
            "percent": round(row.share_of_gb * 100.0, 1),
            "plan_percent": None if row.plan_share_of_gb is None else round(row.plan_share_of_gb * 100.0, 1),
            "label": f"{row.value_text} · {row.share_text}",
            "share": row.share_text,
            "over": row.verdict in ("above_gb", "above_plan"),
        }
        for row in rows
        if row.share_of_gb is not None
    ]


def chart_summary_text(rows: list[PollutantRow], lang: str) -> str:
    """One sentence from the numbers: how many pollutants are within their limits, the highest share, and
    how SO2 and NOx stand against the plan's 20 % below."""
    shown = [row for row in rows if row.share_of_gb is not None]
    if not shown:
        return t("air.summary.none", lang)
    highest = max(shown, key=lambda row: row.share_of_gb or 0.0)
    within = sum(1 for row in shown if row.verdict in ("within_plan", "within_gb"))
    plan_rows = [row for row in shown if row.pollutant in PLAN_POLLUTANTS]
    plan_ok = all(row.verdict == "within_plan" for row in plan_rows)
    head_key = "air.summary.all_within" if within == len(shown) else "air.summary.some_over"
    head = t(
        head_key,
        lang,
        within=format_number(within, lang),
        total=format_number(len(shown), lang),
        highest=highest.label,
        share=highest.share_text,
    )
    if not plan_rows:
        return head
    plan_part = t(
        "air.summary.plan_ok" if plan_ok else "air.summary.plan_over",
        lang,
        shares=t("air.summary.list_sep", lang).join(f"{row.label} {row.share_text}" for row in plan_rows),
        plan=format_percent(plan_rows[0].plan_share_of_gb, lang, decimals=0),
    )
    return f"{head} {plan_part}"


def problem_kind(problem: str) -> str:
    """The kind of one problem line of :attr:`Reading.problems` (for the visitor's words)."""
    for needle, kind in PROBLEM_KINDS:
        if needle in problem:
            return kind
    return "other"


def problem_lines(reading: Reading, lang: str) -> list[str]:
    """The feed's problems, one line each in ``lang``: which value ("NOx", "the time stamp", "the feed")
    and what was wrong with it. Nothing from the feed itself is echoed (no values, paths or URLs)."""
    lines: list[str] = []
    for problem in reading.problems:
        name = problem.partition(":")[0].strip()
        if name in FIELD_NAMES:
            what = t(f"air.field.{name}", lang)
        elif name == "timestamp":
            what = t("air.field.timestamp", lang)
        else:
            what = t("air.field.feed", lang)
        line = t("air.problem_line", lang, what=what, why=t(f"air.problem.{problem_kind(problem)}", lang))
        if line not in lines:
            lines.append(line)
    return lines


def status_markdown(view: StatusView, lang: str, refresh_s: int) -> str:
    """The status box's text: the status, what it means and how often the page looks again (our own
    words from ``content/``, never the feed's)."""
    return f"**{view.title}**  \n{view.body}  \n{t('air.refresh_note', lang, seconds=refresh_s)}"


def readings_provenance(reading: Reading, lang: str) -> ProvenanceView:
    """Where the readings come from: the simulator (illustrative) or the park's feed."""
    if reading.status == "simulated":
        return ProvenanceView("illustrative", t("air.prov_sim", lang), t("air.prov_sim_detail", lang))
    return ProvenanceView("cited", t("air.prov_live", lang), t("air.prov_live_detail", lang))


def provenance_items(reading: Reading, factor_provenance: dict[str, Any], lang: str) -> list[tuple[str, Any]]:
    """What "where the numbers come from" lists: the readings, the national limits and the plan's line
    (``factor_provenance``: the factors' provenance by dotted key)."""
    return [
        (t("air.prov_readings", lang), readings_provenance(reading, lang)),
        (t("air.prov_gb", lang), factor_provenance["flue_gas_limits.so2_mg_per_nm3"]),
        (t("air.prov_plan", lang), factor_provenance["flue_gas_limits.plan_reduction_fraction"]),
    ]
