"""The fast load test of ``make test``: 10 phones moving a slider for 30 s with a teacher dashboard open.

It asserts what must hold at any load — every interaction finishes, no errors, memory per session stays
small — and prints the timings. The timing goals (p95 ≤ 1 s at 50 phones; where p95 passes 2 s) are
measured by ``make bench`` (tests/bench/test_load_bench.py), not asserted here.
"""

from __future__ import annotations

import asyncio
import os
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.browser.conftest import free_port
from tests.load.run_load import class_session_store, run_load, start_server, stop_server

pytestmark = pytest.mark.load


@pytest.fixture(scope="module")
def server(tmp_path_factory, monkeypatch_module):
    teacher = class_session_store(tmp_path_factory.mktemp("load") / "load.sqlite")
    handle, pids, url = start_server(free_port())
    yield url, pids, teacher
    stop_server(handle)


@pytest.fixture(scope="module")
def monkeypatch_module():
    """class_session_store points PARKLOOP_STORE_PATH at a temporary store; put it back afterwards."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PARKLOOP_STORE_PATH", os.environ.get("PARKLOOP_STORE_PATH", ""))
        yield patch


def _run(coroutine):
    """Run the load in its own thread: Playwright's sync API may hold a running event loop in this one."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def test_ten_phones_for_thirty_seconds(server) -> None:
    url, pids, teacher = server
    _run(run_load(url, 1, 2, "power", "lang=zh&mode=phone", 1.0, pids, teacher=False))  # warm-up
    report = _run(run_load(url, 10, 30, "power", "lang=zh&mode=phone", 3.0, pids, teacher_query=teacher))
    print("\n" + report.line())
    assert report.errors == 0, report.error_samples
    assert report.interactions >= 10 * 5, "every phone moved its slider several times"
    assert report.teacher_refreshes >= 5
    assert report.rss_per_session_mb < 20, "a phone's session stays small"
