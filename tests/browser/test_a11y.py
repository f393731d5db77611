"""Accessibility in Debian's Chromium (issue 15): axe-core on every page, and what axe cannot see.

* **axe-core** (``node_modules/axe-core``, pinned in ``package.json``, installed by ``make test`` with
  ``npm ci``; nothing is downloaded while the tests run) on every page × zh/en × kiosk/phone, WCAG 2.0–2.2
  A/AA rules: no serious or critical violation. One server and one browser context per language and mode:
  the first page is loaded, the others are reached by switching page inside the app, as a visitor
  would, so the suite stays quick.
* In the same visit: ``<html lang>`` (``zh-Hans`` / ``en``), the page's own ``<title>``; on the kiosk every
  touch target at least 44 × 44 CSS px, no visible text under 16 px, and the text-size control
  ``#parkloop-text-size`` wherever pinch-zoom is locked.
* The language is kept across page switches and changes with the language switch.
* Layout shift (PerformanceObserver ``layout-shift``) of the home page, /power and /sorting on a phone,
  also with Streamlit's HTML parser held back; the frame's curtain opens even if that parser fails.
* Keyboard only: /power's sliders and /sorting's game, with a visible focus ring.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from parkloop.content import t
from parkloop.pages import PAGES
from tests.browser.conftest import APP_RUN_TIMEOUT_MS, KIOSK, PHONE, REPO, wait_for_app_run

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
FAILING_IMPACTS = ("serious", "critical")
HTML_LANG = {"zh": "zh-Hans", "en": "en"}
MODES = {"kiosk": KIOSK, "phone": PHONE}
MIN_TARGET_PX = 44
MAX_CLS = 0.1

# Every control a finger can press, measured where a finger meets it: a slider's thumb (the element
# holding Streamlit's visually hidden range input), a radio's or checkbox's label. Streamlit's "skip to
# main content" link is 1 px until it has the focus, when it shows in full: not a touch target.
TARGETS_JS = """() => {
  const selector = 'a[href], button, input, select, textarea, summary, [role=button], [role=slider],'
    + ' [role=radio], [role=tab], [role=checkbox], [role=switch], [tabindex]:not([tabindex="-1"])';
  const seen = new Set(), small = [];
  for (let el of document.querySelectorAll(selector)) {
    if (el.closest('[aria-hidden=true]') || el.closest('[data-testid=stSkipToContent]')) continue;
    if (el.matches('input[type=range]')) el = el.parentElement.parentElement;
    else if (el.matches('input[type=radio], input[type=checkbox]')) el = el.closest('label') || el;
    if (seen.has(el)) continue;
    seen.add(el);
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
    if (box.width < 44 || box.height < 44) {
      const where = el.closest('[data-testid]');
      const name = (el.innerText || el.getAttribute('aria-label') || '').slice(0, 30);
      small.push(`${el.tagName} in ${where ? where.dataset.testid : '?'}: `
        + `${Math.round(box.width)}x${Math.round(box.height)} "${name}"`);
    }
  }
  return small;
}"""

# Visible text under 16 px as drawn (an SVG's words at their size on screen: a chart's, a picture's
# scaled by its viewBox), as "size: text".
KNOWN_SMALL = ".pl-j svg"  # the journey picture's labels (14.4 px in /power's column): reported, not ours
SMALL_TEXT_JS = """() => {
  const KNOWN_SMALL = '__KNOWN__';
  const app = document.querySelector('[data-testid=stApp]');
  const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
  const small = new Set();
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim(), el = walker.currentNode.parentElement;
    if (!text || !el.getClientRects().length || getComputedStyle(el).visibility === 'hidden') continue;
    if (el.closest(KNOWN_SMALL)) continue;
    const m = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
    const scale = m ? Math.hypot(m.a, m.b) : 1;  // rotated words (an axis title) keep their size
    const size = Math.round(parseFloat(getComputedStyle(el).fontSize) * scale * 10) / 10;
    if (size < 15.95) small.add(`${size}px: ${text.slice(0, 30)}`);
  }
  return [...small].slice(0, 8);
}""".replace("__KNOWN__", KNOWN_SMALL)

AXE_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + n.failureSummary.slice(0, 160))}));
}"""

CLS_INIT_JS = """
window.__parkloopShifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) { window.__parkloopShifts.push(entry.value); }
  }
}).observe({type: 'layout-shift', buffered: true});
window.__parkloopShiftsObserved = true;  // an error above would leave the shifts silently at 0
"""


def expected_title(slug: str, lang: str) -> str:
    if not slug:
        return f"{t('app.name', lang)} · {t('app.park', lang)}"
    return f"{t('nav.' + slug.replace('-', '_'), lang)} · {t('app.name', lang)}"


def _url(base: str, slug: str, lang: str, mode: str) -> str:
    return f"{base}/{slug}?lang={lang}&mode={mode}"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} missing: `make test` installs it (npm ci, package.json)")
    return AXE.read_text()


def _audit(page, mode: str) -> dict[str, object]:
    found: dict[str, object] = {
        "axe": [v for v in page.evaluate(AXE_JS, AXE_TAGS) if v["impact"] in FAILING_IMPACTS],
        "lang": page.evaluate("document.documentElement.lang"),
        "title": page.title(),
    }
    if mode == "kiosk":
        found["small targets"] = page.evaluate(TARGETS_JS)
        found["small text"] = page.evaluate(SMALL_TEXT_JS)
        viewport = page.evaluate("(document.querySelector('meta[name=viewport]') || {}).content || ''")
        if "user-scalable=no" in viewport:
            found["text size control"] = page.locator("#parkloop-text-size").count() == 1
    return found


# Switch page inside the app, as its own links do (Streamlit follows the browser's history): no reload
# of Streamlit's bundle and no new session per page, so the 19 pages take a fraction of the time, and
# <html lang> and <title> are checked where they could be lost — after a page switch.
SWITCH_JS = """(url) => {
  history.pushState({}, '', url);
  window.dispatchEvent(new PopStateEvent('popstate', {state: {}}));
}"""


def _visit(page, url: str, title: str, *, first: bool) -> None:
    page.keyboard.press("Shift")  # a visitor is here: no kiosk idle reset while the pages are checked
    if first:
        page.goto(url, wait_until="domcontentloaded")
    else:
        page.evaluate(SWITCH_JS, url)
    page.wait_for_timeout(250)
    wait_for_app_run(page)
    try:
        page.wait_for_function("(title) => document.title === title", arg=title, timeout=15_000)
    except Exception:  # noqa: BLE001 — reported by the title check below
        pass


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_passes_axe_and_has_lang_title_and_targets(
    browser, streamlit_server: str, axe_source: str, lang: str, mode: str
) -> None:
    context = browser.new_context(viewport=MODES[mode], locale="zh-CN" if lang == "zh" else "en-GB")
    context.add_init_script(axe_source)
    page = context.new_page()
    problems = []
    try:
        for index, spec in enumerate(PAGES):
            url = _url(streamlit_server, spec.slug, lang, mode)
            _visit(page, url, expected_title(spec.slug, lang), first=index == 0)
            found = _audit(page, mode)
            name = spec.slug or "home"
            if found["axe"]:
                problems.append(f"{name}: axe {found['axe']}")
            if found["lang"] != HTML_LANG[lang]:
                problems.append(f"{name}: <html lang={found['lang']!r}>")
            if found["title"] != expected_title(spec.slug, lang):
                problems.append(f"{name}: <title>{found['title']}</title>")
            if found.get("small targets"):
                problems.append(f"{name}: targets under {MIN_TARGET_PX} px: {found['small targets']}")
            if found.get("small text"):
                problems.append(f"{name}: text under 16 px on a kiosk: {found['small text']}")
            if found.get("text size control") is False:
                problems.append(f"{name}: zoom locked without #parkloop-text-size")
    finally:
        context.close()
    assert problems == [], "\n".join(problems)


def test_language_is_kept_across_page_switches(open_app) -> None:
    app = open_app("/power", lang="zh", wait_for_text=t("nav.power", "zh"))
    page = app.page
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    page.get_by_role("link", name=t("nav.back_home", "zh")).click()
    page.get_by_role("heading", name=t("home.title", "zh")).wait_for()
    wait_for_app_run(page)
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
    assert page.title() == expected_title("", "zh")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name=t("home.title", "en")).wait_for()
    wait_for_app_run(page)
    page.wait_for_function("document.documentElement.lang === 'en'")
    page.get_by_role("link", name=t("nav.sorting", "en")).first.click()
    page.get_by_role("heading", name=t("nav.sorting", "en")).wait_for()
    wait_for_app_run(page)
    assert page.evaluate("document.documentElement.lang") == "en"
    page.wait_for_function(f"document.title === {expected_title('sorting', 'en')!r}")


def test_kiosk_text_size_control_scales_text(open_app) -> None:
    app = open_app("/power?mode=kiosk&lang=en", locale="en-GB", wait_for_text=t("nav.power", "en"))
    page = app.page
    root_px = "() => parseFloat(getComputedStyle(document.documentElement).fontSize)"
    base = page.evaluate(root_px)
    assert base >= 16 / 0.875 - 0.1  # Streamlit's smallest text (0.875rem) is 16 px on a kiosk
    page.locator("#parkloop-text-size button[data-size='150']").click()
    assert page.evaluate(root_px) == pytest.approx(base * 1.5, rel=0.01)
    assert page.locator("#parkloop-text-size button[data-size='150']").get_attribute("aria-pressed") == "true"
    page.get_by_role("link", name=t("nav.back_home", "en")).click()  # kept on the next page
    page.get_by_role("heading", name=t("home.title", "en")).wait_for()
    assert page.evaluate(root_px) == pytest.approx(base * 1.5, rel=0.01)
    app.screenshot("a11y-kiosk-text-150-en", whole=False)


def _layout_shift(browser, url: str, *, late_html: bool = False) -> float:
    """The cumulative layout shift of one first visit (a fresh context: nothing cached). ``late_html``:
    Streamlit's parser of Markdown with HTML (the rehype-raw chunk) comes 0.7 s after the page asked for
    it, as on a phone whose network is slower than the app's server: the worst case, every time."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.add_init_script(CLS_INIT_JS)
    held = []
    try:
        page = context.new_page()
        if late_html:
            page.route("**/rehype-raw.*.js", lambda route: held.append(route))
        page.goto(url, wait_until="domcontentloaded")
        if late_html:
            for _ in range(APP_RUN_TIMEOUT_MS // 100):  # until the page asks for the parser
                if held:
                    break
                page.wait_for_timeout(100)
            assert held, "the page asked for no rehype-raw chunk: the test no longer holds it back"
            page.wait_for_timeout(700)  # meanwhile the elements whose code has loaded are drawn
            for route in held:
                route.continue_()
        wait_for_app_run(page)
        page.wait_for_timeout(1500)  # late fonts and pictures
        assert page.evaluate("window.__parkloopShiftsObserved") is True, "layout-shift observer failed"
        return sum(page.evaluate("window.__parkloopShifts"))
    finally:
        context.close()


# Streamlit 1.67 loads rehype-raw, the parser of Markdown with HTML, as a chunk of its own after the
# plain text's: without the frame's curtain (parkloop.ui.frame.page_curtain) a phone paints each HTML
# block (the frame's CSS, the journey picture, the game's cards) as a 40 px placeholder first, and the
# text below it jumps when it arrives (measured 0.65 on / and 0.10 on /sorting).
@pytest.mark.parametrize("path", ["/", "/power", "/sorting"])
def test_phone_pages_do_not_jump_while_loading(browser, streamlit_server: str, path: str) -> None:
    """CLS ≤ 0.1 (Lighthouse's "good") on a first visit, and on one where the HTML parser comes late."""
    url = f"{streamlit_server}{path}?lang=zh&mode=phone"
    shifts = {
        "first visit": _layout_shift(browser, url),
        "late HTML": _layout_shift(browser, url, late_html=True),
    }
    assert max(shifts.values()) <= MAX_CLS, f"cumulative layout shift {shifts} on {path}"


def test_the_curtain_opens_even_if_html_markdown_fails(browser, streamlit_server: str) -> None:
    """The frame's curtain is opened by its CSS, which is Markdown with HTML: should Streamlit's parser
    of it fail to load, the frame's script opens the curtain and the page is still there to read."""
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    try:
        page = context.new_page()
        page.route("**/rehype-raw.*.js", lambda route: route.abort())
        page.goto(f"{streamlit_server}/power?lang=zh&mode=phone", wait_until="domcontentloaded")
        wait_for_app_run(page)
        heading = page.get_by_role("heading", name=t("nav.power", "zh"))
        heading.wait_for(timeout=15_000)
        page.wait_for_function(
            "document.querySelector('.st-key-parkloop-page').getBoundingClientRect().height > 300",
            timeout=15_000,
        )
        assert heading.is_visible()
    finally:
        context.close()


def _focus_ring(page) -> dict[str, str]:
    return page.evaluate(
        """() => { let el = document.activeElement;
        if (el.matches('input[type=range]')) el = el.parentElement.parentElement;
        const s = getComputedStyle(el);
        return {style: s.outlineStyle, width: s.outlineWidth, color: s.outlineColor}; }"""
    )


def _tab_to(page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    pytest.fail(f"{selector} not reached with Tab")


def test_power_sliders_by_keyboard(open_app) -> None:
    app = open_app("/power", lang="en", wait_for_text=t("nav.power", "en"))
    page = app.page
    _tab_to(page, "[data-testid=stSlider] input[type=range]")
    ring = _focus_ring(page)
    assert ring["style"] == "solid" and float(ring["width"].rstrip("px")) >= 3, ring
    before = page.evaluate("document.activeElement.value")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"new URL(location.href).searchParams.get('t') !== {before!r}", timeout=30_000)
    wait_for_app_run(page)
    assert int(page.evaluate("new URL(location.href).searchParams.get('t')")) == int(before) + 100


def test_sorting_game_by_keyboard(open_app) -> None:
    app = open_app("/sorting", lang="en", wait_for_text=t("nav.sorting", "en"))
    page = app.page
    _tab_to(page, "[class*='st-key-sort-item-'] button")
    ring = _focus_ring(page)
    assert ring["style"] == "solid" and float(ring["width"].rstrip("px")) >= 3, ring
    item = page.evaluate(
        "document.activeElement.closest('[class*=st-key-sort-item-]').className.match(/st-key-sort-item-\\S+/)[0]"
    )
    page.keyboard.press("Enter")
    page.locator("[class*='st-key-sort-picked-']").wait_for(timeout=30_000)
    wait_for_app_run(page)
    _tab_to(page, "[class*='st-key-sort-bin-'] button")
    page.keyboard.press("Enter")
    page.locator(f".{item}").wait_for(state="detached", timeout=30_000)  # sorted: it left the things
    app.screenshot("a11y-sorting-keyboard-en", whole=False)


def test_axe_is_pinned_exactly() -> None:
    import json

    wanted = json.loads(Path(REPO / "package.json").read_text())["devDependencies"]["axe-core"]
    assert wanted[0].isdigit(), f"axe-core {wanted!r} is a range: pin one version"
    installed = json.loads((REPO / "node_modules" / "axe-core" / "package.json").read_text())["version"]
    assert installed == wanted


def test_where_from_opens_and_closes_from_the_keyboard(open_app) -> None:
    """A figure's "where from?" is a ``<details>``: Tab reaches it, Enter opens it and shows its words,
    Enter again closes it, and the focus stays on it throughout."""
    app = open_app("/power", lang="en", wait_for_text=t("nav.power", "en"))
    page = app.page
    summary = ".parkloop-where-from summary"
    _tab_to(page, summary)
    body = page.locator(".parkloop-where-from").first.locator(".parkloop-where-from-body")
    assert not body.is_visible()
    page.keyboard.press("Enter")
    body.wait_for(state="visible", timeout=5_000)
    assert page.evaluate("document.activeElement.matches('.parkloop-where-from summary')")
    assert page.evaluate("document.activeElement.parentElement.open") is True
    page.keyboard.press("Enter")
    body.wait_for(state="hidden", timeout=5_000)
    assert page.evaluate("document.activeElement.matches('.parkloop-where-from summary')")


def test_popover_takes_and_gives_back_the_focus(open_app, streamlit_server: str) -> None:
    """The passport's "clear" popover (the one popover left): opened from the keyboard it takes the
    focus, and Escape gives it back to its button (parkloop/ui/frame.py)."""
    app = open_app("/tours", lang="en", viewport=PHONE)
    page = app.page
    page.goto(f"{streamlit_server}/?station=bunker&lang=en", wait_until="domcontentloaded")
    page.locator(".st-key-parkloop-station").wait_for(timeout=APP_RUN_TIMEOUT_MS)
    wait_for_app_run(page)
    page.goto(f"{streamlit_server}/passport?lang=en", wait_until="domcontentloaded")
    wait_for_app_run(page)
    page.locator("#parkloop-stamp-bunker").wait_for(timeout=APP_RUN_TIMEOUT_MS)
    _tab_to(page, "button[data-testid=stPopoverButton], [data-testid=stPopoverButton] button")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.closest('[data-testid=stPopoverBody]') !== null")
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement.closest('[data-testid=stPopoverButton]') !== null")
