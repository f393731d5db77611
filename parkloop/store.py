"""The one SQLite store of a host (``PARKLOOP_STORE_PATH``), through sqlite-utils, in WAL mode.

Several parts of ParkLoop keep data here, each in its own tables with its own migrations:
kiosk usage (``parkloop.kiosk``), class sessions (``parkloop.school.sessions``), passport stamps
(``parkloop.tours``).
Every server process of a host opens the same file; WAL lets readers and one writer work at once, and a
busy timeout makes writers wait their turn instead of failing.

Under load (two ``make serve`` processes, a class answering, QR scanners, dashboards) three rules keep
"database is locked" from ever reaching a visitor:

* **one connection per thread, reused**: :func:`writable_store` hands each thread a pooled connection
  (returned to the pool when the thread ends: Streamlit runs each rerun in a new thread), so a page run
  opens no file and sets no pragma;
* **the write lock probed once per process**: a file is probed for writing (``BEGIN IMMEDIATE``) by the
  first connection this process makes to it, and each connection checks for pending migrations (a read)
  once, when it is made — never on a page run that reuses a connection, never again for a new one;
* **a busy store is waited for**: every statement that starts a transaction (an autocommit statement,
  Python's implicit ``BEGIN`` before a write, ``BEGIN IMMEDIATE``) is retried with backoff while another
  writer holds the lock, up to ``PARKLOOP_STORE_BUSY_WAIT_S`` in all (each attempt waits the busy
  timeout). Retrying is safe there: nothing of the transaction has run yet. Only after that wait does
  ``sqlite3.OperationalError`` reach the caller (:func:`is_busy` tells it apart, to say "try again").

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
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
"""SQLite's own wait for the write lock, per attempt [ms]; :func:`busy_wait_s` bounds all attempts."""
LEGACY_MIGRATIONS_TABLE = "_migrations"
"""The hand-written migrator's bookkeeping ``(component, version, applied_at)``, read, never written."""
IDLE_CONNECTIONS_PER_FILE = 16
"""Pooled connections kept per file once their threads have ended; more are closed."""
FILES_PER_THREAD = 4
"""Files one thread keeps a connection to (a server has one store; tests open many)."""
POOLED_FILES = 8
"""Files with pooled connections; a connection to yet another file is closed when its thread ends."""

_lock = threading.Lock()
_reported: set[str] = set()
_pool_lock = threading.Lock()
_idle: dict[tuple[str, int, int], list[sqlite_utils.Database]] = {}
_local = threading.local()
_due_lock = threading.Lock()
_due: dict[str, float] = {}
_probed: set[tuple[str, int, int]] = set()
_probe_lock = threading.Lock()
"""Files (path, device, inode) this process has probed for writing: a file is probed once."""


class StoreUnavailable(RuntimeError):
    """The store cannot be written (read-only, locked, corrupt, disk full); the message says which."""


def store_path() -> Path:
    from parkloop import settings

    return Path(str(settings.get("store_path")))


def busy_wait_s() -> float:
    """How long a statement waits in all for a lock another writer holds (``store_busy_wait_s``) [s]."""
    from parkloop import settings

    try:
        return float(settings.get("store_busy_wait_s"))
    except (ValueError, KeyError):  # a bad setting must not take the store down
        return float(settings.default("store_busy_wait_s"))


def is_busy(error: BaseException) -> bool:
    """``error`` is SQLite's "database is locked" / "busy": waiting and trying again may succeed."""
    text = str(error).lower()
    return isinstance(error, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _retrying(conn: sqlite3.Connection, run: Callable[[], Any]) -> Any:
    """Run a statement; while the store is busy and the statement began the transaction, roll back
    what it began and try again after a growing, jittered pause, until :func:`busy_wait_s` is spent."""
    if conn.in_transaction:  # inside a transaction: retrying one statement would not be safe
        return run()
    deadline = time.monotonic() + busy_wait_s()
    pause = 0.02
    while True:
        try:
            return run()
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() + pause > deadline:
                raise
            if conn.in_transaction:  # Python's implicit BEGIN before a write went through
                sqlite3.Connection.execute(conn, "ROLLBACK")
            time.sleep(pause * random.uniform(0.5, 1.5))
            pause = min(pause * 2, 1.0)


_DEFERRED_BEGIN = {"begin", "begin;", "begin deferred", "begin transaction", "begin deferred transaction"}


class RetryingConnection(sqlite3.Connection):
    """A connection whose transaction-starting statements wait out a busy store (see the module).

    Its transactions take the write lock when they begin (``BEGIN IMMEDIATE``: Python's implicit one
    before a write through ``isolation_level``, sqlite-utils' ``BEGIN`` rewritten here): a transaction
    that began without it and then writes could only fail, never wait, if another process wrote in
    between. Reads (sqlite-utils' ``SAVEPOINT`` around a query, autocommit selects) take no lock."""

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:  # type: ignore[override]
        if sql.strip().lower() in _DEFERRED_BEGIN:
            sql = "BEGIN IMMEDIATE"
        return _retrying(self, lambda: super(RetryingConnection, self).execute(sql, parameters))

    def executemany(self, sql: str, parameters: Any, /) -> sqlite3.Cursor:  # type: ignore[override]
        rows = list(parameters)  # an iterator could not be replayed
        return _retrying(self, lambda: super(RetryingConnection, self).executemany(sql, rows))


def connect(path: Path | str | None = None) -> sqlite_utils.Database:
    """Open the store (creating the folder and file), WAL mode, foreign keys on, busy timeout set, a
    busy store waited for (:class:`RetryingConnection`). A new connection: :func:`writable_store` is
    what pages use.

    Raises :class:`StoreUnavailable` with a one-line reason if it cannot be opened for writing."""
    target = Path(path) if path is not None else store_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(target),
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
            factory=RetryingConnection,
        )
        conn.isolation_level = "IMMEDIATE"
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


class _Lease:
    """A thread's pooled connection; when the thread ends, Python drops its thread-local data and this
    hands the connection back to the pool (rolled back if a transaction was left open)."""

    def __init__(self, key: tuple[str, int, int], db: sqlite_utils.Database) -> None:
        self.key, self.db = key, db
        self.ready: set[tuple[str, tuple[str, ...]]] = set()  # migration sets checked on this connection

    def __del__(self) -> None:
        with suppress(Exception):  # also runs at interpreter exit, when little is left
            _give_back(self.key, self.db, self.ready)


def _give_back(key: tuple[str, int, int], db: sqlite_utils.Database, ready: set) -> None:
    try:
        if db.conn.in_transaction:
            db.conn.rollback()
    except sqlite3.Error:
        with suppress(sqlite3.Error):
            db.conn.close()
        return
    db.__dict__["_parkloop_ready"] = ready
    with _pool_lock:
        if key not in _idle and len(_idle) >= POOLED_FILES:
            _idle.pop(next(iter(_idle)))  # the oldest file's idle connections: closed when collected
        idle = _idle.setdefault(key, [])
        if len(idle) < IDLE_CONNECTIONS_PER_FILE:
            idle.append(db)
            return
    with suppress(sqlite3.Error):
        db.conn.close()


def _identity(target: Path) -> tuple[str, int, int] | None:
    """The file as (path, device, inode): a store deleted and made anew is another file."""
    try:
        info = os.stat(target)
    except OSError:
        return None
    return (str(target), info.st_dev, info.st_ino)


def _thread_lease(target: Path) -> _Lease:
    """This thread's connection to ``target``: kept, from the pool, or new (probed for writing once)."""
    leases: dict[str, _Lease] = _local.__dict__.setdefault("leases", {})
    key = _identity(target)
    lease = leases.get(str(target))
    if lease is not None and key is not None and lease.key == key:
        return lease
    db = None
    if key is not None:
        with _pool_lock:
            idle = _idle.get(key)
            db = idle.pop() if idle else None
    if db is None:
        db = connect(target)
        key = _identity(target) or (str(target), 0, 0)
        with _probe_lock:  # the first page runs of a process arrive together: one of them probes
            if key not in _probed:  # a read-only or locked file opens fine and fails only on the first write
                _probe_writable(db)
                _probed.add(key)
    lease = _Lease(key, db)
    lease.ready = db.__dict__.pop("_parkloop_ready", set())
    leases.pop(str(target), None)
    leases[str(target)] = lease
    while len(leases) > FILES_PER_THREAD:
        leases.pop(next(iter(leases)))  # handed back to the pool
    return lease


def _probe_writable(db: sqlite_utils.Database) -> None:
    db.conn.execute("BEGIN IMMEDIATE")  # waited for like any write while another process holds the lock
    db.conn.execute("ROLLBACK")


def writable_store(
    migrations: sqlite_utils.Migrations, path: Path | str | None = None
) -> sqlite_utils.Database | None:
    """The migrated store, or ``None`` if it cannot be written (the reason is logged once per reason).

    Cheap on every page run: this thread's pooled connection, its migrations checked when it was made.
    """
    target = Path(path) if path is not None else store_path()
    try:
        lease = _thread_lease(target)
        steps = (migrations.name, tuple(m.name for m in getattr(migrations, "_migrations", ())))
        if steps not in lease.ready:
            if migrations.pending(lease.db) or lease.db[LEGACY_MIGRATIONS_TABLE].exists():
                migrate(lease.db, migrations)  # the write lock only when there is something to do
            lease.ready.add(steps)
        return lease.db
    except (StoreUnavailable, sqlite3.Error, OSError) as error:
        _local.__dict__.get("leases", {}).pop(str(target), None)
        reason = f"{migrations.name}: {error}"
        if reason not in _reported:
            _reported.add(reason)
            log.warning("store unavailable, continuing without recording (%s)", reason)
        return None


def forget_connections() -> None:
    """Close every pooled connection and forget what was checked, as a new process would start (tests;
    a store file replaced underneath)."""
    _local.__dict__.pop("leases", None)
    with _pool_lock:
        pooled = [db for idle in _idle.values() for db in idle]
        _idle.clear()
    with _probe_lock:
        _probed.clear()
    for db in pooled:
        with suppress(sqlite3.Error):
            db.conn.close()
    with _due_lock:
        _due.clear()


def due(name: str, every_s: float, now: float | None = None) -> bool:
    """``True`` at most once per ``every_s`` in this process for ``name``: upkeep (a purge) on a
    schedule instead of a write on every page run."""
    moment = time.monotonic() if now is None else now
    with _due_lock:
        last = _due.get(name)
        if last is not None and moment - last < every_s:
            return False
        _due[name] = moment
        return True


def integrity_ok(path: Path | str | None = None) -> bool:
    """``PRAGMA integrity_check`` says ``ok``."""
    with suppress(sqlite3.Error, StoreUnavailable):
        db = connect(path)
        return [row[0] for row in db.execute("PRAGMA integrity_check")] == ["ok"]
    return False
