"""The one SQLite store of a host (``PARKLOOP_STORE_PATH``), through sqlite-utils, in WAL mode.

Several parts of ParkLoop keep data here, each in its own tables with its own numbered migrations:
kiosk usage (``parkloop.kiosk``), class sessions (``parkloop.school.sessions``), passport stamps
(``parkloop.tours``).
Every server process of a host opens the same file; WAL lets readers and one writer work at once, and a
busy timeout makes writers wait their turn instead of failing.

Nothing here may take a page down. :func:`writable_store` returns ``None`` (and logs why, once) when the
file is read-only, locked or broken, so that an exhibit keeps working without recording; a page that
*needs* the store (a class session) shows a friendly message instead.

Migrations: ``migrate(db, "usage", [step1, step2])`` runs the steps not yet recorded in
``_migrations(component, version)``, each in a transaction, in order. Steps are never edited once
released; a change is a new step.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path

import sqlite_utils

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
Migration = Callable[[sqlite_utils.Database], None]

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


def migrate(db: sqlite_utils.Database, component: str, steps: Sequence[Migration]) -> int:
    """Run the migrations of ``component`` that have not run yet; return the version now in place."""
    with _lock:
        db.execute(
            "CREATE TABLE IF NOT EXISTS _migrations (component TEXT NOT NULL, version INTEGER NOT NULL, "
            "applied_at TEXT NOT NULL DEFAULT (datetime('now')), PRIMARY KEY (component, version))"
        )
        done = {
            row[0] for row in db.execute("SELECT version FROM _migrations WHERE component = ?", [component])
        }
        for version, step in enumerate(steps, start=1):
            if version in done:
                continue
            # one transaction: a step is never recorded without its effects, nor done without its record
            # (sqlite-utils 4 commits each db.execute on its own inside a bare `with db.conn:`)
            with db.atomic():
                step(db)
                db.execute("INSERT INTO _migrations (component, version) VALUES (?, ?)", [component, version])
        return len(steps)


def writable_store(
    component: str, steps: Sequence[Migration], path: Path | str | None = None
) -> sqlite_utils.Database | None:
    """The migrated store, or ``None`` if it cannot be written (the reason is logged once per reason)."""
    try:
        db = connect(path)
        migrate(db, component, steps)
        # A read-only or locked file opens fine and fails on the first write: find out now by taking
        # the write lock (and giving it back at once).
        db.conn.execute("BEGIN IMMEDIATE")
        db.conn.rollback()
        return db
    except (StoreUnavailable, sqlite3.Error, OSError) as error:
        reason = f"{component}: {error}"
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
