"""Soak benchmark of kiosk mode: many idle/reset cycles against one server; server memory at start and end.

Not part of ``make test`` (everything under tests/bench is a benchmark). The full run — 1000 cycles or
30 minutes, whichever comes first — goal: the server's resident memory grows by less than 10 %::

    make bench PYTEST_ARGS="-k kiosk_soak"                         # the full soak (about 30 min)
    PARKLOOP_SOAK_CYCLES=20 .venv/bin/python -m pytest tests/bench/test_kiosk_soak.py -m bench -s

One cycle, as a visitor and then nobody would: the attract screen → a touch → an exhibit (a tile of
the home page) → no touch for ``kiosk_idle_s`` (3 s here) → the warning → the countdown (2 s) → the
reset reloads the attract screen. Memory is the server process's VmRSS, measured after a warm-up that
opens every exhibit once (imports, caches) and after the last cycle plus the session TTL, so that the
sessions of closed pages have been freed.
"""

from __future__ import annotations

import json
import os
import socket
import time
from pathlib import Path

from parkloop.kiosk.launch import ServerProcess

REPO = Path(__file__).resolve().parents[2]
CYCLES = int(os.environ.get("PARKLOOP_SOAK_CYCLES", "1000"))
MAX_MINUTES = float(os.environ.get("PARKLOOP_SOAK_MINUTES", "30"))
WARMUP = 16
"""Warm-up cycles, one per exhibit tile of the home page (there are fewer; they wrap round)."""
SESSION_TTL_S = 10
GOAL_GROWTH = 0.10
RESULT = REPO / "tests" / "bench" / "last-kiosk-soak.json"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_run(page) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", state="attached")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")


def _cycle(page, tile: int) -> None:
    page.locator("#parkloop-attract").wait_for(timeout=60_000)
    _wait_run(page)
    page.locator("#parkloop-attract").click()
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=60_000)
    _wait_run(page)
    tiles = page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a")
    if tiles.count():
        tiles.nth(tile % tiles.count()).click()
        _wait_run(page)
    page.locator("#parkloop-idle-warning").wait_for(timeout=60_000)
    page.wait_for_url("**reset=1**", timeout=60_000)


def test_kiosk_soak(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    env = {
        **os.environ,
        "PARKLOOP_KIOSK_IDLE_S": "3",
        "PARKLOOP_KIOSK_WARN_S": "2",
        "PARKLOOP_STORE_PATH": str(tmp_path / "soak.sqlite"),
    }
    server = ServerProcess(_free_port(), tmp_path / "server.log", env=env)
    server.overrides["server.disconnectedSessionTTL"] = SESSION_TTL_S
    server.start()
    try:
        server.wait_healthy()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("PARKLOOP_CHROMIUM", "/usr/bin/chromium"),
                args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
            )
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(f"{server.base_url}/?mode=kiosk&lang=zh")
            for tile in range(WARMUP):  # every exhibit once: imports and caches are not growth
                _cycle(page, tile)
            rss_start = server.rss_kib()
            started = time.monotonic()
            done = 0
            while done < CYCLES and time.monotonic() - started < MAX_MINUTES * 60:
                _cycle(page, done)
                done += 1
            elapsed = time.monotonic() - started
            page.locator("#parkloop-attract").wait_for(timeout=60_000)
            browser.close()
        time.sleep(SESSION_TTL_S + 5)
        rss_end = server.rss_kib()
    finally:
        server.stop()
    growth = (rss_end - rss_start) / rss_start
    result = {
        "cycles": done,
        "minutes": round(elapsed / 60, 2),
        "seconds_per_cycle": round(elapsed / max(done, 1), 2),
        "rss_start_mib": round(rss_start / 1024, 1),
        "rss_end_mib": round(rss_end / 1024, 1),
        "growth": round(growth, 4),
        "goal_growth": GOAL_GROWTH,
    }
    RESULT.write_text(json.dumps(result, indent=2) + "\n")
    print("\nkiosk soak:", json.dumps(result))
    assert done > 0
    if done >= 100:  # a short run measures warm-up noise, not a trend: report only
        assert growth < GOAL_GROWTH, result
