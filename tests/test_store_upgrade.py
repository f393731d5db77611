"""A store made before sqlite-utils' migrations opens with today's code without losing a row.

``tests/fixtures/store-before-migrations.sqlite`` was written by the hand-written migrator (its
``_migrations(component, version)`` table) with all three components migrated and a few rows in every
table: kiosk usage events and daily totals, a class session with two students and their answers, passport
stamps and scans. Never regenerate it with new code: it stands for the stores already out in the park.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from parkloop import store
from parkloop.kiosk import usage
from parkloop.school import sessions
from parkloop.tours import passport

FIXTURE = Path(__file__).parent / "fixtures" / "store-before-migrations.sqlite"
COMPONENTS = {"usage": usage.MIGRATIONS, "classes": sessions.MIGRATIONS, "tours": passport.MIGRATIONS}
DATA_TABLES = (
    "usage_events",
    "usage_daily",
    "class_sessions",
    "class_students",
    "class_answers",
    "tour_secret",
    "tour_stamps",
    "tour_scans",
)


LATER_STEPS = {"classes": ["m002_devices_activity_limits"]}
"""Steps added after the hand-written migrator: they run on an old store once its old steps are adopted."""


def rows(path: Path, columns: dict[str, list[str]] | None = None) -> dict[str, set[tuple]]:
    """Every row of the data tables (of ``columns`` only, per table, when given)."""
    with sqlite3.connect(path) as conn:
        return {
            table: set(conn.execute(f"SELECT {', '.join((columns or {}).get(table, ['*']))} FROM {table}"))
            for table in DATA_TABLES
        }


def columns_of(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as conn:
        return {table: [r[1] for r in conn.execute(f"PRAGMA table_info({table})")] for table in DATA_TABLES}


def schema(path: Path) -> set[tuple[str, str]]:
    """Every table and index of the components (not the bookkeeping of migrations)."""
    with sqlite3.connect(path) as conn:
        return {
            (name, sql)
            for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
            if not name.startswith(("_migrations", "_sqlite_migrations", "idx__sqlite_migrations"))
        }


def dump(db: sqlite_utils.Database) -> list[str]:
    return list(db.conn.iterdump())


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "store.sqlite"
    shutil.copyfile(FIXTURE, path)
    return path


def test_the_fixture_is_an_old_store() -> None:
    with sqlite3.connect(FIXTURE) as conn:
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        legacy = set(conn.execute("SELECT component, version FROM _migrations"))
    assert "_sqlite_migrations" not in tables
    assert legacy == {("usage", 1), ("classes", 1), ("tours", 1)}
    assert all(rows(FIXTURE).values()), "a few rows in every table"


def test_an_old_store_migrates_without_loss(old_store: Path, tmp_path: Path) -> None:
    before_rows, old_columns = rows(old_store), columns_of(old_store)
    opened = {name: store.writable_store(migrations, old_store) for name, migrations in COMPONENTS.items()}
    assert all(db is not None for db in opened.values()), "no old step ran again (its CREATE would fail)"

    after = rows(old_store, old_columns)
    assert {t: r for t, r in after.items() if t != "class_students"} == {
        t: r for t, r in before_rows.items() if t != "class_students"
    }
    key = old_columns["class_students"].index("nickname_key")  # re-keyed by m002 (nickname_key())

    def without_key(table: set[tuple]) -> set[tuple]:
        return {row[:key] + row[key + 1 :] for row in table}

    assert without_key(after["class_students"]) == without_key(before_rows["class_students"])
    fresh = tmp_path / "fresh.sqlite"
    for migrations in COMPONENTS.values():
        assert store.writable_store(migrations, fresh) is not None
    assert schema(old_store) == schema(fresh), "the old store's schema is today's"

    db = opened["usage"]
    recorded = {(row["migration_set"], row["name"]) for row in db["_sqlite_migrations"].rows}
    later = {(name, step) for name, steps in LATER_STEPS.items() for step in steps}
    assert recorded == {(name, "m001_tables") for name in COMPONENTS} | later
    assert all(not migrations.pending(db) for migrations in COMPONENTS.values())
    with sqlite3.connect(FIXTURE) as conn:
        old_dates = {
            component: at for component, at in conn.execute("SELECT component, applied_at FROM _migrations")
        }
    for row in db["_sqlite_migrations"].rows:
        if row["name"] == "m001_tables":
            assert row["applied_at"].startswith(old_dates[row["migration_set"]]), "the old date is kept"


def test_the_old_rows_are_still_usable(old_store: Path) -> None:
    usage_store = usage.UsageStore.open(old_store)
    assert usage_store is not None
    assert usage_store.event_count() == 5 and len(usage_store.daily_rows()) == 4

    db = sessions.open_store(old_store)
    assert db is not None
    (session_id,) = [row["id"] for row in db["class_sessions"].rows]
    assert sessions.participants(db, session_id) == ["小明", "=cmd"]
    assert len(sessions.all_answers(db, session_id)) == 3
    old = sessions.get_session(db, session_id)
    assert old.last_active_at is not None and old.last_active_at >= old.created_at, "retention from activity"

    tours = store.writable_store(passport.MIGRATIONS, old_store)  # not open_store: it prunes old stamps
    assert tours is not None
    (token,) = {row["token"] for row in tours["tour_stamps"].rows}
    assert passport.valid_token(tours, token), "the signing secret survived"
    assert set(passport.stamps(tours, token)) == {"gate", "incinerator"}


def test_applying_the_migrations_again_changes_nothing(old_store: Path) -> None:
    db = store.writable_store(usage.MIGRATIONS, old_store)
    assert db is not None
    for migrations in COMPONENTS.values():
        store.migrate(db, migrations)
    before = dump(db)
    for name, migrations in COMPONENTS.items():
        assert store.migrate(db, migrations) == ["m001_tables", *LATER_STEPS.get(name, [])]
    assert dump(db) == before
