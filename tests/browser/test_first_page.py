"""The first page in a real browser: Chinese and English, kiosk and phone, offline, switchable.

What AppTest cannot see is checked here: the page as Chromium draws it (CJK glyphs, layout at
1920×1080 and 390×844), the language switch round trip through ``?lang=``, that English pages hold no
Chinese outside the allowed terms, and that nothing is fetched from outside the app's own server.
"""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.i18n import contains_cjk

pytestmark = pytest.mark.browser

VIEWPORTS = {"kiosk": {"width": 1920, "height": 1080}, "phone": {"width": 390, "height": 844}}


def _title(lang: str) -> str:
    return t("targets.title", lang)


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_targets_page_renders(open_app, lang: str, viewport: str) -> None:
    app = open_app("/targets", lang=lang, viewport=VIEWPORTS[viewport], wait_for_text=_title(lang))
    page = app.page
    assert page.get_by_test_id("stException").count() == 0
    assert page.locator("#parkloop-error").count() == 0
    heading = page.locator("h1").first.inner_text()
    assert heading.strip() == _title(lang)
    # the targets table: a header row and one row per indicator of track_targets (9)
    assert page.locator(".st-key-targets-table table.parkloop-table tbody tr").count() == 9
    assert page.get_by_test_id("stVegaLiteChart").count() == 1
    app.screenshot(f"targets-{lang}-{viewport}")
    assert app.foreign_requests() == []


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
def test_english_page_has_no_chinese(open_app, viewport: str) -> None:
    app = open_app("/targets", lang="en", viewport=VIEWPORTS[viewport], wait_for_text=_title("en"))
    # open every "how the model gets there" item, so their text is checked too
    for expander in app.page.get_by_test_id("stExpander").locator("summary").all():
        expander.click()
    app.page.wait_for_timeout(300)
    stray = contains_cjk(app.main_text(), CJK_ALLOWLIST)
    assert stray == [], f"Chinese in the English page: {sorted(set(stray))}"
    assert app.page.get_attribute("html", "lang") in (None, "", "en", "en-GB", "en-US")


def test_chinese_page_shows_chinese(open_app) -> None:
    app = open_app("/targets", lang="zh", wait_for_text=_title("zh"))
    text = app.main_text()
    assert "2026年目标" in text
    assert "园区综合处理能力" in text
    assert "18万" in text  # the plan's CO2 target, formatted the Chinese way


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
def test_page_fits_the_screen_width(open_app, viewport: str) -> None:
    """No sideways scrolling of the whole page (tables may scroll inside themselves)."""
    app = open_app("/targets", lang="zh", viewport=VIEWPORTS[viewport], wait_for_text=_title("zh"))
    overflow = app.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 1


def test_language_switch_round_trip(open_app) -> None:
    app = open_app("/targets", lang="zh", wait_for_text=_title("zh"))
    page = app.page
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name=_title("en")).wait_for()
    assert "lang=en" in page.url
    page.get_by_role("button", name="中文").click()
    page.get_by_role("heading", name=_title("zh")).wait_for()
    assert "lang=zh" in page.url
    assert app.foreign_requests() == []


def test_deep_link_and_odd_language(open_app) -> None:
    """The page's own URL works; an unknown ?lang= is ignored (browser language, then Chinese)."""
    app = open_app("/targets", locale="en-GB", wait_for_text=_title("en"))
    assert "lang=en" in app.page.url
    odd = open_app("/targets?lang=xx%3Cscript%3E", locale="fr-FR", wait_for_text=_title("zh"))
    assert odd.page.get_by_test_id("stException").count() == 0
    assert "lang=zh" in odd.page.url
    assert "<script>" not in odd.main_text()
