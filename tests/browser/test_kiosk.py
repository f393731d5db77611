"""Kiosk mode in Debian's Chromium, against servers started with the kiosk config and short idle times.

* the attract screen, the idle warning with its countdown, the reset back to the attract screen with the
  session forgotten (language back to the default), and the usage the visit left in the store;
* a touch dismisses the warning and no reset follows;
* lock-down: no request leaves the app's own server, no link leads out (even one slipped into the page),
  no new window, no context menu, no text selection, no text field; the staff page is refused;
* a page that raises (the data folder is broken) shows the friendly message, never a traceback;
* SIGKILL of the server while it records visits: the watchdog's restart function brings it back, the
  store passes ``PRAGMA integrity_check`` and every event the browser saw committed is there.

Screenshots: ``tests/artifacts/screenshots/kiosk-*.png``.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from parkloop import store
from parkloop.content import t
from parkloop.kiosk import usage
from parkloop.kiosk.launch import ServerProcess
from parkloop.kiosk.watchdog import check_and_restart, healthy
from tests.browser.conftest import free_port, wait_for_app_run

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "tests" / "artifacts" / "screenshots"
KIOSK_VIEW = {"width": 1920, "height": 1080}
IDLE_S = 3
WARN_S = 4
RUN_TIMEOUT_MS = 60_000


def start_server(folder: Path, **env: str) -> ServerProcess:
    """The app with the kiosk config, its own store and short idle times (overridable through ``env``)."""
    environ = {
        "PARKLOOP_KIOSK_IDLE_S": str(IDLE_S),
        "PARKLOOP_KIOSK_WARN_S": str(WARN_S),
        "PARKLOOP_STORE_PATH": str(folder / "usage.sqlite"),
        "PARKLOOP_DEFAULT_LANG": "zh",
        "PARKLOOP_KIOSK_NAME": "test-kiosk",
        "PARKLOOP_STAFF_TOKEN": "",
        **env,
    }
    import os

    server = ServerProcess(free_port(), folder / "server.log", env={**os.environ, **environ})
    server.start()
    try:
        server.wait_healthy()
    except RuntimeError:
        server.stop()
        raise
    return server


@pytest.fixture(scope="module")
def kiosk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    server = start_server(tmp_path_factory.mktemp("kiosk"))
    yield server
    server.stop()


@pytest.fixture(scope="module")
def calm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """Long idle times: tests that walk through pages must not be reset half-way."""
    server = start_server(tmp_path_factory.mktemp("calm"), PARKLOOP_KIOSK_IDLE_S="600")
    yield server
    server.stop()


@pytest.fixture
def kiosk_page(browser):
    """A fresh context (own session, kiosk screen) with a log of every request it made."""
    contexts = []

    def _open(base_url: str, path: str = "/?mode=kiosk&lang=zh"):
        context = browser.new_context(viewport=KIOSK_VIEW, locale="zh-CN")
        contexts.append(context)
        page = context.new_page()
        page.requests = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto(base_url + path, wait_until="domcontentloaded")
        wait_for_app_run(page)
        return page

    yield _open
    for context in contexts:
        context.close()


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def main_title(page) -> str:
    return page.locator("[data-testid='stMain'] h1").first.inner_text(timeout=RUN_TIMEOUT_MS)


def start_visit(page) -> None:
    """Touch the attract screen and wait for the home page."""
    page.locator("#parkloop-attract").click()
    page.get_by_text(t("home.title", "zh")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_app_run(page)


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def test_idle_warning_and_reset_to_attract_screen(kiosk_server: ServerProcess, kiosk_page) -> None:
    page = kiosk_page(kiosk_server.base_url)
    attract = page.locator("#parkloop-attract")
    attract.wait_for(timeout=RUN_TIMEOUT_MS)
    text = attract.inner_text()
    assert t("kiosk.touch", "zh") in text and t("kiosk.touch", "en") in text  # both languages
    assert page.locator("#parkloop-attract .pl-slide").count() >= 2
    assert re.search(r"\d", text), "the highlights carry numbers"
    page.wait_for_timeout(IDLE_S * 1000 + 500)  # nobody touches the attract screen: no warning there
    assert page.locator("#parkloop-idle-warning").count() == 0
    shot(page, "kiosk-attract")

    start_visit(page)
    assert main_title(page) == t("home.title", "zh")
    page.locator(".st-key-parkloop-lang-en button").first.click()  # the visitor switches to English
    page.get_by_text(t("home.title", "en")).first.wait_for(timeout=RUN_TIMEOUT_MS)
    touched = time.monotonic()

    warning = page.locator("#parkloop-idle-warning")
    warning.wait_for(timeout=(IDLE_S + 5) * 1000)
    shown_after = time.monotonic() - touched
    assert shown_after >= IDLE_S - 0.5
    count = page.locator("#parkloop-idle-warning [data-parkloop-countdown]")
    first = int(count.inner_text())
    assert 1 <= first <= WARN_S
    assert (
        t("kiosk.idle.title", "zh") in warning.inner_text()
        and t("kiosk.idle.title", "en") in warning.inner_text()
    )
    shot(page, "kiosk-idle-warning")
    page.wait_for_timeout(1300)
    assert int(count.inner_text()) < first  # the countdown is visible and counts

    attract.wait_for(timeout=(WARN_S + 10) * 1000)  # the reset reloads the attract screen
    wait_for_app_run(page)
    assert page.locator("#parkloop-idle-warning").count() == 0
    params = query(page)
    assert params.get("lang") == ["zh"] and params.get("mode") == ["kiosk"]
    assert "reset" not in params and "v" not in params
    start_visit(page)
    assert main_title(page) == t("home.title", "zh")  # English was forgotten with the session

    usage_store = usage.UsageStore.open(kiosk_server.env["PARKLOOP_STORE_PATH"])
    assert usage_store is not None
    rows = list(
        usage_store.db.query(f"SELECT kind, page, lang, visit, value FROM {usage.EVENTS} ORDER BY id")
    )
    kinds = [row["kind"] for row in rows]
    assert "open" in kinds and "reset" in kinds
    reset = next(row for row in rows if row["kind"] == "reset")
    dwell = [row for row in rows if row["kind"] == "dwell" and row["visit"] == reset["visit"]]
    assert dwell and 0 <= dwell[-1]["value"] < 60  # the last page's dwell, closed by the reset
    assert {row["kiosk"] for row in usage_store.daily_rows()} == {"test-kiosk"}


def test_a_touch_dismisses_the_warning(kiosk_server: ServerProcess, kiosk_page) -> None:
    page = kiosk_page(kiosk_server.base_url)
    page.locator("#parkloop-attract").wait_for(timeout=RUN_TIMEOUT_MS)
    start_visit(page)
    warning = page.locator("#parkloop-idle-warning")
    warning.wait_for(timeout=(IDLE_S + 5) * 1000)
    url_before = page.url
    page.mouse.click(400, 400)  # a touch anywhere on the warning
    warning.wait_for(state="detached", timeout=3000)
    deadline = time.monotonic() + WARN_S + 1.5  # the reset would have come by now
    while time.monotonic() < deadline:
        assert page.locator("#parkloop-attract").count() == 0, "reset despite the touch"
        page.wait_for_timeout(250)
    assert page.url == url_before
    assert main_title(page) == t("home.title", "zh")


# The attract loop's motion, read from the page: what runs, the slide on screen, the pictures' animation.
MOTION_JS = """() => {
  const attract = document.getElementById('parkloop-attract');
  const slides = [...attract.querySelectorAll('.pl-slide')];
  const pic = attract.querySelector('.pl-pic');
  const flow = attract.querySelector('.pl-f');
  return {
    running: document.getAnimations().filter(a => a.playState === 'running').length,
    slides: slides.length,
    cycle: getComputedStyle(slides[0]).animationName,
    timing: getComputedStyle(slides[0]).animationTimingFunction,
    pic: pic ? getComputedStyle(pic).animationName : null,
    flow: flow ? getComputedStyle(flow).animationName : null,
    journey: attract.querySelectorAll('#parkloop-attract-journey svg').length,
    tabStops: attract.querySelectorAll('[tabindex]').length,
  };
}"""


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_attract_loop_moves_and_is_still_for_reduced_motion(
    calm_server: ServerProcess, browser, motion: str
) -> None:
    context = browser.new_context(viewport=KIOSK_VIEW, locale="zh-CN", reduced_motion=motion)
    try:
        page = context.new_page()
        page.goto(calm_server.base_url + "/?mode=kiosk&lang=zh", wait_until="domcontentloaded")
        wait_for_app_run(page)
        attract = page.locator("#parkloop-attract")
        attract.wait_for(timeout=RUN_TIMEOUT_MS)
        state = page.evaluate(MOTION_JS)
        assert state["slides"] >= 6 and state["journey"] >= 1 and state["tabStops"] == 0
        assert state["cycle"] == f"pl-cycle-{state['slides']}"
        text = attract.inner_text()
        assert "（模拟）" in text and "(simulated)" in text
        child = page.locator('#parkloop-attract [data-slide="kids-power"]')
        assert child.locator("svg").count() == 3
        assert t("kiosk.kids.power", "zh") in child.inner_text()
        if motion == "reduce":  # still: no hop, no flow, the slides change without moving
            assert state["pic"] == "none" and state["flow"] == "none"
            assert state["timing"] in ("step-end", "steps(1)")
        else:  # it moves: the slides, the pictures, the journey's flows
            assert state["running"] > state["slides"]
            assert state["pic"] == "pl-hop" and state["flow"] == "pl-move"
        shot(page, f"kiosk-attract-{motion}")
        start_visit(page)  # a touch ends it
        assert page.locator("#parkloop-attract").count() == 0
    finally:
        context.close()


def test_kiosk_is_locked_down(calm_server: ServerProcess, kiosk_page) -> None:
    page = kiosk_page(calm_server.base_url)
    page.locator("#parkloop-attract").wait_for(timeout=RUN_TIMEOUT_MS)
    start_visit(page)
    origin = calm_server.base_url
    for slug in ("targets", "power", "park"):  # pages with sources, charts and a map
        page.goto(f"{origin}/{slug}?mode=kiosk&lang=en", wait_until="domcontentloaded")
        wait_for_app_run(page)
        hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
        outside = [href for href in hrefs if not href.startswith(origin) and href.startswith("http")]
        assert outside == [], f"/{slug} links out of the app: {outside}"
    shot(page, "kiosk-exhibit")

    # A link slipped in later (a Markdown source link, a component) loses its href and opens nothing.
    page.evaluate(
        "() => { const a = document.createElement('a'); a.id = 'outside'; a.href = 'https://example.com/';"
        " a.target = '_blank'; a.textContent = 'outside'; "
        "document.querySelector('[data-testid=stMain]').prepend(a); }"
    )
    page.wait_for_function("() => !document.getElementById('outside').hasAttribute('href')", timeout=5000)
    pages_before = len(page.context.pages)
    url_before = page.url
    page.locator("#outside").click()
    page.wait_for_timeout(500)
    assert len(page.context.pages) == pages_before and page.url == url_before
    assert page.evaluate("() => window.open('https://example.com/')") is None

    # no context menu, no selection, no pinch zoom, no keyboard
    prevented = page.evaluate(
        "() => { const e = new MouseEvent('contextmenu', {bubbles: true, cancelable: true});"
        " document.querySelector('h1').dispatchEvent(e); return e.defaultPrevented; }"
    )
    assert prevented
    styles = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector('.stApp'));"
        " return [s.userSelect, s.touchAction]; }"
    )
    assert styles[0] == "none" and "pinch-zoom" not in styles[1] and styles[1] != "auto"
    viewport = page.evaluate("() => document.querySelector('meta[name=viewport]').content")
    assert "user-scalable=no" in viewport
    visible_text_fields = page.evaluate(
        "() => [...document.querySelectorAll('input[type=text], input[type=password], textarea')]"
        ".filter(el => el.offsetParent !== null && el.getAttribute('inputmode') !== 'none').length"
    )
    assert visible_text_fields == 0

    # the staff page is refused on a kiosk
    page.goto(f"{origin}/staff?mode=kiosk&lang=en", wait_until="domcontentloaded")
    wait_for_app_run(page)
    assert t("kiosk.staff_blocked", "en") in page.locator("[data-testid='stMain']").inner_text()
    assert page.locator("input[type=password]").count() == 0

    own = urlsplit(origin).netloc
    foreign = [url for url in page.requests if urlsplit(url).scheme in ("http", "https", "ws", "wss")]
    foreign = [url for url in foreign if urlsplit(url).netloc != own]
    assert foreign == [], f"requests left the kiosk: {foreign[:5]}"


@pytest.fixture(scope="module")
def broken_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server whose plan scenario file is broken: every page that needs the model raises."""
    folder = tmp_path_factory.mktemp("broken")
    data = folder / "data"
    shutil.copytree(REPO / "data", data)
    plan = data / "scenarios" / "plan-2026.toml"
    plan.write_text(plan.read_text(encoding="utf-8") + "\n[scenario]\nname = 'twice'\n", encoding="utf-8")
    server = start_server(folder, PARKLOOP_DATA_DIR=str(data), PARKLOOP_KIOSK_IDLE_S="600")
    yield server
    server.stop()


def test_a_failing_page_shows_the_friendly_message(broken_server: ServerProcess, kiosk_page) -> None:
    page = kiosk_page(broken_server.base_url)
    page.locator("#parkloop-attract").wait_for(timeout=RUN_TIMEOUT_MS)  # the attract screen survives
    page.locator("#parkloop-attract").click()
    error = page.locator("#parkloop-error")
    error.wait_for(timeout=RUN_TIMEOUT_MS)
    wait_for_app_run(page)
    text = error.inner_text()
    assert t("error.title", "zh") in text and t("error.title", "en") in text
    assert page.get_by_test_id("stException").count() == 0
    assert "Traceback" not in page.locator("[data-testid='stMain']").inner_text()
    shot(page, "kiosk-error")
    # on an exhibit, the top bar's way back home stays
    page.goto(f"{broken_server.base_url}/targets?mode=kiosk&lang=zh", wait_until="domcontentloaded")
    wait_for_app_run(page)
    page.locator("#parkloop-error").wait_for(timeout=RUN_TIMEOUT_MS)
    assert page.locator(".st-key-parkloop-topbar a", has_text=t("nav.back_home", "zh")).count() == 1


def test_sigkill_while_recording_then_watchdog_restart(tmp_path: Path, kiosk_page) -> None:
    server = start_server(tmp_path, PARKLOOP_KIOSK_IDLE_S="600")
    db_path = server.env["PARKLOOP_STORE_PATH"]
    try:
        page = kiosk_page(server.base_url, "/targets?mode=kiosk&lang=zh")
        committed = 1  # every page the browser saw finished has its open event committed
        slugs = ["power", "targets", "park", "water"]
        for index in range(8):
            page.goto(
                f"{server.base_url}/{slugs[index % 4]}?mode=kiosk&lang=zh", wait_until="domcontentloaded"
            )
            wait_for_app_run(page)
            committed += 1
        # one more visit in flight, and the server is killed while it runs
        page.goto(f"{server.base_url}/targets?mode=kiosk&lang=en", wait_until="commit")
        page.wait_for_timeout(300)
        server.kill()
        assert not healthy(server.base_url)

        actions = check_and_restart(server.base_url, server.start, attempts=2, pause_s=0.5)
        assert actions == ["server restarted"]
        assert healthy(server.base_url)
        assert check_and_restart(server.base_url, server.start, attempts=1) == []  # nothing to do now

        assert store.integrity_ok(db_path)
        recorded = usage.UsageStore.open(db_path)
        assert recorded is not None
        assert recorded.event_count("open") >= committed
        opens_before = recorded.event_count("open")
        page.goto(f"{server.base_url}/power?mode=kiosk&lang=zh", wait_until="domcontentloaded")
        wait_for_app_run(page)  # the restarted server records again
        assert recorded.event_count("open") == opens_before + 1
    finally:
        server.stop()


STAFF_TOKEN = "staff-test-token"


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """An office server with a staff password and a store holding two kiosks' usage."""
    from datetime import UTC, datetime, timedelta

    folder = tmp_path_factory.mktemp("staff")
    seeded = usage.UsageStore.open(folder / "usage.sqlite")
    assert seeded is not None
    start = datetime(2026, 5, 1, 1, 0, tzinfo=UTC)  # 09:00 in Beijing
    plan = [("power", "zh", 9, 0), ("power", "en", 3, 2), ("targets", "zh", 5, 4), ("sorting", "zh", 7, 6)]
    for page_slug, lang, count, hours in plan:
        for index in range(count):
            at = start + timedelta(hours=hours, minutes=index)
            kiosk = "lobby-east" if index % 2 else "lobby-west"
            seeded.record("open", kiosk=kiosk, page=page_slug, lang=lang, at=at)
            seeded.record("dwell", kiosk=kiosk, page=page_slug, lang=lang, value=30 + index, at=at)
    server = start_server(folder, PARKLOOP_STAFF_TOKEN=STAFF_TOKEN, PARKLOOP_KIOSK_NAME="lobby-east")
    yield server
    server.stop()


@pytest.mark.parametrize("viewport", ["kiosk", "phone"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_staff_page_signed_in(staff_server: ServerProcess, browser, lang: str, viewport: str) -> None:
    size = KIOSK_VIEW if viewport == "kiosk" else {"width": 390, "height": 844}
    context = browser.new_context(viewport=size, locale="zh-CN" if lang == "zh" else "en-GB")
    try:
        page = context.new_page()
        page.goto(f"{staff_server.base_url}/staff?lang={lang}", wait_until="domcontentloaded")
        wait_for_app_run(page)
        page.locator("input[type=password]").fill(STAFF_TOKEN)
        page.get_by_role("button", name=t("staff.sign_in", lang)).click()
        page.get_by_text(t("staff.chart.page", lang)).first.wait_for(timeout=RUN_TIMEOUT_MS)
        wait_for_app_run(page)
        page.locator("[data-testid='stVegaLiteChart']").nth(3).wait_for(timeout=RUN_TIMEOUT_MS)
        # visits per exhibit, per hour, per language, and QR-tour scans per station
        assert page.locator("[data-testid='stVegaLiteChart']").count() == 4
        assert page.get_by_test_id("stException").count() == 0
        page.screenshot(path=str(SCREENSHOTS / f"staff-signed-in-{lang}-{viewport}.png"), full_page=True)
    finally:
        context.close()
