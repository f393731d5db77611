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


def test_a_locked_store_gives_none_after_the_busy_timeout(tmp_path: Path, monkeypatch) -> None:
    """Another process holds an exclusive lock (a backup, a stuck writer): no exception, just None."""
    import sqlite3

    path = tmp_path / "locked.sqlite"
    assert store.writable_store(_steps([]), path) is not None
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 300)
    holder = sqlite3.connect(str(path), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        assert store.writable_store(_steps([]), path) is None
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.writable_store(_steps([]), path) is not None  # and recovers once released
