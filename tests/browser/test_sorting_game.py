"""The sorting game played in Chromium: tap a thing, then tap a bin (WCAG 2.5.7), on a kiosk and on a
phone; one wrong bin on purpose; a whole round by drag and drop with the mouse; the keyboard; the
pictures; the short feedback with "为什么？" behind it; the stars and the celebration; "play again".

The round is fixed by ``?round=42``; which things it holds comes from the game's own rules
(``round_items``), and the right bin of each from ``data/sorting_items.toml``.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from parkloop.content import t
from parkloop.exhibits.sorting import Placement, load_sorting_data, round_items, short_feedback

pytestmark = pytest.mark.browser

KIOSK = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
SEED = 42
TIMEOUT_MS = 30_000
BINS = ("food", "recyclable", "hazardous", "residual")


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


def wait_for_short_feedback(page, item_id: str, lang: str, *, right: bool) -> None:
    """The two short lines after a move, in the box of this thing (its picture beside them)."""
    data = load_sorting_data()
    category = data.by_id[item_id].category
    chosen = category if right else next(b for b in BINS if b != category)
    first, second = short_feedback(Placement(item_id, chosen, category), lang)
    box = page.locator(f".st-key-sort-feedback [data-parkloop-feedback='{item_id}']")
    expect(box).to_contain_text(first, timeout=TIMEOUT_MS)
    expect(box).to_contain_text(second)
    expect(box.locator("svg path").first).to_be_attached()


def assert_pictures(page, item_ids: list[str]) -> None:
    """Every thing on the screen is a picture: a drawn SVG of at least 60 px, inside its card."""
    for item_id in item_ids:
        card = page.locator(f".st-key-sort-card-{item_id} [data-parkloop-item='{item_id}']")
        picture = card.locator("svg").first
        box = picture.bounding_box()
        assert box and box["width"] >= 60 and box["height"] >= 60, (item_id, box)
        assert picture.locator("path, ellipse, rect, circle").count() >= 1, item_id
        assert picture.get_attribute("data-parkloop-fallback") is None, f"{item_id}: picture not installed"


def drag(page, item_id: str, bin_id: str) -> None:
    """Press on the thing's card, move in steps onto the bin, let go."""
    source = page.locator(f".st-key-sort-item-{item_id} button").bounding_box()
    target = page.locator(f".st-key-sort-bin-{bin_id} button").bounding_box()
    assert source and target
    x0, y0 = source["x"] + source["width"] / 2, source["y"] + source["height"] / 2
    x1, y1 = target["x"] + target["width"] / 2, target["y"] + target["height"] / 2
    page.mouse.move(x0, y0)
    page.mouse.down()
    for step in range(1, 11):  # a real drag moves in steps
        page.mouse.move(x0 + (x1 - x0) * step / 10, y0 + (y1 - y0) * step / 10)
    expect(page.locator(".pl-sort-ghost svg")).to_have_count(1)  # the picture follows the finger
    page.mouse.up()


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

    assert_pictures(page, [item_id for item_id, _ in game_items])
    expect(page.locator(".pl-tally .pl-wait")).to_have_count(8)  # no clock: one dot a thing, waiting

    first_id, first_bin = game_items[0]
    wrong = next(b for b in BINS if b != first_bin)
    tap(page, first_id, wrong)
    name = t(f"sorting.item.{first_id}", "en")
    wait_for_short_feedback(page, first_id, "en", right=False)
    # the story waits behind "Why?": the whole sentence, "moved for you", why, what happens next
    why = page.locator(f".st-key-sort-why-{first_id}")
    expect(why.get_by_text(t(f"sorting.why.{first_id}", "en"))).to_be_hidden()
    why.locator("summary").click()
    expect(why).to_contain_text(t(f"sorting.why.{first_id}", "en"), timeout=TIMEOUT_MS)
    text = why.inner_text()
    right, chosen = (t(f"sorting.bin_phrase.{b}", "en") for b in (first_bin, wrong))
    assert t("sorting.wrong_title", "en", item=name, right=right, chosen=chosen) in text
    assert f"{name} goes" not in text and f"{name} should go in {right}" in text  # agrees with any item
    assert t("sorting.moved_for_you", "en") in text
    # the thing is in its right bin, not in the one tapped
    expect(page.locator(f".st-key-sort-drop-{first_bin}")).to_contain_text(name)
    expect(page.locator(f".st-key-sort-drop-{wrong}")).not_to_contain_text(name)
    expect(page.locator(f".st-key-sort-drop-{first_bin} [data-parkloop-in='{first_id}'] svg")).to_have_count(
        1
    )

    for item_id, bin_id in game_items[1:]:
        tap(page, item_id, bin_id)
        wait_for_short_feedback(page, item_id, "en", right=True)

    wait_for_feedback(page, "Well done! You sorted all 8 things.")
    expect(page.locator("[class*='st-key-sort-item-'] button")).to_have_count(0)
    # the celebration: 7 gold stars (the first thing needed help), party poppers, no clock
    celebrate = page.locator("[data-parkloop-celebrate]")
    expect(celebrate).to_contain_text(t("sorting.celebrate", "en"))
    expect(celebrate).to_contain_text("Stars: 7 of 8")
    expect(celebrate.locator(".pl-win-star")).to_have_count(7)
    expect(page.locator(".pl-tally .pl-got")).to_have_count(7)
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
    assert_pictures(page, [item_id for item_id, _ in game_items])
    boxes = [page.locator(f".st-key-sort-bin-{b} button").bounding_box() for b in ("food", "recyclable")]
    assert all(box and box["height"] >= 88 for box in boxes)
    assert abs(boxes[0]["y"] - boxes[1]["y"]) < 5, "food and recyclables bins side by side"
    # the bins stay at the bottom of the phone's screen while the child looks at the things
    main_box = page.locator(".st-key-sort-bin-food button").bounding_box()
    assert main_box and main_box["y"] + main_box["height"] <= PHONE["height"] + 1, main_box
    for item_id, bin_id in game_items[:2]:
        button = page.locator(f".st-key-sort-item-{item_id} button")
        box = button.bounding_box()
        assert box and box["height"] >= 44
        tap(page, item_id, bin_id)
        wait_for_short_feedback(page, item_id, "zh", right=True)
    overflow = page.evaluate("document.querySelector('[data-testid=stMain]').scrollWidth")
    assert overflow <= PHONE["width"] + 1
    app.screenshot("sorting-game-zh-phone")


def test_a_bin_before_a_thing_explains_what_to_do(open_app) -> None:
    _, page = open_game(open_app, "en", KIOSK)
    page.locator(".st-key-sort-bin-food button").click()
    wait_for_feedback(page, t("sorting.hint", "en"))


def test_play_a_whole_round_by_drag(open_app, game_items) -> None:
    app, page = open_game(open_app, "en", KIOSK)
    assert_pictures(page, [item_id for item_id, _ in game_items])
    for left, (item_id, bin_id) in enumerate(game_items, start=1):
        drag(page, item_id, bin_id)
        wait_for_short_feedback(page, item_id, "en", right=True)
        expect(page.locator(".pl-sort-ghost")).to_have_count(0)
        name = t(f"sorting.item.{item_id}", "en")
        expect(page.locator(f".st-key-sort-drop-{bin_id}")).to_contain_text(name)
        expect(page.locator("[class*='st-key-sort-item-'] button")).to_have_count(len(game_items) - left)
        if left == 1:
            app.screenshot("sorting-game-drag-en-kiosk", whole=False)
    celebrate = page.locator("[data-parkloop-celebrate]")
    expect(celebrate).to_contain_text("Stars: 8 of 8", timeout=TIMEOUT_MS)
    expect(celebrate.locator(".pl-win-star")).to_have_count(8)


def test_the_keyboard_picks_a_thing_and_a_bin(open_app, game_items) -> None:
    _, page = open_game(open_app, "zh", KIOSK)
    item_id, bin_id = game_items[0]
    page.locator(f".st-key-sort-item-{item_id} button").focus()
    page.keyboard.press("Enter")
    page.locator(f".st-key-sort-picked-{item_id}").wait_for(timeout=TIMEOUT_MS)
    expect(page.locator(f"[data-parkloop-item='{item_id}']")).to_contain_text(t("sorting.picked_badge", "zh"))
    page.locator(f".st-key-sort-bin-{bin_id} button").focus()
    page.keyboard.press("Space")
    wait_for_short_feedback(page, item_id, "zh", right=True)
