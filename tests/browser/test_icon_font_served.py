"""Through make serve's Caddy, a phone draws Streamlit's icons with the cut icon font (parkloop/icon_font.py):
an icon such as an expander's chevron is one glyph (about 24 px wide), not its name (``expand_more``) in
letters, and the
font that crossed the network is the cut one."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import running_cluster, wait_for_app_run

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def cluster():
    yield from running_cluster(workers=1)


def test_a_phone_draws_streamlit_s_icons_with_the_cut_font(browser, cluster) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    try:
        page = context.new_page()
        fonts = []
        page.on("response", lambda r: fonts.append(r) if "MaterialSymbols" in r.url else None)
        page.goto(f"http://127.0.0.1:{cluster.port}/?station=welcome&lang=zh")
        wait_for_app_run(page)
        page.locator("[data-testid='stIconMaterial']").first.wait_for(state="attached")
        page.evaluate("document.fonts.ready")
        icon = page.locator("[data-testid='stIconMaterial']:visible").first
        name = icon.inner_text()  # the ligature's text (expand_more, keyboard_arrow_right …)
        assert re.fullmatch(r"[a-z0-9_]{4,}", name), name
        assert icon.bounding_box()["width"] < 40, name  # … drawn as one glyph, not the word in letters
        assert fonts and all(len(r.body()) < 100_000 for r in fonts)
    finally:
        context.close()
