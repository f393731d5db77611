"""The tour passport without an account: an anonymous signed token, stamps in the shared store, statistics.

No Streamlit here (tested directly). A visitor is nothing but a random token kept in a cookie on their
phone; the server signs it (HMAC with a secret kept in the store), so a made-up or edited token is refused
and no stamp can be written for a token the server never issued. Tokens never travel in a URL: a stamp is
written only for the token the phone itself presents. Nothing else about a visitor is stored; stamps older
than ``passport_retention_days`` are deleted. Scans are counted per station and time without any token,
and kept for ``tour_scan_retention_days``.

No write on a read path: opening the store (every page run of a station, the passport page) writes
nothing; the purge of expired stamps and scans runs at most once per ``tour_purge_every_s`` per server
process (:func:`parkloop.store.due`), on whichever page opens the store next.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import logging
import re
import secrets
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from parkloop.store import due, writable_store

log = logging.getLogger(__name__)

COMPONENT = "tours"
COOKIE_NAME = "parkloop_passport"
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{16}$")
MAX_TOKEN_LENGTH = 64


MIGRATIONS = sqlite_utils.Migrations(COMPONENT)
"""The tour tables' schema steps (:func:`parkloop.store.migrate`); released steps are never edited."""


@MIGRATIONS()
def m001_tables(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE tour_secret (id INTEGER PRIMARY KEY CHECK (id = 1), secret TEXT NOT NULL)")
    db.execute("INSERT INTO tour_secret (id, secret) VALUES (1, ?)", [secrets.token_hex(32)])
    db.execute(
        "CREATE TABLE tour_stamps (token TEXT NOT NULL, station TEXT NOT NULL, "
        "stamped_at TEXT NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (token, station))"
    )
    db.execute("CREATE INDEX tour_stamps_at ON tour_stamps (stamped_at)")
    db.execute(
        "CREATE TABLE tour_scans (id INTEGER PRIMARY KEY, station TEXT NOT NULL, "
        "scanned_at TEXT NOT NULL DEFAULT (datetime('now')))"
    )
    db.execute("CREATE INDEX tour_scans_at ON tour_scans (scanned_at)")


def _number(name: str) -> float:
    from parkloop import settings

    try:
        return float(settings.get(name))
    except (ValueError, KeyError) as error:  # a bad setting must not stop the passport
        fallback = float(settings.default(name))
        log.warning("%s unusable, using %s: %s", name, fallback, error)
        return fallback


def retention_days() -> int:
    """How long a passport's stamps are kept (``passport_retention_days``) [days]."""
    return int(_number("passport_retention_days"))


def scan_retention_days() -> int:
    """How long anonymous scan counts are kept (``tour_scan_retention_days``) [days]."""
    return int(_number("tour_scan_retention_days"))


def scans_per_session() -> int:
    """Scans one browser session counts at most (``tour_scans_per_session``)."""
    return int(_number("tour_scans_per_session"))


def purge_every_s() -> float:
    """How often one process purges expired stamps and scans (``tour_purge_every_s``) [s]."""
    return _number("tour_purge_every_s")


def open_store(path: Path | str | None = None) -> sqlite_utils.Database | None:
    """The migrated store, or ``None`` if it cannot be written. Writes nothing, except once per
    :func:`purge_every_s` in this process, when it deletes expired stamps and scans (:func:`purge`); a
    store still busy after the store's wait postpones the purge to the next interval (the page goes on)."""
    db = writable_store(MIGRATIONS, path)
    if db is not None and due(f"tours-purge:{path or ''}", purge_every_s()):
        try:
            purge(db, retention_days(), scan_retention_days())
        except sqlite3.OperationalError as error:  # busy: upkeep can wait, the visitor cannot
            log.warning("tours: purge postponed to the next interval: %s", error)
    return db


def purge(db: sqlite_utils.Database, days: int, scan_days: int | None = None) -> int:
    """Delete stamps older than ``days`` and scans older than ``scan_days`` (default: the
    ``tour_scan_retention_days`` setting) in one transaction; return how many stamps went."""
    scan_days = scan_retention_days() if scan_days is None else scan_days
    with db.conn:
        cursor = db.execute(
            "DELETE FROM tour_stamps WHERE stamped_at < datetime('now', ?)", [f"-{int(days)} days"]
        )
        db.execute(
            "DELETE FROM tour_scans WHERE scanned_at < datetime('now', ?)", [f"-{int(scan_days)} days"]
        )
    return cursor.rowcount


# --------------------------------------------------------------------------------------------
# tokens
# --------------------------------------------------------------------------------------------
def _secret(db: sqlite_utils.Database) -> bytes:
    row = db.execute("SELECT secret FROM tour_secret WHERE id = 1").fetchone()
    return bytes.fromhex(row[0])


def _signature(secret: bytes, body: str) -> str:
    digest = hmac.new(secret, body.encode("ascii"), hashlib.sha256).digest()[:12]
    return base64.urlsafe_b64encode(digest).decode("ascii")


def new_token(db: sqlite_utils.Database) -> str:
    """A fresh random visitor token signed with the store's secret (128 random bits)."""
    body = secrets.token_urlsafe(16)
    return f"{body}.{_signature(_secret(db), body)}"


def valid_token(db: sqlite_utils.Database, token: object) -> bool:
    """``token`` was issued by this store (right shape, right signature); anything else is ``False``."""
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH or not TOKEN_PATTERN.match(token):
        return False
    body, signature = token.split(".")
    return hmac.compare_digest(signature, _signature(_secret(db), body))


# --------------------------------------------------------------------------------------------
# stamps and scans
# --------------------------------------------------------------------------------------------
def record_scan(db: sqlite_utils.Database, station: str, token: str | None, *, count: bool = True) -> bool:
    """Count a scan of ``station`` (unless ``count`` is false: a session past its cap) and stamp the
    passport ``token`` (if valid), in one transaction; ``True`` if stamped.

    The caller has checked that ``station`` exists; the token is checked here."""
    stamped = False
    with db.conn:
        if count:
            db.execute("INSERT INTO tour_scans (station) VALUES (?)", [station])
        if token is not None and valid_token(db, token):
            db.execute("INSERT OR IGNORE INTO tour_stamps (token, station) VALUES (?, ?)", [token, station])
            stamped = True
    return stamped


def stamps(db: sqlite_utils.Database, token: str | None) -> dict[str, str]:
    """``{station: stamped_at}`` of a valid token (empty for no or a bad token)."""
    if token is None or not valid_token(db, token):
        return {}
    rows = db.execute(
        "SELECT station, stamped_at FROM tour_stamps WHERE token = ? ORDER BY stamped_at", [token]
    ).fetchall()
    return {station: at for station, at in rows}


def clear(db: sqlite_utils.Database, token: str | None) -> int:
    """Delete every stamp of ``token``; return how many went."""
    if token is None or not valid_token(db, token):
        return 0
    with db.conn:
        return db.execute("DELETE FROM tour_stamps WHERE token = ?", [token]).rowcount


# --------------------------------------------------------------------------------------------
# progress and statistics (pure)
# --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Progress:
    route: str
    done: tuple[str, ...]  # stations stamped, in route order
    missing: tuple[str, ...]

    @property
    def total(self) -> int:
        return len(self.done) + len(self.missing)

    @property
    def share(self) -> float:
        """How much of the route is stamped [0–1] (a route without stations counts as done)."""
        return len(self.done) / self.total if self.total else 1.0

    @property
    def complete(self) -> bool:
        return not self.missing


def progress(route_id: str, route_stations: Iterable[str], stamped: Iterable[str]) -> Progress:
    have = set(stamped)
    order = list(route_stations)
    return Progress(
        route_id,
        tuple(s for s in order if s in have),
        tuple(s for s in order if s not in have),
    )


def completed_on(route_stations: Iterable[str], stamped: dict[str, str]) -> str:
    """The date (``YYYY-MM-DD``, UTC) of the stamp that completed the route."""
    return max(stamped[s] for s in route_stations)[:10]


def tour_stats(db: sqlite_utils.Database, routes: dict[str, Iterable[str]] | None = None) -> dict[str, Any]:
    """Scans per station and per hour of the day (server's local time), route completion rates.

    ``routes`` maps route id to its stations (default: ``data/tours.toml``). Completion counts the
    passports kept now (stamps older than the retention period are gone)."""
    if routes is None:
        from parkloop.tours.data import load_tours

        routes = {route.id: route.stations for route in load_tours().routes.values()}
    per_station = dict(
        db.execute("SELECT station, COUNT(*) FROM tour_scans GROUP BY station ORDER BY station").fetchall()
    )
    per_hour = [0] * 24
    for hour, count in db.execute(
        "SELECT CAST(strftime('%H', scanned_at, 'localtime') AS INTEGER), COUNT(*) FROM tour_scans GROUP BY 1"
    ).fetchall():
        per_hour[int(hour)] = int(count)
    by_token: dict[str, set[str]] = {}
    for token, station in db.execute("SELECT token, station FROM tour_stamps").fetchall():
        by_token.setdefault(token, set()).add(station)
    completion = {}
    for route_id, stations in routes.items():
        wanted = set(stations)
        started = sum(1 for have in by_token.values() if have & wanted)
        completed = sum(1 for have in by_token.values() if wanted <= have)
        completion[route_id] = {
            "started": started,
            "completed": completed,
            "rate": completed / started if started else None,
        }
    return {
        "scans": sum(per_station.values()),
        "passports": len(by_token),
        "per_station": per_station,
        "per_hour": per_hour,
        "completion": completion,
    }


__all__ = [
    "COOKIE_NAME",
    "MIGRATIONS",
    "Progress",
    "clear",
    "completed_on",
    "new_token",
    "open_store",
    "progress",
    "purge",
    "record_scan",
    "stamps",
    "tour_stats",
    "valid_token",
]
