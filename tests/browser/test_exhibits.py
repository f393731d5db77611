"""Every page in Debian's Chromium: both languages, kiosk (1920×1080) and phone (390×844).

For each: no Streamlit exception, no error box, a title, nothing fetched from outside the app's own
server (kiosks are offline), no Chinese in the English page outside the allowed terms, and no element
wider than the phone's screen. A full-page screenshot of each goes to ``tests/artifacts/screenshots/``.
"""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.i18n import contains_cjk
from parkloop.pages import PAGES

pytestmark = pytest.mark.browser

VIEWPORTS = {"kiosk": {"width": 1920, "height": 1080}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=str)
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda spec: spec.slug or "home")
def test_page_in_the_browser(open_app, spec, lang: str, viewport: str) -> None:
    title = t("home.title" if not spec.slug else f"nav.{spec.key}", lang)
    if spec.slug == "targets":
        title = t("targets.title", lang)
    app = open_app(f"/{spec.slug}", lang=lang, viewport=VIEWPORTS[viewport], wait_for_text=title)
    page = app.page
    assert page.get_by_test_id("stException").count() == 0
    assert page.locator("#parkloop-error").count() == 0
    app.screenshot(f"{spec.slug or 'home'}-{lang}-{viewport}")
    assert app.foreign_requests() == []
    if lang == "en":
        stray = contains_cjk(app.main_text(), CJK_ALLOWLIST)
        assert stray == [], f"Chinese on the English page: {sorted(set(stray))}"
    if viewport == "phone":
        overflow = page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")
        assert overflow <= VIEWPORTS["phone"]["width"] + 1, f"page is {overflow}px wide on a phone"
