"""Soak benchmark of kiosk mode: many idle/reset cycles against one server; server memory at start and end.

Not part of ``make test`` (everything under tests/bench is a benchmark). The full run — 1000 cycles or
30 minutes, whichever comes first — goal: the server's resident memory grows by less than 10 %::

    make bench PYTEST_ARGS="-k kiosk_soak"                         # the full soak (about 30 min)
    PARKLOOP_SOAK_CYCLES=20 .venv/bin/python -m pytest tests/bench/test_kiosk_soak.py -m bench -s

One cycle, as a visitor and then nobody would: the attract screen → a touch → an exhibit (a tile of
the home page) → no touch for ``kiosk_idle_s`` (3 s here) → the warning → the countdown (2 s) → the
reset reloads the attract screen. Memory is the server process's VmRSS, measured after a warm-up that
opens every exhibit once (imports, caches) and after the last cycle plus the session TTL, so that the
sessions of closed pages have been freed, and every ``SAMPLE_EVERY`` cycles for the curve. A cycle that
does not finish (a step waited a minute) is counted as a failure and the kiosk page is opened afresh;
more than 1 % failures fails the soak. ``PARKLOOP_SOAK_IDLE_S`` / ``PARKLOOP_SOAK_WARN_S`` (3, 2) set
the kiosk's idle and warning time; ``PARKLOOP_SOAK_KIOSKS`` (1) screens cycle at once, each its own
Chromium, the cycles counted together (2 screens fit 1000 cycles in about an hour on a loaded machine).
"""

from __future__ import annotations

import json
import os
import socket
import threading
import time
from pathlib import Path

from parkloop.kiosk.launch import ServerProcess

REPO = Path(__file__).resolve().parents[2]
CYCLES = int(os.environ.get("PARKLOOP_SOAK_CYCLES", "1000"))
MAX_MINUTES = float(os.environ.get("PARKLOOP_SOAK_MINUTES", "30"))
WARMUP = int(os.environ.get("PARKLOOP_SOAK_WARMUP", "16"))
"""Warm-up cycles, one per exhibit tile of the home page (there are fewer; they wrap round)."""
SESSION_TTL_S = 10
GOAL_GROWTH = 0.10
RESULT = REPO / "tests" / "bench" / "last-kiosk-soak.json"
IDLE_S = os.environ.get("PARKLOOP_SOAK_IDLE_S", "3")
WARN_S = os.environ.get("PARKLOOP_SOAK_WARN_S", "2")
SAMPLE_EVERY = int(os.environ.get("PARKLOOP_SOAK_SAMPLE_EVERY", "50"))
MAX_FAILURE_SHARE = 0.01
KIOSKS = int(os.environ.get("PARKLOOP_SOAK_KIOSKS", "1"))
"""Kiosk screens cycling at once against the one server (each its own Chromium)."""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_run(page) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", state="attached")
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", state="attached")


def _touch_if_warned(page) -> None:
    """A loaded machine can draw a page slower than the idle time: the warning is then up, and a touch
    on it (as a visitor's) dismisses it before the next step."""
    warning = page.locator("#parkloop-idle-warning")
    if warning.count() and warning.first.is_visible():
        warning.first.click()
        page.wait_for_timeout(300)


def _cycle(page, tile: int) -> str:
    """One visitor and the reset after them; ``"early"`` when the kiosk reset before the visitor reached
    an exhibit (the machine drew the home page slower than the idle time: the kiosk did its job)."""
    page.locator("#parkloop-attract").wait_for(timeout=60_000)
    _wait_run(page)
    page.locator("#parkloop-attract").click()
    page.locator("[data-testid='stMain'] h1").first.wait_for(timeout=60_000)
    _wait_run(page)
    _touch_if_warned(page)
    tiles = page.locator("[data-testid='stMain'] [data-testid='stPageLink'] a")
    if page.locator("#parkloop-attract").count():
        return "early"
    if tiles.count():
        tiles.nth(tile % tiles.count()).click(timeout=15_000)
        _wait_run(page)
    # the warning is up for kiosk_warn_s only; what must follow it is the reset to the attract screen
    page.locator("#parkloop-attract").wait_for(timeout=90_000)
    return "ok"


class _Tally:
    """Cycles of all kiosks together, until ``CYCLES`` or ``MAX_MINUTES``."""

    def __init__(self, server) -> None:
        self.server, self.lock = server, threading.Lock()
        self.started = time.monotonic()
        self.done = self.failures = self.early = 0
        self.errors: list[str] = []
        self.curve: list[tuple[int, float, float]] = [(0, 0.0, round(server.rss_kib() / 1024, 1))]

    def more(self) -> bool:
        with self.lock:
            return self.done < CYCLES and time.monotonic() - self.started < MAX_MINUTES * 60

    def count(self, error: BaseException | None, outcome: str = "ok") -> None:
        with self.lock:
            self.done += 1
            self.early += outcome == "early"
            if error is not None:
                self.failures += 1
                self.errors.append(f"cycle {self.done}: {type(error).__name__}: {str(error).splitlines()[0]}")
                if len(self.errors) <= 10:
                    print("kiosk soak failure:", self.errors[-1], flush=True)
            if self.done % SAMPLE_EVERY == 0:
                minutes = round((time.monotonic() - self.started) / 60, 1)
                self.curve.append((self.done, minutes, round(self.server.rss_kib() / 1024, 1)))
                print(f"kiosk soak: {self.done} cycles, {self.failures} failed, {self.early} early, "
                      f"{minutes} min, {self.curve[-1][2]} MiB", flush=True)  # fmt: skip


def _kiosk(
    base_url: str, start: threading.Barrier, go: threading.Event, tally: list[_Tally], offset: int
) -> None:
    """One kiosk screen (its own Chromium): the warm-up, then cycles while the tally wants more."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("PARKLOOP_CHROMIUM", "/usr/bin/chromium"),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(f"{base_url}/?mode=kiosk&lang=zh")
        for tile in range(WARMUP):  # every exhibit once: imports and caches are not growth
            try:
                _cycle(page, tile)
            except Exception:  # noqa: BLE001 - the warm-up only warms
                page.goto(f"{base_url}/?mode=kiosk&lang=zh")
        start.wait()
        go.wait()
        done = offset
        while tally[0].more():
            error, outcome = None, "failed"
            try:
                outcome = _cycle(page, done)
            except Exception as failure:  # noqa: BLE001 - counted; the kiosk page is opened afresh
                error = failure
                page.goto(f"{base_url}/?mode=kiosk&lang=zh")
            tally[0].count(error, outcome)
            done += 1
        page.locator("#parkloop-attract").wait_for(timeout=60_000)
        browser.close()


def test_kiosk_soak(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PARKLOOP_KIOSK_IDLE_S": IDLE_S,
        "PARKLOOP_KIOSK_WARN_S": WARN_S,
        "PARKLOOP_STORE_PATH": str(tmp_path / "soak.sqlite"),
    }
    server = ServerProcess(_free_port(), tmp_path / "server.log", env=env)
    server.overrides["server.disconnectedSessionTTL"] = SESSION_TTL_S
    server.start()
    tally: list[_Tally] = []
    try:
        server.wait_healthy()
        start, go = threading.Barrier(KIOSKS + 1), threading.Event()
        screens = [
            threading.Thread(target=_kiosk, args=(server.base_url, start, go, tally, 5 * i))
            for i in range(KIOSKS)
        ]
        for screen in screens:
            screen.start()
        start.wait(timeout=1800)  # every screen warmed up
        tally.append(_Tally(server))
        go.set()
        rss_start = tally[0].curve[0][2] * 1024
        for screen in screens:
            screen.join()
        elapsed = time.monotonic() - tally[0].started
        time.sleep(SESSION_TTL_S + 5)
        rss_end = server.rss_kib()
    finally:
        server.stop()
    done, failures = tally[0].done, tally[0].failures
    growth = (rss_end - rss_start) / rss_start
    result = {
        "cycles": done,
        "failures": failures,
        "early_resets": tally[0].early,
        "failure_samples": tally[0].errors[:5],
        "kiosks": KIOSKS,
        "idle_s": IDLE_S,
        "warn_s": WARN_S,
        "curve_cycles_minutes_mib": tally[0].curve,
        "minutes": round(elapsed / 60, 2),
        "seconds_per_cycle": round(elapsed / max(done, 1), 2),
        "rss_start_mib": round(rss_start / 1024, 1),
        "rss_end_mib": round(rss_end / 1024, 1),
        "growth": round(growth, 4),
        "goal_growth": GOAL_GROWTH,
        "load_average": float(Path("/proc/loadavg").read_text().split()[0]),
    }
    RESULT.write_text(json.dumps(result, indent=2) + "\n")
    print("\nkiosk soak:", json.dumps(result))
    assert done > 0
    assert failures <= MAX_FAILURE_SHARE * done, result
    if done >= 100:  # a short run measures warm-up noise, not a trend: report only
        assert growth < GOAL_GROWTH, result
