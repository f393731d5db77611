"""Anonymous kiosk usage: what visitors open, for how long, in which language — never who they are.

One event is one row of ``usage_events``: when (UTC and the park's local day and hour), which kiosk
(the ``kiosk_name`` setting), which visit (a random 16-hex-digit id made when a visitor starts at the
attract screen and forgotten at the reset), what (``open`` an exhibit, ``interaction`` on it, ``dwell``
seconds spent on it, ``reset`` of the kiosk), the page slug and the language. No IP address, no cookie,
no browser fingerprint, no free text from a visitor: every field is checked against a closed set or a
pattern before it is written, so nothing personal can get in even by mistake.

``usage_daily`` keeps the same numbers summed per day, kiosk, page, language and hour. It is updated in
the same transaction as each event (so it never disagrees with the events), survives the pruning of old
events (``usage_retention_days``), and is what the staff page draws and what kiosks exchange: a CSV of
daily rows per kiosk, imported idempotently by another kiosk (see ``kiosk/README.md`` for why files and
not a shared server).

Recording never takes a page down: :func:`record` swallows every error (logged once per reason) and, when
the store is not writable, the kiosk keeps working without recording.
"""

from __future__ import annotations

import csv
import io
import logging
import math
import re
import secrets
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import sqlite_utils

from parkloop import store
from parkloop.csvsafe import FORMULA_PREFIXES as FORMULA_PREFIXES  # re-exported: the export rule
from parkloop.csvsafe import escape_cell, unescape_cell
from parkloop.live import PARK_TZ
from parkloop.settings import LANGUAGES

log = logging.getLogger(__name__)

COMPONENT = "usage"
EVENTS = "usage_events"
DAILY = "usage_daily"

KINDS: tuple[str, ...] = ("open", "interaction", "dwell", "reset")
LANGS: tuple[str, ...] = LANGUAGES
ATTRACT_PAGE = "attract"
"""The "page" a reset is recorded on: resets belong to the kiosk, not to an exhibit."""

MAX_DWELL_S = 3600.0
"""A dwell longer than an hour is a kiosk left on one page, not a visitor: capped [s]."""

DAILY_KEY = ("day", "kiosk", "page", "lang", "hour")
DAILY_COUNTS = ("opens", "interactions", "resets", "dwell_s", "dwell_n")
CSV_COLUMNS = DAILY_KEY + DAILY_COUNTS
MAX_IMPORT_ROWS = 200_000
"""A kiosk makes at most a few thousand daily rows a year; a bigger file is not an export [rows]."""

_VISIT = re.compile(r"^[0-9a-f]{16}$")
_PAGE = re.compile(r"^[a-z][a-z0-9-]{0,31}$")
_KIOSK = re.compile(r"^[\w .:-]{1,40}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# --------------------------------------------------------------------------------------------
# schema
# --------------------------------------------------------------------------------------------
MIGRATIONS = sqlite_utils.Migrations(COMPONENT)
"""The usage tables' schema steps (:func:`parkloop.store.migrate`); released steps are never edited, only
appended."""


@MIGRATIONS()
def m001_tables(db: sqlite_utils.Database) -> None:
    db.execute(
        f"CREATE TABLE {EVENTS} ("
        "id INTEGER PRIMARY KEY AUTOINCREMENT, ts TEXT NOT NULL, day TEXT NOT NULL, "
        "hour INTEGER NOT NULL, kiosk TEXT NOT NULL, visit TEXT, kind TEXT NOT NULL, page TEXT NOT NULL, "
        "lang TEXT NOT NULL, value REAL)"
    )
    db.execute(f"CREATE INDEX {EVENTS}_day ON {EVENTS} (day)")
    db.execute(f"CREATE INDEX {EVENTS}_visit ON {EVENTS} (visit, id)")
    db.execute(
        f"CREATE TABLE {DAILY} ("
        "day TEXT NOT NULL, kiosk TEXT NOT NULL, page TEXT NOT NULL, lang TEXT NOT NULL, "
        "hour INTEGER NOT NULL, opens INTEGER NOT NULL DEFAULT 0, interactions INTEGER NOT NULL DEFAULT 0, "
        "resets INTEGER NOT NULL DEFAULT 0, dwell_s REAL NOT NULL DEFAULT 0, "
        "dwell_n INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (day, kiosk, page, lang, hour))"
    )


# --------------------------------------------------------------------------------------------
# pure helpers
# --------------------------------------------------------------------------------------------
def new_visit() -> str:
    """A random id for one visit (attract screen → reset): links a visit's events, identifies nobody."""
    return secrets.token_hex(8)


def valid_visit(value: object) -> str | None:
    return value if isinstance(value, str) and _VISIT.match(value) else None


def local_moment(at: datetime) -> tuple[str, int]:
    """The park's local day (``YYYY-MM-DD``) and hour (0–23) of a moment (Beijing time)."""
    local = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(PARK_TZ)
    return local.date().isoformat(), local.hour


@dataclass
class ImportReport:
    """What an import did: rows written, rows refused (with the first few reasons), kiosks seen."""

    imported: int = 0
    skipped: int = 0
    lowered: int = 0  # rows whose counts were below what the store had: the higher counts were kept
    kiosks: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)

    def refuse(self, line: int, reason: str) -> None:
        self.skipped += 1
        if len(self.problems) < 10:
            self.problems.append(f"line {line}: {reason}")


def parse_daily_row(raw: Mapping[str, str]) -> dict[str, Any]:
    """One CSV row → a checked daily row; ``ValueError`` (one line) for anything unusable."""
    row = {name: unescape_cell((raw.get(name) or "").strip()) for name in CSV_COLUMNS}
    if not _DAY.match(row["day"]):
        raise ValueError("day is not YYYY-MM-DD")
    date.fromisoformat(row["day"])
    if not _KIOSK.match(row["kiosk"]):
        raise ValueError("kiosk name has characters outside letters, digits, space . : - _")
    if not (_PAGE.match(row["page"])):
        raise ValueError("page is not a page name")
    if row["lang"] not in LANGS:
        raise ValueError("lang is not zh or en")
    out: dict[str, Any] = {"day": row["day"], "kiosk": row["kiosk"], "page": row["page"], "lang": row["lang"]}
    hour = int(row["hour"])
    if not 0 <= hour <= 23:
        raise ValueError("hour outside 0–23")
    out["hour"] = hour
    for name in ("opens", "interactions", "resets", "dwell_n"):
        count = int(row[name] or 0)
        if not 0 <= count <= 10_000_000:
            raise ValueError(f"{name} is not a plausible count")
        out[name] = count
    dwell = float(row["dwell_s"] or 0)
    if not math.isfinite(dwell) or not 0 <= dwell <= 1e10:
        raise ValueError("dwell_s is not a plausible number of seconds")
    out["dwell_s"] = dwell
    return out


# --------------------------------------------------------------------------------------------
# the store
# --------------------------------------------------------------------------------------------
class UsageStore:
    """The usage tables of one SQLite store. Thread-safe: Streamlit sessions are threads of one process."""

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path | str | None = None) -> UsageStore | None:
        """The migrated store at ``path`` (default: the ``store_path`` setting), or None if unwritable."""
        db = store.writable_store(MIGRATIONS, path)
        return None if db is None else cls(db)

    # ---- writing -------------------------------------------------------------------------------
    def record(
        self,
        kind: str,
        *,
        kiosk: str,
        page: str,
        lang: str,
        visit: str | None = None,
        value: float | None = None,
        at: datetime | None = None,
    ) -> int:
        """Write one event and add it to the daily totals, in one transaction. Returns the event's id.

        Raises ``ValueError`` for a field outside its closed set (nothing else can get in). ``atomic()``, not
        ``with conn``: sqlite-utils commits each ``execute`` outside an explicit transaction."""
        if kind not in KINDS:
            raise ValueError(f"unknown event kind {kind!r}")
        if lang not in LANGS:
            raise ValueError("lang must be zh or en")
        if not _PAGE.match(page):
            raise ValueError("page must be a page name")
        if not _KIOSK.match(kiosk):
            raise ValueError("kiosk name must be letters, digits, space . : - _ (at most 40)")
        if visit is not None and not _VISIT.match(visit):
            raise ValueError("visit must be 16 hex digits")
        if kind == "dwell":
            if value is None or not math.isfinite(value):
                raise ValueError("a dwell needs seconds")
            value = min(max(float(value), 0.0), MAX_DWELL_S)
        else:
            value = None
        moment = at or datetime.now(UTC)
        day, hour = local_moment(moment)
        counts = {
            "opens": int(kind == "open"),
            "interactions": int(kind == "interaction"),
            "resets": int(kind == "reset"),
            "dwell_s": value if kind == "dwell" else 0.0,
            "dwell_n": int(kind == "dwell"),
        }
        with self._lock, self.db.atomic():
            cursor = self.db.execute(
                f"INSERT INTO {EVENTS} (ts, day, hour, kiosk, visit, kind, page, lang, value) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [moment.astimezone(UTC).isoformat(), day, hour, kiosk, visit, kind, page, lang, value],
            )
            self.db.execute(
                f"INSERT INTO {DAILY} (day, kiosk, page, lang, hour, opens, interactions, resets, "
                "dwell_s, dwell_n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (day, kiosk, page, lang, hour) DO UPDATE SET opens = opens + excluded.opens, "
                "interactions = interactions + excluded.interactions, resets = resets + excluded.resets, "
                "dwell_s = dwell_s + excluded.dwell_s, dwell_n = dwell_n + excluded.dwell_n",
                [day, kiosk, page, lang, hour, *counts.values()],
            )
            return int(cursor.lastrowid or 0)

    def close_visit(
        self, visit: str, *, kiosk: str, idle_s: float, at: datetime | None = None
    ) -> tuple[str, float] | None:
        """At a reset: the dwell on the visit's last page, which no page change ended.

        The visitor's last touch was ``idle_s`` (idle + warning) before the reset, so the dwell is
        ``reset − idle_s − opened``. Nothing is written twice: a visit whose last open already has a
        dwell (a reloaded reset URL) is left alone. Returns ``(page, seconds)`` or None."""
        if not _VISIT.match(visit):
            return None
        moment = at or datetime.now(UTC)
        rows = list(
            self.db.execute(
                f"SELECT kind, page, lang, ts FROM {EVENTS} WHERE visit = ? AND kind IN ('open', 'dwell') "
                "ORDER BY id DESC LIMIT 1",
                [visit],
            )
        )
        if not rows or rows[0][0] != "open":
            return None
        _, page, lang, ts = rows[0]
        seconds = (moment - datetime.fromisoformat(ts)).total_seconds() - idle_s
        seconds = max(0.0, seconds)
        self.record("dwell", kiosk=kiosk, page=page, lang=lang, visit=visit, value=seconds, at=moment)
        return page, min(seconds, MAX_DWELL_S)

    def prune(self, retention_days: int, now: datetime | None = None) -> int:
        """Delete raw events older than ``retention_days`` (park-local days); daily totals stay."""
        moment = now or datetime.now(UTC)
        cutoff_day, _ = local_moment(moment - timedelta(days=retention_days))
        with self._lock, self.db.atomic():
            cursor = self.db.execute(f"DELETE FROM {EVENTS} WHERE day < ?", [cutoff_day])
            return int(cursor.rowcount or 0)

    # ---- reading -------------------------------------------------------------------------------
    def daily_rows(self) -> list[dict[str, Any]]:
        """Every daily row, all kiosks, ordered."""
        return [
            dict(row)
            for row in self.db.query(
                f"SELECT {', '.join(CSV_COLUMNS)} FROM {DAILY} ORDER BY day, kiosk, page, lang, hour"
            )
        ]

    def has_reset(self, visit: str) -> bool:
        rows = self.db.execute(f"SELECT 1 FROM {EVENTS} WHERE visit = ? AND kind = 'reset' LIMIT 1", [visit])
        return next(iter(rows), None) is not None

    def event_count(self, kind: str | None = None) -> int:
        where, args = ("WHERE kind = ?", [kind]) if kind else ("", [])
        return int(next(iter(self.db.execute(f"SELECT count(*) FROM {EVENTS} {where}", args)))[0])

    # ---- exchange between kiosks -------------------------------------------------------------
    def export_csv(self, kiosk: str | None = None) -> str:
        """The daily rows (one kiosk's, or all) as CSV, every text cell escaped against formulas."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for row in self.daily_rows():
            if kiosk is None or row["kiosk"] == kiosk:
                writer.writerow([escape_cell(_csv_value(row[name])) for name in CSV_COLUMNS])
        return out.getvalue()

    def import_csv(self, text: str, *, own_kiosk: str | None = None) -> ImportReport:
        """Merge another kiosk's export. Idempotent and never backwards: a row merges into the row with
        the same day, kiosk, page, language and hour by the **maximum of each counter** (a kiosk's totals
        only grow, so a newer export carries the higher ones; re-importing an older file changes
        nothing). Rows whose counts are below the store's are counted in ``lowered`` (the page warns).
        Rows of ``own_kiosk`` are refused: this kiosk's own totals come from its own events."""
        report = ImportReport()
        reader = csv.DictReader(io.StringIO(text))
        if reader.fieldnames is None or set(CSV_COLUMNS) - {n.strip() for n in reader.fieldnames}:
            report.refuse(1, "not a ParkLoop usage export (columns: " + ", ".join(CSV_COLUMNS) + ")")
            return report
        rows: list[dict[str, Any]] = []
        for line, raw in enumerate(reader, start=2):
            if line - 1 > MAX_IMPORT_ROWS:
                report.refuse(line, f"more than {MAX_IMPORT_ROWS} rows; the rest is ignored")
                break
            try:
                row = parse_daily_row(raw)
            except (ValueError, TypeError) as error:
                report.refuse(line, str(error).splitlines()[0][:120])
                continue
            if own_kiosk is not None and row["kiosk"] == own_kiosk:
                report.refuse(line, "this kiosk's own rows are not imported")
                continue
            rows.append(row)
        where = " AND ".join(f"{name} = ?" for name in DAILY_KEY)
        upsert = (
            f"INSERT INTO {DAILY} ({', '.join(CSV_COLUMNS)}) VALUES ({', '.join('?' for _ in CSV_COLUMNS)}) "
            f"ON CONFLICT ({', '.join(DAILY_KEY)}) DO UPDATE SET "
            + ", ".join(f"{name} = max({name}, excluded.{name})" for name in DAILY_COUNTS)
        )
        with self._lock, self.db.atomic():
            for row in rows:
                had = self.db.execute(
                    f"SELECT {', '.join(DAILY_COUNTS)} FROM {DAILY} WHERE {where}",
                    [row[name] for name in DAILY_KEY],
                ).fetchone()
                # dwell_s is exported to 0.1 s: a difference within that is the rounding, not a rollback
                if had is not None and any(
                    row[name] < old - (0.05 if name == "dwell_s" else 0)
                    for name, old in zip(DAILY_COUNTS, had, strict=True)
                ):
                    report.lowered += 1
                self.db.execute(upsert, [row[name] for name in CSV_COLUMNS])
                report.kiosks.add(row["kiosk"])
        report.imported = len(rows)
        return report


def _csv_value(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


# --------------------------------------------------------------------------------------------
# summaries for the staff page (pure: rows in, rows out)
# --------------------------------------------------------------------------------------------
def totals_by(rows: Iterable[Mapping[str, Any]], key: str, measure: str = "opens") -> dict[Any, float]:
    """``measure`` summed per value of ``key`` (``page``, ``hour``, ``lang``, ``kiosk``, ``day``)."""
    totals: dict[Any, float] = {}
    for row in rows:
        totals[row[key]] = totals.get(row[key], 0) + row[measure]
    return totals


# --------------------------------------------------------------------------------------------
# the process-wide recorder the kiosk frame uses
# --------------------------------------------------------------------------------------------
_shared: UsageStore | None = None
_shared_lock = threading.Lock()
_retry_at = 0.0
_pruned_at = 0.0
_failures: set[str] = set()
RETRY_AFTER_S = 60.0
PRUNE_EVERY_S = 3600.0


def shared_store() -> UsageStore | None:
    """The store of this server process (opened once; retried a minute after a failure)."""
    global _shared, _retry_at
    with _shared_lock:
        if _shared is None and time.monotonic() >= _retry_at:
            _shared = UsageStore.open()
            if _shared is None:
                _retry_at = time.monotonic() + RETRY_AFTER_S
        return _shared


def reset_shared_store() -> None:
    """Forget the open store (tests that change ``PARKLOOP_STORE_PATH``)."""
    global _shared, _retry_at, _pruned_at
    with _shared_lock:
        _shared, _retry_at, _pruned_at = None, 0.0, 0.0


def _report(reason: str) -> None:
    if reason not in _failures:
        _failures.add(reason)
        log.warning("usage not recorded (%s)", reason)


def record(kind: str, *, page: str, lang: str, visit: str | None = None, value: float | None = None) -> None:
    """Record one event for this kiosk; never raises (a kiosk keeps working without its statistics)."""
    global _pruned_at
    try:
        from parkloop import settings

        usage = shared_store()
        if usage is None:
            return
        usage.record(
            kind, kiosk=str(settings.get("kiosk_name")), page=page, lang=lang, visit=visit, value=value
        )
        if time.monotonic() - _pruned_at > PRUNE_EVERY_S or _pruned_at == 0.0:
            _pruned_at = time.monotonic()
            usage.prune(int(settings.get("usage_retention_days")))
    except Exception as error:  # noqa: BLE001 — statistics must never take a kiosk down
        _report(f"{type(error).__name__}: {error}")


def record_reset(previous_visit: str | None, idle_s: float, lang: str) -> None:
    """A reset: the last page's dwell of the visit that ended (if any), then the reset itself."""
    try:
        from parkloop import settings

        usage = shared_store()
        if usage is None:
            return
        kiosk = str(settings.get("kiosk_name"))
        if previous_visit is not None:
            usage.close_visit(previous_visit, kiosk=kiosk, idle_s=idle_s)
            if usage.has_reset(previous_visit):  # the reset URL loaded again: one reset, counted once
                return
        usage.record("reset", kiosk=kiosk, page=ATTRACT_PAGE, lang=lang, visit=previous_visit)
    except Exception as error:  # noqa: BLE001
        _report(f"{type(error).__name__}: {error}")
