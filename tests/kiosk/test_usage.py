"""parkloop.kiosk.usage: events and daily totals agree, nothing personal gets in, pruning keeps the daily
totals, CSV export escapes formulas and imports back idempotently, and a SIGKILL loses no committed event."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parkloop import store
from parkloop.kiosk import usage
from parkloop.kiosk.usage import UsageStore, escape_cell, unescape_cell

VISIT = "0123456789abcdef"
NOON_BEIJING = datetime(2026, 5, 1, 4, 0, tzinfo=UTC)  # 12:00 in Beijing (UTC+8)


@pytest.fixture
def usage_store(tmp_path: Path) -> UsageStore:
    opened = UsageStore.open(tmp_path / "usage.sqlite")
    assert opened is not None
    return opened


def test_events_and_daily_totals_agree(usage_store: UsageStore) -> None:
    at = NOON_BEIJING
    usage_store.record("open", kiosk="k1", page="power", lang="zh", visit=VISIT, at=at)
    usage_store.record("interaction", kiosk="k1", page="power", lang="zh", visit=VISIT, at=at)
    usage_store.record("interaction", kiosk="k1", page="power", lang="zh", visit=VISIT, at=at)
    usage_store.record("dwell", kiosk="k1", page="power", lang="zh", visit=VISIT, value=42.5, at=at)
    usage_store.record("open", kiosk="k1", page="water", lang="en", visit=VISIT, at=at + timedelta(hours=1))
    usage_store.record("reset", kiosk="k1", page="attract", lang="zh", visit=VISIT, at=at)
    rows = {(r["page"], r["lang"], r["hour"]): r for r in usage_store.daily_rows()}
    power = rows[("power", "zh", 12)]
    assert (power["opens"], power["interactions"], power["dwell_s"], power["dwell_n"]) == (1, 2, 42.5, 1)
    assert power["day"] == "2026-05-01"
    assert rows[("water", "en", 13)]["opens"] == 1
    assert rows[("attract", "zh", 12)]["resets"] == 1
    assert usage_store.event_count() == 6
    assert usage_store.event_count("interaction") == 2


def test_local_day_is_beijing_time() -> None:
    assert usage.local_moment(datetime(2026, 5, 1, 16, 30, tzinfo=UTC)) == ("2026-05-02", 0)


@pytest.mark.parametrize(
    "field",
    [
        {"kind": "login"},
        {"page": "=HYPERLINK(1)"},
        {"page": "Alice Smith"},
        {"lang": "fr"},
        {"visit": "alice@example.com"},
        {"kiosk": "kiosk<script>"},
        {"kiosk": "x" * 41},
    ],
)
def test_anything_outside_the_closed_sets_is_refused(usage_store: UsageStore, field: dict) -> None:
    event = {"kind": "open", "kiosk": "k1", "page": "power", "lang": "zh", "visit": VISIT, **field}
    kind = event.pop("kind")
    with pytest.raises(ValueError):
        usage_store.record(kind, **event)
    assert usage_store.event_count() == 0


def test_the_schema_has_no_place_for_personal_data(usage_store: UsageStore) -> None:
    columns = set(usage_store.db[usage.EVENTS].columns_dict)
    assert columns == {"id", "ts", "day", "hour", "kiosk", "visit", "kind", "page", "lang", "value"}


def test_dwell_is_capped(usage_store: UsageStore) -> None:
    usage_store.record("dwell", kiosk="k1", page="power", lang="zh", value=10 * 3600)
    assert usage_store.daily_rows()[0]["dwell_s"] == usage.MAX_DWELL_S


def test_close_visit_counts_the_last_page_once(usage_store: UsageStore) -> None:
    usage_store.record("open", kiosk="k1", page="solar", lang="en", visit=VISIT, at=NOON_BEIJING)
    reset_at = NOON_BEIJING + timedelta(seconds=200)
    # the last touch was idle + warning = 110 s before the reset: 200 - 110 = 90 s on the page
    assert usage_store.close_visit(VISIT, kiosk="k1", idle_s=110, at=reset_at) == ("solar", 90.0)
    assert usage_store.close_visit(VISIT, kiosk="k1", idle_s=110, at=reset_at) is None  # reloaded reset URL
    assert usage_store.close_visit("ffffffffffffffff", kiosk="k1", idle_s=110) is None
    assert usage_store.close_visit("not-a-visit", kiosk="k1", idle_s=110) is None
    solar = next(r for r in usage_store.daily_rows() if r["page"] == "solar")
    assert (solar["dwell_n"], solar["dwell_s"]) == (1, 90.0)


def test_prune_deletes_old_events_and_keeps_daily_totals(usage_store: UsageStore) -> None:
    now = datetime(2026, 6, 30, 4, 0, tzinfo=UTC)
    for days_ago in (0, 30, 89, 91, 200):
        usage_store.record("open", kiosk="k1", page="power", lang="zh", at=now - timedelta(days=days_ago))
    before = usage_store.daily_rows()
    deleted = usage_store.prune(90, now=now)
    assert deleted == 2  # 91 and 200 days old
    assert usage_store.event_count() == 3
    assert usage_store.daily_rows() == before
    assert sum(row["opens"] for row in usage_store.daily_rows()) == 5


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_like_cells_are_escaped(prefix: str) -> None:
    cell = prefix + "cmd|' /C calc'!A0"
    assert escape_cell(cell) == "'" + cell
    assert unescape_cell(escape_cell(cell)) == cell


def test_ordinary_cells_are_left_alone() -> None:
    for cell in ("power", "2026-05-01", "12", "3.5", "kiosk-1", "", "'quoted"):
        assert escape_cell(cell) == cell
        assert unescape_cell(cell) == cell


@given(st.text(max_size=30).filter(lambda text: not text.startswith("'")))
def test_escape_round_trip(text: str) -> None:
    escaped = escape_cell(text)
    assert not escaped.startswith(usage.FORMULA_PREFIXES)
    assert unescape_cell(escaped) == text


def test_export_escapes_and_imports_back(tmp_path: Path) -> None:
    east = UsageStore.open(tmp_path / "east.sqlite")
    west = UsageStore.open(tmp_path / "west.sqlite")
    assert east is not None and west is not None
    east.record("open", kiosk="-east", page="power", lang="zh", at=NOON_BEIJING)
    east.record("dwell", kiosk="-east", page="power", lang="zh", value=12.0, at=NOON_BEIJING)
    west.record("open", kiosk="west", page="water", lang="en", at=NOON_BEIJING)
    exported = east.export_csv()
    assert ",'-east," in exported  # a kiosk name starting with "-" cannot become a formula
    report = west.import_csv(exported, own_kiosk="west")
    assert (report.imported, report.skipped, report.kiosks) == (1, 0, {"-east"})
    kiosks = {row["kiosk"]: row for row in west.daily_rows()}
    assert set(kiosks) == {"-east", "west"}
    assert (kiosks["-east"]["opens"], kiosks["-east"]["dwell_s"]) == (1, 12.0)
    west.import_csv(exported, own_kiosk="west")  # the same file twice counts once
    assert sum(row["opens"] for row in west.daily_rows()) == 2
    east.record("open", kiosk="-east", page="power", lang="zh", at=NOON_BEIJING)
    west.import_csv(east.export_csv(), own_kiosk="west")  # a newer export replaces the older totals
    assert next(r for r in west.daily_rows() if r["kiosk"] == "-east")["opens"] == 2
    # the own kiosk's rows come from its own events, never from a file
    assert west.import_csv(west.export_csv("west"), own_kiosk="west").imported == 0


def test_an_older_export_never_rolls_totals_back(tmp_path: Path) -> None:
    """Kiosk totals only grow: re-importing an older file keeps the higher counts, per counter, and the
    report says how many rows would have gone down."""
    east = UsageStore.open(tmp_path / "east2.sqlite")
    west = UsageStore.open(tmp_path / "west2.sqlite")
    assert east is not None and west is not None
    east.record("open", kiosk="east", page="power", lang="zh", at=NOON_BEIJING)
    older = east.export_csv()
    for _ in range(2):
        east.record("open", kiosk="east", page="power", lang="zh", at=NOON_BEIJING)
    east.record("dwell", kiosk="east", page="power", lang="zh", value=12.34, at=NOON_BEIJING)
    newer = east.export_csv()
    assert west.import_csv(newer, own_kiosk="west").lowered == 0
    report = west.import_csv(older, own_kiosk="west")
    assert (report.imported, report.lowered) == (1, 1)
    row = next(r for r in west.daily_rows() if r["kiosk"] == "east")
    assert (row["opens"], row["dwell_n"]) == (3, 1) and row["dwell_s"] == pytest.approx(12.3)
    assert west.import_csv(newer, own_kiosk="west").lowered == 0, "the same file again: nothing lower"
    header = ",".join(usage.CSV_COLUMNS)
    mixed = f"{header}\n{row['day']},east,power,zh,{row['hour']},2,5,0,12.3,1\n"  # fewer opens, more taps
    assert west.import_csv(mixed, own_kiosk="west").lowered == 1
    row = next(r for r in west.daily_rows() if r["kiosk"] == "east")
    assert (row["opens"], row["interactions"]) == (3, 5), "the maximum of each counter"


def test_import_refuses_junk(usage_store: UsageStore) -> None:
    assert usage_store.import_csv("name,email\nAlice,a@example.com\n").imported == 0
    header = ",".join(usage.CSV_COLUMNS)
    lines = [
        "2026-05-01,k2,power,zh,12,1,0,0,0.0,0",  # fine
        "2026-13-01,k2,power,zh,12,1,0,0,0.0,0",  # no 13th month
        "2026-05-01,k2,power,fr,12,1,0,0,0.0,0",
        "2026-05-01,k2,power,zh,24,1,0,0,0.0,0",
        "2026-05-01,k2,power,zh,12,-1,0,0,0.0,0",
        "2026-05-01,k2,power,zh,12,1,0,0,nan,0",
        "2026-05-01,=cmd(),power,zh,12,1,0,0,0.0,0",
        "2026-05-01,k2,../../etc,zh,12,1,0,0,0.0,0",
    ]
    report = usage_store.import_csv(header + "\n" + "\n".join(lines) + "\n")
    assert (report.imported, report.skipped) == (1, 7)
    assert len(report.problems) == 7 and all(p.startswith("line ") for p in report.problems)


def test_recording_never_raises_without_a_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "dir.sqlite").mkdir()  # a folder where the file should be: unwritable
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(tmp_path / "dir.sqlite"))
    usage.reset_shared_store()
    try:
        usage.record("open", page="power", lang="zh")
        usage.record_reset(VISIT, 110, "zh")
        assert usage.shared_store() is None
    finally:
        usage.reset_shared_store()


def test_shared_recorder_writes_with_the_kiosk_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(tmp_path / "shared.sqlite"))
    monkeypatch.setenv("PARKLOOP_KIOSK_NAME", "lobby")
    usage.reset_shared_store()
    try:
        usage.record("open", page="power", lang="en", visit=VISIT)
        usage.record_reset(VISIT, 110, "zh")
        usage.record_reset(VISIT, 110, "zh")  # the reset URL loaded twice: one reset
        rows = usage.shared_store().daily_rows()
        assert {row["kiosk"] for row in rows} == {"lobby"}
        assert sum(row["resets"] for row in rows) == 1
        assert sum(row["dwell_n"] for row in rows) == 1
    finally:
        usage.reset_shared_store()


WRITER = """
import sys
from parkloop.kiosk.usage import UsageStore
usage = UsageStore.open(sys.argv[1])
n = 0
while True:
    event_id = usage.record("open", kiosk="k1", page="power", lang="zh")
    print(event_id, flush=True)  # printed only after the commit returned
    n += 1
"""


def test_sigkill_while_writing_loses_no_committed_event(tmp_path: Path) -> None:
    """A writer prints each event id after its commit; SIGKILL mid-stream; every printed id is there."""
    path = tmp_path / "killed.sqlite"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    assert writer.stdout is not None
    committed: list[int] = []
    deadline = time.monotonic() + 60
    while len(committed) < 300 and time.monotonic() < deadline:
        line = writer.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.killpg(writer.pid, signal.SIGKILL)
    rest = writer.stdout.read()  # ids printed between our last read and the kill were committed too
    committed.extend(int(line) for line in rest.split())
    writer.wait()
    assert len(committed) >= 300
    assert store.integrity_ok(path)
    reopened = UsageStore.open(path)
    assert reopened is not None
    ids = {row[0] for row in reopened.db.execute(f"SELECT id FROM {usage.EVENTS}")}
    assert set(committed) <= ids
    total = sum(row["opens"] for row in reopened.daily_rows())
    assert total == len(ids)  # the daily totals were committed with their events, not apart
