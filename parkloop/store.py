"""The one SQLite store of a host (``PARKLOOP_STORE_PATH``), through sqlite-utils, in WAL mode.

Several parts of ParkLoop keep data here, each in its own tables with its own migrations:
kiosk usage (``parkloop.kiosk``), class sessions (``parkloop.school.sessions``), passport stamps
(``parkloop.tours``).
Every server process of a host opens the same file; WAL lets readers and one writer work at once, and a
busy timeout makes writers wait their turn instead of failing.

Nothing here may take a page down. :func:`writable_store` returns ``None`` (and logs why, once) when the
file is read-only, locked or broken, so that an exhibit keeps working without recording; a page that
*needs* the store (a class session) shows a friendly message instead.

Migrations: each component declares a :class:`sqlite_utils.Migrations` set named after it, its steps
decorated in order (``@MIGRATIONS()`` on ``m001_tables``, …); :func:`migrate` applies the pending ones,
each in a transaction with its record in ``_sqlite_migrations``. Steps are never edited once released; a
change is a new step. Stores made before sqlite-utils' migrations have the old bookkeeping table
``_migrations(component, version)``: version N of a component is the N-th step of its set, and is
recorded as applied (with its old date) before anything runs, so that no old step runs twice.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
LEGACY_MIGRATIONS_TABLE = "_migrations"
"""The hand-written migrator's bookkeeping ``(component, version, applied_at)``, read, never written."""

_lock = threading.Lock()
_reported: set[str] = set()


class StoreUnavailable(RuntimeError):
    """The store cannot be written (read-only, locked, corrupt, disk full); the message says which."""


def store_path() -> Path:
    from parkloop import settings

    return Path(str(settings.get("store_path")))


def connect(path: Path | str | None = None) -> sqlite_utils.Database:
    """Open the store (creating the folder and file), WAL mode, foreign keys on, busy timeout set.

    Raises :class:`StoreUnavailable` with a one-line reason if it cannot be opened for writing."""
    target = Path(path) if path is not None else store_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(target), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        if db.journal_mode != "wal":
            db.enable_wal()
        conn.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash loses no committed row
        return db
    except (sqlite3.Error, OSError) as error:
        raise StoreUnavailable(f"{target}: {error}") from error


def migrate(db: sqlite_utils.Database, migrations: sqlite_utils.Migrations) -> list[str]:
    """Apply the pending steps of ``migrations``; return the names of all its steps applied, in order.

    One write transaction around the whole (each step a savepoint inside it): another process opening
    the same store waits for it (busy timeout) and then finds the steps done, instead of running them too.
    Taking the write lock also finds out at once whether the store can be written at all: a read-only or
    locked file opens fine and fails only on the first write.
    """
    with _lock:
        db.conn.execute("BEGIN IMMEDIATE")
        try:
            _adopt_legacy_record(db, migrations)
            migrations.apply(db)
            db.conn.execute("COMMIT")
        except BaseException:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise
        return [step.name for step in migrations.applied(db)]


def _adopt_legacy_record(db: sqlite_utils.Database, migrations: sqlite_utils.Migrations) -> None:
    """Record as applied the steps the old migrator ran (version N = the N-th step of the set)."""
    if not db[LEGACY_MIGRATIONS_TABLE].exists():
        return
    query = f"SELECT version, applied_at FROM {LEGACY_MIGRATIONS_TABLE} WHERE component = ?"
    ran = dict(db.execute(query, [migrations.name]).fetchall())
    recorded = {step.name for step in migrations.applied(db)}
    # every step of the set, in order: on an empty database all of them are pending
    every_step = migrations.pending(sqlite_utils.Database(memory=True))
    adopted = [
        {"migration_set": migrations.name, "name": step.name, "applied_at": _utc(ran[version])}
        for version, step in enumerate(every_step, start=1)
        if version in ran and step.name not in recorded
    ]
    if adopted:
        migrations.ensure_migrations_table(db)
        db[sqlite_utils.Migrations.migrations_table].insert_all(adopted)


def _utc(sqlite_datetime: str) -> str:
    """SQLite's ``datetime('now')`` (UTC, no zone) in the format sqlite-utils records."""
    try:
        return str(datetime.fromisoformat(sqlite_datetime).replace(tzinfo=UTC))
    except (TypeError, ValueError):
        return str(sqlite_datetime)


def writable_store(
    migrations: sqlite_utils.Migrations, path: Path | str | None = None
) -> sqlite_utils.Database | None:
    """The migrated store, or ``None`` if it cannot be written (the reason is logged once per reason)."""
    try:
        db = connect(path)
        migrate(db, migrations)  # takes the write lock, even with nothing to do: unwritable stores fail here
        return db
    except (StoreUnavailable, sqlite3.Error, OSError) as error:
        reason = f"{migrations.name}: {error}"
        if reason not in _reported:
            _reported.add(reason)
            log.warning("store unavailable, continuing without recording (%s)", reason)
        return None


def integrity_ok(path: Path | str | None = None) -> bool:
    """``PRAGMA integrity_check`` says ``ok``."""
    with suppress(sqlite3.Error, StoreUnavailable):
        db = connect(path)
        return [row[0] for row in db.execute("PRAGMA integrity_check")] == ["ok"]
    return False
