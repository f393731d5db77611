"""The journeys (``#parkloop-journey``) in Debian's Chromium: on every chain exhibit and the home page, in
both languages, on a kiosk (1920×1080) and a phone (390×844) — the picture is there and is the right one
of its two layouts, it is named for a screen reader, a tapped stage explains itself, a moved slider
changes it, and it stands still for a visitor who asks for less motion. Screenshots of each picture go to
``tests/artifacts/screenshots/journey-*.png``.
"""

from __future__ import annotations

import pytest

from parkloop.exhibits.journey import JOURNEYS
from tests.browser.conftest import KIOSK, PHONE, SCREENSHOT_DIR, wait_for_app_run

pytestmark = pytest.mark.browser

SLUGS = {page: ("" if page == "home" else page) for page in JOURNEYS}
VIEWPORTS = {"kiosk": KIOSK, "phone": PHONE}


def _journey(page):
    journey = page.locator("#parkloop-journey")
    journey.wait_for(state="visible", timeout=30_000)
    return journey


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("key", list(JOURNEYS), ids=str)
def test_the_journey_is_drawn(open_app, key: str, lang: str, viewport: str) -> None:
    app = open_app(f"/{SLUGS[key]}", lang=lang, viewport=VIEWPORTS[viewport])
    journey = _journey(app.page)
    shown, hidden = ("svg.pl-wide", "svg.pl-tall") if viewport == "kiosk" else ("svg.pl-tall", "svg.pl-wide")
    picture = journey.locator(shown)
    assert picture.is_visible() and not journey.locator(hidden).is_visible()
    assert picture.get_attribute("role") == "img" and len(picture.get_attribute("aria-label") or "") > 20
    box = picture.bounding_box()
    assert box and box["width"] <= VIEWPORTS[viewport]["width"], box
    assert picture.locator(".pl-s").count() >= 3
    assert journey.get_attribute("lang") == ("zh-Hans" if lang == "zh" else "en")
    app.screenshot(f"journey-{key}-{lang}-{viewport}", whole=False)
    journey.screenshot(path=str(SCREENSHOT_DIR / f"journey-{key}-{lang}-{viewport}-picture.png"))
    assert app.foreign_requests() == []


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
def test_a_tapped_stage_explains_itself(open_app, viewport: str) -> None:
    app = open_app("/power", lang="en", viewport=VIEWPORTS[viewport])
    journey = _journey(app.page)
    caption = journey.locator(".pl-c-furnace")
    assert not caption.is_visible()
    layout = "svg.pl-wide" if viewport == "kiosk" else "svg.pl-tall"
    journey.locator(f"{layout} .pl-s-furnace").click()
    assert caption.is_visible() and "burns" in caption.inner_text()
    assert not journey.locator(".pl-hint").is_visible()


def test_a_stage_is_reached_with_the_keyboard(open_app) -> None:
    app = open_app("/solar", lang="zh", viewport=KIOSK)
    journey = _journey(app.page)
    journey.locator("svg.pl-wide .pl-s-sun").focus()
    app.page.keyboard.press("Tab")
    assert journey.locator(".pl-c-roof").is_visible()


def test_moving_a_slider_changes_the_picture(open_app) -> None:
    app = open_app("/solar", lang="en", viewport=KIOSK)
    page = app.page
    before = _journey(page).inner_html()
    widths_before = _journey(page).locator("svg.pl-wide [data-flow='roof-grid']").get_attribute("data-width")
    page.locator("[data-testid='stSlider'] input[type=range]").first.focus()  # the panels, kWp
    page.keyboard.press("End")
    page.wait_for_function(
        "before => document.querySelector('#parkloop-journey').innerHTML !== before",
        arg=before,
        timeout=30_000,
    )
    wait_for_app_run(page)
    widths_after = _journey(page).locator("svg.pl-wide [data-flow='roof-grid']").get_attribute("data-width")
    assert float(widths_after) > float(widths_before)


def test_the_dots_stand_still_for_reduced_motion(browser, streamlit_server) -> None:
    for motion, moving in (("no-preference", True), ("reduce", False)):
        context = browser.new_context(viewport=KIOSK, reduced_motion=motion)
        try:
            page = context.new_page()
            page.goto(f"{streamlit_server}/water?lang=en", wait_until="domcontentloaded")
            wait_for_app_run(page)
            dot = _journey(page).locator("svg.pl-wide .pl-f").first
            name = dot.evaluate("element => getComputedStyle(element).animationName")
            assert (name != "none") is moving, (motion, name)
        finally:
            context.close()
