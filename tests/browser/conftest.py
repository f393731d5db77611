"""Browser-test fixtures: a real ``streamlit run app.py`` and Debian's Chromium driven by Playwright.

Every browser test reuses these:

* ``streamlit_server`` (session): the app on a free port, headless, no file watcher, no usage stats;
  ready when ``GET /_stcore/health`` answers ``ok``. Its log is printed if it fails to start.
* ``browser`` (session): ``/usr/bin/chromium`` (``make test`` installs it) launched by Playwright.
* ``open_app`` (function): ``open_app("/targets", lang="en", viewport=PHONE)`` opens a fresh context,
  records every request, waits until Streamlit has finished the run and returns an :class:`AppPage`.
* :func:`wait_for_app_run` waits the way Streamlit's own e2e suite does: connected, script state
  ``notRunning``, no skeleton left — never a fixed sleep.

Screenshots go to ``tests/artifacts/screenshots/`` (ignored by git: ``screenshots/`` in .gitignore).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from parkloop.serve import local_url, start_streamlit, stop_processes, wait_healthy

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("PARKLOOP_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
SCREENSHOT_DIR = REPO / "tests" / "artifacts" / "screenshots"
KIOSK = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
SERVER_START_TIMEOUT_S = 60
APP_RUN_TIMEOUT_MS = 60_000


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def streamlit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start ``streamlit run app.py`` on a free port and yield its base URL (``http://127.0.0.1:N``)."""
    port = free_port()
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    process = start_streamlit(port, log=log_path)
    base_url = local_url(port)
    try:
        if not wait_healthy(base_url, SERVER_START_TIMEOUT_S, process=process):
            output = log_path.read_text(errors="replace")
            pytest.fail(f"streamlit did not start (exit {process.poll()}):\n{output[-4000:]}")
        yield base_url
    finally:
        stop_processes(process)


def running_cluster(workers: int) -> Iterator:
    """``make serve``'s stack (``workers`` Streamlit processes behind Caddy) on free ports, for a fixture
    to ``yield from``; stopped afterwards."""
    import shutil

    from parkloop.serve import Cluster

    if shutil.which("caddy") is None:
        pytest.fail("caddy not installed: run `make system-deps`")
    base = free_port()
    cluster = Cluster(
        port=free_port(), workers=workers, base_port=base + 1000 if base < 60000 else base - 5000
    )
    cluster.start(timeout=120)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium through Playwright (no Playwright-downloaded browser, no network)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: run `make system-deps` (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def wait_for_app_run(page, timeout_ms: int = APP_RUN_TIMEOUT_MS) -> None:
    """Wait until Streamlit has connected, finished the script run and drawn every element."""
    from playwright.sync_api import expect

    page.wait_for_selector("[data-testid='stAppViewContainer']", state="attached", timeout=timeout_ms)
    page.wait_for_timeout(210)  # Streamlit's own e2e helper waits out the 200 ms element debounce
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-connection-state='CONNECTED']", state="attached", timeout=timeout_ms
    )
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", state="attached", timeout=timeout_ms
    )
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0, timeout=timeout_ms)


@dataclass
class AppPage:
    """An opened page, the URLs it requested, and where it was served from."""

    page: object
    base_url: str
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        """Requests to any host other than the app's own (data: and blob: URLs are local)."""
        own = urlsplit(self.base_url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != own
        ]

    def main_text(self) -> str:
        return self.page.locator("[data-testid='stMain']").inner_text()

    def screenshot(self, name: str, *, whole: bool = True) -> Path:
        """Save ``<name>.png`` (the viewport as a visitor first sees it) and, if the page is longer,
        ``<name>-full.png``: Streamlit scrolls inside its own container, so Playwright's full_page does
        not reach below the fold; the viewport is stretched to the content's height for that shot."""
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        self.page.screenshot(path=str(path))
        if whole:
            viewport = self.page.viewport_size
            height = self.page.evaluate(
                "() => { const m = document.querySelector('[data-testid=stMain]');"
                " return m ? m.scrollHeight : 0; }"
            )
            if viewport and height > viewport["height"] + 10:
                self.page.set_viewport_size({"width": viewport["width"], "height": min(int(height), 12000)})
                self.page.wait_for_timeout(400)
                self.page.screenshot(path=str(SCREENSHOT_DIR / f"{name}-full.png"))
                self.page.set_viewport_size(viewport)
        return path


@pytest.fixture
def open_app(browser, streamlit_server) -> Iterator[Callable[..., AppPage]]:
    """Open a path of the app in a fresh browser context (own cookies, own viewport, request log)."""
    contexts = []

    def _open(
        path: str = "/",
        *,
        lang: str | None = None,
        viewport: dict[str, int] = KIOSK,
        locale: str | None = None,
        wait_for_text: str | None = None,
    ) -> AppPage:
        """``lang`` adds ``?lang=``; ``locale`` is the browser's language (default: matches ``lang``)."""
        browser_locale = locale or ("en-GB" if lang == "en" else "zh-CN")
        context = browser.new_context(viewport=viewport, locale=browser_locale)
        contexts.append(context)
        page = context.new_page()
        opened = AppPage(page, streamlit_server)
        page.on("request", lambda request: opened.requests.append(request.url))
        query = f"?lang={lang}" if lang else ""
        page.goto(f"{streamlit_server}{path}{query}", wait_until="domcontentloaded")
        wait_for_app_run(page)
        if wait_for_text:
            page.get_by_text(wait_for_text).first.wait_for(timeout=APP_RUN_TIMEOUT_MS)
        return opened

    yield _open
    for context in contexts:
        context.close()
