"""Read-aloud and pinyin in Chromium.

* ``#parkloop-read-aloud`` on the sorting game and on a QR station's story, pressed with a stand-in
  ``speechSynthesis`` (headless Chromium has no voices): what it says and in which language; without a
  voice for the page's language the button stays hidden.
* ``?py=1`` and the 拼音 switch on /sorting: ``<ruby>`` with the reviewed readings over a sample of things,
  the bins and the short feedback.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from parkloop.content import page_section, t
from parkloop.exhibits.sorting import Placement, load_sorting_data, round_items, short_feedback
from parkloop.pinyin import readings
from parkloop.tours.render import station_title
from parkloop.ui.read_aloud import plain_text
from tests.browser.conftest import APP_RUN_TIMEOUT_MS, KIOSK, PHONE, wait_for_app_run

pytestmark = pytest.mark.browser

SEED = 42
TIMEOUT_MS = 30_000

# A stand-in for the device's speech synthesis: the voices it claims, and every utterance it was given.
STUB_JS = """
window.__spoken = [];
(function (voices) {
  var stub = {
    getVoices: function () { return voices; },
    speak: function (u) { window.__spoken.push({ text: u.text, lang: u.lang }); },
    cancel: function () {}, pause: function () {}, resume: function () {},
    addEventListener: function () {}, removeEventListener: function () {},
    speaking: false, pending: false, paused: false
  };
  Object.defineProperty(window, 'speechSynthesis', { value: stub, configurable: true });
})(%VOICES%);
"""


def open_with_voices(browser, base_url: str, path: str, *, voices: list[dict], lang: str, viewport=KIOSK):
    context = browser.new_context(viewport=viewport, locale="en-GB" if lang == "en" else "zh-CN")
    context.add_init_script(STUB_JS.replace("%VOICES%", json.dumps(voices)))
    page = context.new_page()
    page.goto(f"{base_url}{path}", wait_until="domcontentloaded")
    wait_for_app_run(page)
    return context, page


VOICES = [
    {"lang": "zh-CN", "name": "stand-in Mandarin", "localService": True, "default": True},
    {"lang": "en-GB", "name": "stand-in English", "localService": True, "default": False},
]


def spoken(page) -> list[dict]:
    return page.evaluate("window.__spoken")


def test_the_sorting_game_reads_its_feedback_aloud_in_chinese(browser, streamlit_server) -> None:
    data = load_sorting_data()
    item_id = round_items(data, SEED)[0]
    right = data.by_id[item_id].category
    context, page = open_with_voices(
        browser, streamlit_server, f"/sorting?lang=zh&round={SEED}", voices=VOICES, lang="zh"
    )
    try:
        button = page.locator("#parkloop-read-aloud")
        expect(button).to_be_visible(timeout=TIMEOUT_MS)
        expect(button).to_contain_text(t("read_aloud.button", "zh"))
        box = button.bounding_box()
        assert box and box["height"] >= 44
        button.click()
        said = spoken(page)
        assert len(said) == 1 and said[0]["lang"] == "zh-CN"
        assert said[0]["text"].startswith(t("sorting.nothing_selected", "zh"))

        page.locator(f".st-key-sort-item-{item_id} button").click()
        page.locator(f".st-key-sort-picked-{item_id}").wait_for(timeout=TIMEOUT_MS)
        page.locator(f".st-key-sort-bin-{right} button").click()
        first, second = short_feedback(Placement(item_id, right, right), "zh")
        expect(page.locator(f"[data-parkloop-feedback='{item_id}']")).to_contain_text(
            first, timeout=TIMEOUT_MS
        )
        wait_for_app_run(page)
        page.locator("#parkloop-read-aloud").click()
        said = spoken(page)
        assert len(said) == 2 and said[1]["lang"] == "zh-CN"
        assert said[1]["text"].startswith(f"{first} {second}"), said[1]
    finally:
        context.close()


def test_a_station_story_is_read_aloud_in_english(browser, streamlit_server) -> None:
    context, page = open_with_voices(
        browser, streamlit_server, "/?station=bunker&lang=en", voices=VOICES, lang="en"
    )
    try:
        page.locator(".st-key-parkloop-station").wait_for(timeout=APP_RUN_TIMEOUT_MS)
        wait_for_app_run(page)
        button = page.locator("#parkloop-read-aloud")
        expect(button).to_have_count(1)
        expect(button).to_be_visible(timeout=TIMEOUT_MS)
        button.click()
        said = spoken(page)
        assert len(said) == 1 and said[0]["lang"] == "en-GB"
        story = plain_text(page_section("tours", "station-bunker", "en"))
        assert station_title("bunker", "en") in said[0]["text"]
        assert said[0]["text"].endswith(story), said[0]["text"]
    finally:
        context.close()


def test_on_the_sorting_station_the_story_and_the_game_each_have_a_button(browser, streamlit_server) -> None:
    context, page = open_with_voices(
        browser, streamlit_server, "/?station=sorting&lang=zh", voices=VOICES, lang="zh", viewport=PHONE
    )
    try:
        page.locator(".st-key-parkloop-station").wait_for(timeout=APP_RUN_TIMEOUT_MS)
        wait_for_app_run(page)
        expect(page.locator("#parkloop-read-aloud")).to_have_count(1)  # ids stay unique
        page.locator("#parkloop-read-aloud").click()
        assert plain_text(page_section("tours", "station-sorting", "zh")) in spoken(page)[0]["text"]
        page.locator("#parkloop-read-aloud-game").click()
        assert spoken(page)[1]["text"].startswith(t("sorting.nothing_selected", "zh"))
    finally:
        context.close()


def test_without_a_voice_for_the_language_the_button_hides(browser, streamlit_server) -> None:
    english_only = [{"lang": "en-US", "name": "stand-in English", "localService": True, "default": True}]
    context, page = open_with_voices(
        browser, streamlit_server, f"/sorting?lang=zh&round={SEED}", voices=english_only, lang="zh"
    )
    try:
        button = page.locator("#parkloop-read-aloud")
        expect(button).to_be_attached(timeout=TIMEOUT_MS)
        page.wait_for_timeout(700)  # the script looks again after 500 ms
        expect(button).to_be_hidden()
        page.goto(f"{streamlit_server}/sorting?lang=en&round={SEED}")  # English: that voice fits
        wait_for_app_run(page)
        expect(page.locator("#parkloop-read-aloud")).to_be_visible(timeout=TIMEOUT_MS)
    finally:
        context.close()


def ruby_readings(locator) -> list[str]:
    return [r.strip() for r in locator.locator("rt").all_inner_texts()]


def test_pinyin_over_the_things_the_bins_and_the_feedback(browser, streamlit_server) -> None:
    data = load_sorting_data()
    items = round_items(data, SEED)
    context, page = open_with_voices(
        browser, streamlit_server, f"/sorting?lang=zh&round={SEED}&py=1", voices=[], lang="zh"
    )
    try:
        for item_id in items[:4]:  # a sample of the round's things
            name = t(f"sorting.item.{item_id}", "zh")
            card = page.locator(f"[data-parkloop-item='{item_id}'] .pl-card-name")
            expect(card.locator("ruby")).to_have_count(len(name))
            assert ruby_readings(card) == [r for _, r, _ in readings(name) if r], item_id
        food = page.locator("[data-parkloop-bin='food'] .pl-bin-name")
        assert ruby_readings(food) == ["chú", "yú", "lā", "jī"]

        item_id = items[0]
        right = data.by_id[item_id].category
        page.locator(f".st-key-sort-item-{item_id} button").click()
        page.locator(f".st-key-sort-picked-{item_id}").wait_for(timeout=TIMEOUT_MS)
        page.locator(f".st-key-sort-bin-{right} button").click()
        box = page.locator(f"[data-parkloop-feedback='{item_id}']")
        expect(box.locator("ruby").first).to_be_attached(timeout=TIMEOUT_MS)
        first, _ = short_feedback(Placement(item_id, right, right), "zh")
        assert ruby_readings(box)[:4] == [r for _, r, _ in readings(first) if r][:4]

        # the 拼音 switch turns it off, and the URL says so
        page.get_by_text(t("sorting.pinyin_toggle", "zh"), exact=True).click()
        wait_for_app_run(page)
        expect(page.locator(".pl-card-name ruby")).to_have_count(0, timeout=TIMEOUT_MS)
        assert "py=0" in page.url
    finally:
        context.close()
