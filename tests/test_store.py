"""parkloop.store: WAL mode, migrations run once and in order, and an unwritable store gives None."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import sqlite_utils

from parkloop import store


def _steps(log: list[str], name: str = "demo", count: int = 2) -> sqlite_utils.Migrations:
    migrations = sqlite_utils.Migrations(name)

    @migrations()
    def one(db):
        log.append("one")
        db["things"].create({"id": int, "name": str}, pk="id")

    if count > 1:

        @migrations()
        def two(db):
            log.append("two")
            db["things"].add_column("colour", str)

    return migrations


def test_wal_and_migrations_run_once(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    ran: list[str] = []
    db = store.writable_store(_steps(ran), path)
    assert db is not None and db.journal_mode == "wal"
    assert ran == ["one", "two"]
    db["things"].insert({"id": 1, "name": "brick", "colour": "red"})
    again = store.writable_store(_steps(ran), path)
    assert ran == ["one", "two"]  # not run twice
    assert list(again["things"].rows) == [{"id": 1, "name": "brick", "colour": "red"}]
    assert store.integrity_ok(path)


def test_a_new_step_runs_alone(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    ran: list[str] = []
    store.writable_store(_steps(ran, count=1), path)
    store.writable_store(_steps(ran), path)
    assert ran == ["one", "two"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write read-only files")
def test_read_only_store_gives_none(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "ro.sqlite"
    assert store.writable_store(_steps([]), path) is not None
    path.chmod(0o444)
    tmp_path.chmod(0o555)
    try:
        assert store.writable_store(_steps([], "demo2"), path) is None
        assert "store unavailable" in caplog.text
    finally:
        tmp_path.chmod(0o755)
        path.chmod(0o644)


def test_a_directory_in_place_of_the_file_gives_none(tmp_path: Path) -> None:
    path = tmp_path / "dir.sqlite"
    path.mkdir()
    assert store.writable_store(_steps([]), path) is None
    assert not store.integrity_ok(path)


def test_garbage_file_gives_none(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    assert store.writable_store(_steps([]), path) is None


def test_a_locked_store_gives_none_once_the_wait_is_spent(tmp_path: Path, monkeypatch) -> None:
    """Another process holds an exclusive lock (a backup, a stuck writer) when this process first opens
    the store, longer than it waits: no exception, just None; and it recovers once released."""
    import sqlite3

    path = tmp_path / "locked.sqlite"
    assert store.writable_store(_steps([]), path) is not None
    store.forget_connections()  # as a new process would start
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 100)
    monkeypatch.setenv("PARKLOOP_STORE_BUSY_WAIT_S", "0.3")
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert store.writable_store(_steps([]), path) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.writable_store(_steps([]), path) is not None  # and recovers once released


def test_an_open_store_is_reused_without_taking_the_write_lock(tmp_path: Path) -> None:
    """A page run after the first gets the same connection and takes no lock: an outside writer
    holding the lock does not make it fail or wait."""
    import sqlite3
    import time

    path = tmp_path / "reuse.sqlite"
    first = store.writable_store(_steps([]), path)
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        started = time.monotonic()
        again = store.writable_store(_steps([]), path)
        assert again is first
        assert time.monotonic() - started < 0.5
        assert list(again["things"].rows) == []  # reading is never blocked in WAL mode
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_a_write_waits_for_an_outside_lock_and_then_succeeds(tmp_path: Path, monkeypatch) -> None:
    """An outside write lock held longer than SQLite's busy timeout: the write is retried with backoff
    until the lock goes, and then lands (no "database is locked")."""
    import sqlite3
    import threading
    import time

    path = tmp_path / "wait.sqlite"
    db = store.writable_store(_steps([]), path)
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 100)
    db.conn.execute(f"PRAGMA busy_timeout = {store.BUSY_TIMEOUT_MS}")
    monkeypatch.setenv("PARKLOOP_STORE_BUSY_WAIT_S", "10")
    holder = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN EXCLUSIVE")
    release = threading.Timer(1.0, lambda: holder.execute("ROLLBACK"))
    release.start()
    started = time.monotonic()
    try:
        with db.conn:
            db["things"].insert({"id": 7, "name": "brick", "colour": "red"})
        assert time.monotonic() - started >= 0.9  # it did wait
        assert [row["id"] for row in db["things"].rows] == [7]
    finally:
        release.join()
        holder.close()


def test_a_write_gives_a_busy_error_once_the_wait_is_spent(tmp_path: Path, monkeypatch) -> None:
    import sqlite3

    path = tmp_path / "busy.sqlite"
    db = store.writable_store(_steps([]), path)
    db.conn.execute("PRAGMA busy_timeout = 50")
    monkeypatch.setenv("PARKLOOP_STORE_BUSY_WAIT_S", "0.2")
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError) as raised:
            db.execute("INSERT INTO things (id, name) VALUES (1, 'x')")
        assert store.is_busy(raised.value)
        assert not db.conn.in_transaction  # nothing half-begun is left behind
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    db.execute("INSERT INTO things (id, name) VALUES (1, 'x')")
    assert db["things"].count == 1
    db.conn.execute(f"PRAGMA busy_timeout = {store.BUSY_TIMEOUT_MS}")


def test_each_thread_has_its_own_connection_handed_back_when_it_ends(tmp_path: Path) -> None:
    """Streamlit runs every rerun in a new thread: the next thread gets the connection the last one
    used, not a new file handle; two threads at once never share one."""
    import threading

    path = tmp_path / "threads.sqlite"
    store.writable_store(_steps([]), path)
    seen: list[int] = []
    both = threading.Barrier(2)

    def page_run(wait: bool) -> None:
        db = store.writable_store(_steps([]), path)
        seen.append(id(db.conn))
        if wait:
            both.wait()

    for _ in range(3):  # one after the other: one pooled connection
        thread = threading.Thread(target=page_run, args=(False,))
        thread.start()
        thread.join()
    assert len(set(seen)) == 1
    seen.clear()
    threads = [threading.Thread(target=page_run, args=(True,)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == 2


def test_a_store_made_anew_at_the_same_path_is_migrated_again(tmp_path: Path) -> None:
    path = tmp_path / "anew.sqlite"
    ran: list[str] = []
    store.writable_store(_steps(ran), path)
    store.forget_connections()
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    db = store.writable_store(_steps(ran), path)
    assert ran == ["one", "two", "one", "two"]
    assert db["things"].exists()


def test_due_runs_upkeep_once_per_interval() -> None:
    assert store.due("test-upkeep", 60, now=1000.0)
    assert not store.due("test-upkeep", 60, now=1030.0)
    assert store.due("test-upkeep", 60, now=1061.0)


def test_the_write_lock_is_probed_once_per_process_not_per_connection(tmp_path: Path, monkeypatch) -> None:
    """Many page runs at once each need a connection of their own; only the first connection this
    process makes to the file takes the write lock to probe it, and a page run that reuses a pooled
    connection probes nothing — so an outside writer never makes a page run wait just to open."""
    import threading

    probes: list[int] = []
    real = store._probe_writable
    monkeypatch.setattr(store, "_probe_writable", lambda db: probes.append(1) or real(db))
    store.forget_connections()
    path = tmp_path / "probe.sqlite"
    together = threading.Barrier(6)
    opened: list[int] = []

    def page_run() -> None:
        db = store.writable_store(_steps([]), path)
        opened.append(id(db.conn))
        together.wait()  # all six hold a connection at once: six connections

    for _ in range(2):
        threads = [threading.Thread(target=page_run) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert len(set(opened)) >= 6
    assert probes == [1]
    store.forget_connections()  # as a new process would start: probed again
    store.writable_store(_steps([]), path)
    assert probes == [1, 1]
