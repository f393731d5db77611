"""The tour passport in Chromium: stamps across separate QR scans of one phone, none on another phone,
clearing, and station links that are unknown, forged or script-bearing.

A "phone" is a browser context (its own cookies); a "scan" is a fresh page load of ``/?station=<id>``.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from conftest import APP_RUN_TIMEOUT_MS, PHONE, SCREENSHOT_DIR, wait_for_app_run
from playwright.sync_api import expect

COOKIE = "parkloop_passport"


def passport_cookie(context) -> str | None:
    return next((c["value"] for c in context.cookies() if c["name"] == COOKIE), None)


def scan(page, base_url: str, station: str, lang: str, exhibit: str) -> None:
    """Open a poster's URL as a phone camera would, and wait for the station's exhibit and header."""
    page.goto(f"{base_url}/?station={station}&lang={lang}", wait_until="domcontentloaded")
    page.wait_for_url(f"**/{exhibit}?**", timeout=APP_RUN_TIMEOUT_MS)
    page.locator(".st-key-parkloop-station").wait_for(timeout=APP_RUN_TIMEOUT_MS)
    wait_for_app_run(page)
    page.wait_for_function(f"document.cookie.includes('{COOKIE}=')", timeout=APP_RUN_TIMEOUT_MS)


def open_passport(page, base_url: str, lang: str) -> None:
    page.goto(f"{base_url}/passport?lang={lang}", wait_until="domcontentloaded")
    wait_for_app_run(page)


def test_three_scans_on_one_phone_give_three_stamps_and_another_phone_sees_none(open_app, streamlit_server):
    app = open_app("/tours", lang="en", viewport=PHONE)
    page = app.page
    scan(page, streamlit_server, "bunker", "en", "power")
    query = parse_qs(urlsplit(page.url).query)
    assert query["mode"] == ["phone"] and query["station"] == ["bunker"] and query["lang"] == ["en"]
    token = passport_cookie(page.context)
    cookie = next(c for c in page.context.cookies() if c["name"] == COOKIE)
    assert cookie["sameSite"] == "Lax" and cookie["expires"] > 0
    scan(page, streamlit_server, "steam", "en", "steam")
    scan(page, streamlit_server, "biogas", "en", "biogas")
    assert passport_cookie(page.context) == token  # the same passport across page loads

    open_passport(page, streamlit_server, "en")
    for station in ("bunker", "steam", "biogas"):
        expect(page.locator(f"#parkloop-stamp-{station}")).to_have_count(1)
    expect(page.locator("[id^='parkloop-stamp-']")).to_have_count(3)
    page.screenshot(path=str(SCREENSHOT_DIR / "passport-en-phone.png"), full_page=True)

    other = open_app("/passport", lang="en", viewport=PHONE)
    expect(other.page.locator("[id^='parkloop-stamp-']")).to_have_count(0)

    # clearing: the stamps go, and stay gone after a reload (the cookie is deleted too)
    page.get_by_text("Clear my passport").click()
    page.get_by_role("button", name="Yes, clear it").click()
    page.get_by_text("Your passport is cleared.").wait_for(timeout=APP_RUN_TIMEOUT_MS)
    expect(page.locator("[id^='parkloop-stamp-']")).to_have_count(0)
    page.wait_for_function(f"!document.cookie.includes('{COOKIE}=')", timeout=APP_RUN_TIMEOUT_MS)
    open_passport(page, streamlit_server, "en")
    expect(page.locator("[id^='parkloop-stamp-']")).to_have_count(0)


def test_a_finished_route_gives_a_certificate_in_the_visitors_language(open_app, streamlit_server):
    app = open_app("/tours", lang="zh", viewport=PHONE)
    page = app.page
    for station, exhibit in (
        ("bunker", "power"),
        ("biogas", "biogas"),
        ("water", "water"),
    ):  # the water trail
        scan(page, streamlit_server, station, "zh", exhibit)
    open_passport(page, streamlit_server, "zh")
    expect(page.get_by_text("完成了！这是你的证书。")).to_have_count(1)
    expect(page.get_by_role("button", name="保存证书（PNG 图片）")).to_have_count(1)
    with page.expect_download() as download:
        page.get_by_role("button", name="保存证书（PNG 图片）").click()
    assert download.value.suggested_filename == "parkloop-water-zh.png"
    page.screenshot(path=str(SCREENSHOT_DIR / "passport-zh-phone.png"), full_page=True)


def test_a_forged_cookie_is_replaced_and_gets_no_stamp(open_app, streamlit_server, browser):
    app = open_app("/tours", lang="en", viewport=PHONE)
    forged = "A" * 22 + "." + "B" * 16
    host = urlsplit(streamlit_server).hostname
    app.page.context.add_cookies([{"name": COOKIE, "value": forged, "domain": host, "path": "/"}])
    scan(app.page, streamlit_server, "solar", "en", "solar")
    assert passport_cookie(app.page.context) not in (None, forged)
    open_passport(app.page, streamlit_server, "en")
    expect(app.page.locator("#parkloop-stamp-solar")).to_have_count(1)


def test_unknown_and_script_bearing_station_values_open_the_home_page_quietly(open_app):
    for raw in ("nowhere", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "x" * 3000, "bunker%00"):
        app = open_app(f"/?station={raw}&lang=en", viewport=PHONE)
        assert urlsplit(app.page.url).path in ("/", "")
        assert "station" not in parse_qs(urlsplit(app.page.url).query)
        html = app.page.content()
        assert "<script>alert(1)" not in html and "x" * 200 not in html
        expect(app.page.locator("#parkloop-error")).to_have_count(0)
        expect(app.page.locator(".st-key-parkloop-station")).to_have_count(0)


def test_the_first_stamp_survives_a_page_closed_after_its_first_run(open_app, streamlit_server):
    """A visitor scans a poster and closes the page at once: the connection carries the first script
    run (the stamp, the passport cookie, the switch to the exhibit) and nothing more. The stamp and the
    cookie of the token that owns it must both have been made in that run — the passport page opened
    later on the same phone shows the stamp."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    app = open_app("/tours", lang="en", viewport=PHONE)
    context = app.page.context
    page = context.new_page()
    runs: list[int] = []

    def cut_after_the_first_run(ws) -> None:
        server = ws.connect_to_server()

        def to_page(message) -> None:
            if runs:
                return  # the page is gone: nothing of a later run reaches it
            ws.send(message)
            if isinstance(message, bytes):
                forward = ForwardMsg()
                forward.ParseFromString(message)
                if forward.WhichOneof("type") == "script_finished":
                    runs.append(forward.script_finished)

        server.on_message(to_page)

    page.route_web_socket("**/_stcore/stream", cut_after_the_first_run)
    page.goto(f"{streamlit_server}/?station=bunker&lang=en", wait_until="domcontentloaded")
    for _ in range(120):  # the sync API runs the handler while it waits
        if runs:
            break
        page.wait_for_timeout(500)
    assert runs, "the first script run never finished"
    page.wait_for_timeout(1500)  # what the phone does with the first run's messages before it closes
    page.close()
    assert passport_cookie(context), "the passport cookie was not set in the first run"
    later = context.new_page()
    open_passport(later, streamlit_server, "en")
    expect(later.locator("#parkloop-stamp-bunker")).to_have_count(1)
