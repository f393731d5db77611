"""The sorting game played in Chromium: tap a thing, then tap a bin (WCAG 2.5.7), on a kiosk and on a
phone; one wrong bin on purpose; drag and drop with the mouse; the end of the round and "play again".

The round is fixed by ``?round=42``; which things it holds comes from the game's own rules
(``round_items``), and the right bin of each from ``data/sorting_items.toml``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from parkloop.content import t
from parkloop.exhibits.sorting import load_sorting_data, round_items

pytestmark = pytest.mark.browser

KIOSK = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
SEED = 42
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def game_items() -> list[tuple[str, str]]:
    data = load_sorting_data()
    by_id = data.by_id
    return [(item_id, by_id[item_id].category) for item_id in round_items(data, SEED)]


def open_game(open_app, lang: str, viewport: dict[str, int]):
    app = open_app(
        f"/sorting?lang={lang}&round={SEED}",
        viewport=viewport,
        locale="en-GB" if lang == "en" else "zh-CN",
        wait_for_text=t("nav.sorting", lang),
    )
    return app, app.page


def tap(page, item_id: str, bin_id: str) -> None:
    """Tap the thing, wait until the page shows it as picked, tap the bin."""
    page.locator(f".st-key-sort-item-{item_id} button").click()
    page.locator(f".st-key-sort-picked-{item_id}").wait_for(timeout=TIMEOUT_MS)
    page.locator(f".st-key-sort-bin-{bin_id} button").click()


def feedback_text(page) -> str:
    box = page.locator(".st-key-sort-feedback")
    return box.inner_text(timeout=TIMEOUT_MS)


def wait_for_feedback(page, text: str) -> None:
    page.locator(".st-key-sort-feedback").get_by_text(text, exact=False).first.wait_for(timeout=TIMEOUT_MS)


def test_play_a_whole_round_by_tapping(open_app, game_items) -> None:
    app, page = open_game(open_app, "en", KIOSK)
    expect(page.locator("[class*='st-key-sort-item-'] button")).to_have_count(len(game_items))
    assert len(game_items) == 8
    # touch targets: things at least 64 px high, bins at least 88 px (kiosk)
    for box in (page.locator(f".st-key-sort-item-{game_items[0][0]} button").bounding_box(),):
        assert box and box["height"] >= 64
    for bin_id in ("food", "recyclable", "hazardous", "residual"):
        box = page.locator(f".st-key-sort-bin-{bin_id} button").bounding_box()
        assert box and box["height"] >= 88 and box["width"] >= 200, (bin_id, box)

    first_id, first_bin = game_items[0]
    wrong = next(b for b in ("food", "recyclable", "hazardous", "residual") if b != first_bin)
    tap(page, first_id, wrong)
    name = t(f"sorting.item.{first_id}", "en")
    wait_for_feedback(page, f"Good try! {name} goes in")
    text = feedback_text(page)
    assert t(f"sorting.bin_phrase.{first_bin}", "en") in text
    assert t("sorting.moved_for_you", "en") in text and t(f"sorting.why.{first_id}", "en") in text
    # the thing is in its right bin, not in the one tapped
    expect(page.locator(f".st-key-sort-drop-{first_bin}")).to_contain_text(name)
    expect(page.locator(f".st-key-sort-drop-{wrong}")).not_to_contain_text(name)

    for item_id, bin_id in game_items[1:]:
        tap(page, item_id, bin_id)
        wait_for_feedback(page, f"Well done! {t(f'sorting.item.{item_id}', 'en')} goes in")
        assert t(f"sorting.why.{item_id}", "en") in feedback_text(page)

    wait_for_feedback(page, "Well done! You sorted all 8 things.")
    expect(page.locator("[class*='st-key-sort-item-'] button")).to_have_count(0)
    app.screenshot("sorting-game-done-en-kiosk")
    assert app.foreign_requests() == []

    page.locator(".st-key-sort-again button").click()
    expect(page.locator("[class*='st-key-sort-item-'] button")).to_have_count(8, timeout=TIMEOUT_MS)
    page.wait_for_url(re.compile(r"round=(?!42\b)\d+"), timeout=TIMEOUT_MS)
    new_round = re.search(r"round=(\d+)", page.url)
    assert new_round and new_round.group(1) != str(SEED)


def test_tap_on_a_phone_in_chinese(open_app, game_items) -> None:
    app, page = open_game(open_app, "zh", PHONE)
    # the four bins sit two by two on a phone and stay big enough to hit
    boxes = [page.locator(f".st-key-sort-bin-{b} button").bounding_box() for b in ("food", "recyclable")]
    assert all(box and box["height"] >= 88 for box in boxes)
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 5, "food and recyclables bins side by side"
    for item_id, bin_id in game_items[:2]:
        button = page.locator(f".st-key-sort-item-{item_id} button")
        box = button.bounding_box()
        assert box and box["height"] >= 44
        tap(page, item_id, bin_id)
        wait_for_feedback(page, f"放对了，真棒！{t(f'sorting.item.{item_id}', 'zh')}")
    overflow = page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")
    assert overflow <= PHONE["width"] + 1
    app.screenshot("sorting-game-zh-phone")


def test_a_bin_before_a_thing_explains_what_to_do(open_app) -> None:
    _, page = open_game(open_app, "en", KIOSK)
    page.locator(".st-key-sort-bin-food button").click()
    wait_for_feedback(page, t("sorting.hint", "en"))


def test_drag_a_thing_onto_its_bin(open_app, game_items) -> None:
    app, page = open_game(open_app, "en", KIOSK)
    item_id, bin_id = game_items[0]
    source = page.locator(f".st-key-sort-item-{item_id} button").bounding_box()
    target = page.locator(f".st-key-sort-bin-{bin_id} button").bounding_box()
    assert source and target
    page.mouse.move(source["x"] + source["width"] / 2, source["y"] + source["height"] / 2)
    page.mouse.down()
    for step in range(1, 11):  # a real drag moves in steps
        page.mouse.move(
            source["x"] + (target["x"] - source["x"]) * step / 10 + source["width"] / 2,
            source["y"] + (target["y"] - source["y"]) * step / 10 + source["height"] / 2,
        )
    expect(page.locator(".pl-sort-ghost")).to_have_count(1)
    page.mouse.up()
    wait_for_feedback(page, f"Well done! {t(f'sorting.item.{item_id}', 'en')} goes in")
    expect(page.locator(".pl-sort-ghost")).to_have_count(0)
    expect(page.locator(f".st-key-sort-drop-{bin_id}")).to_contain_text(t(f"sorting.item.{item_id}", "en"))
    expect(page.locator("[class*='st-key-sort-item-'] button")).to_have_count(7)
    app.screenshot("sorting-game-drag-en-kiosk")
