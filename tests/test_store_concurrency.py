"""Two server processes on one store (``make serve``): a class answering, QR scanners and dashboards,
and an outside write lock held longer than SQLite's busy timeout — no error reaches a visitor, no student
is signed out, no acknowledged answer is lost. The short version of ``tests/bench/test_store_bench.py``
(about 20 s); the driver is ``tests/load/store_load.py``."""

from __future__ import annotations

from pathlib import Path

from parkloop import store
from tests.load.store_load import run_store_load


def test_two_processes_many_writers_and_an_outside_lock(tmp_path: Path) -> None:
    wait = float(store.busy_wait_s())
    lock_s = store.BUSY_TIMEOUT_MS / 1000 + 1.5  # past SQLite's own wait: the retries must carry it
    assert lock_s < wait
    report = run_store_load(
        tmp_path / "two.sqlite", processes=2, students=16, scanners=2, dashboards=2, seconds=10,
        lock_seconds=lock_s, lock_at_s=2,
    )  # fmt: skip
    print("\n" + report.line())
    assert report.errors_shown == 0, report.error_samples
    assert report.store_unreachable == 0 and report.signed_out == 0
    assert report.answers_acknowledged > 16 and report.answers_lost == 0
    assert report.scans > 0 and report.dashboard_refreshes > 0
    # the lock met the load: saves waited it out — past SQLite's own busy timeout — and were kept
    assert report.answers_during_lock > 0
    assert report.longest_wait_during_lock_s >= store.BUSY_TIMEOUT_MS / 1000
