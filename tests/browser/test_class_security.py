"""Class sessions no child can hijack, in Chromium against the real server (issue 17): the same nickname
on two devices, a client guessing codes while another joins, Markdown nicknames, two teacher tabs and
the projector view. Sessions are started through the store (the start button is the end-to-end test's);
every student is a browser context of its own, so each has its own cookies: its own device."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import APP_RUN_TIMEOUT_MS, KIOSK, PHONE, wait_for_app_run

from parkloop.school import sessions as classes
from parkloop.school.lessons import get_module

pytestmark = pytest.mark.browser

MODULE = "four-bins"


@pytest.fixture
def store():
    db = classes.open_store()  # the server's store: the same settings, the same file
    assert db is not None
    classes.JOIN_LIMIT.reset(db)
    return db


@pytest.fixture
def new_page(browser, streamlit_server):
    """``new_page(path, viewport=…)``: a page in a fresh browser context (a device of its own)."""
    contexts = []

    def _open(path: str, *, viewport: dict[str, int] = PHONE, context=None):
        if context is None:
            context = browser.new_context(viewport=viewport, locale="en-GB")
            contexts.append(context)
        page = context.new_page()
        page.goto(f"{streamlit_server}{path}", wait_until="domcontentloaded")
        wait_for_app_run(page)
        return page

    yield _open
    for context in contexts:
        context.close()


def main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def submit_join(page, code: str, nickname: str, word: str | None = None) -> None:
    """Fill the join form and send it; wait for the run it starts to finish."""
    page.get_by_role("textbox", name="Class code").fill(code)
    page.get_by_role("textbox", name="Nickname or seat number").fill(nickname)
    if word is not None:
        box = page.get_by_role("textbox", name="Rejoin word (4 characters)")
        if not box.is_visible():
            page.get_by_test_id("stExpander").get_by_text("Another device?").click()
        box.fill(word)
    page.get_by_role("button", name="Join").click()
    page.wait_for_timeout(300)
    wait_for_app_run(page)


def answer_first_question(page, module, choice: str) -> None:
    q = module.questions_for("quiz")[0]
    # each student sees the options in their own order, lettered by position: find the line by its words
    label = re.compile(rf"^[A-H]\. {re.escape(module.option_texts(q.id, 'en')[choice])}$")
    page.locator("[data-testid='stRadio']").first.get_by_text(label).click()
    page.get_by_role("button", name="Save my answers").click()
    page.get_by_text("Saved.").first.wait_for(timeout=APP_RUN_TIMEOUT_MS)


def test_the_same_nickname_on_another_device_cannot_see_or_change_the_first(new_page, store) -> None:
    module = get_module(MODULE)
    session, _ = classes.start_session(store, MODULE, "en")
    first_q = module.questions_for("quiz")[0]

    owner = new_page(f"/join?code={session.code}&lang=en")
    submit_join(owner, session.code, "seat 3")
    owner.get_by_text("Before-the-visit quiz").wait_for(timeout=APP_RUN_TIMEOUT_MS)
    word = owner.locator("#parkloop-rejoin-word").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}", word), word
    owner.screenshot(path=str(_shot("class-first-join-en-phone")))
    answer_first_question(owner, module, first_q.answer)

    classmate = new_page(f"/join?code={session.code}&lang=en")
    for typed in ("seat 3", "ｓｅａｔ　３", "Seat3"):
        submit_join(classmate, session.code, typed)
        expect_text = "Someone in the class already has this nickname"
        classmate.get_by_text(expect_text).wait_for(timeout=APP_RUN_TIMEOUT_MS)
        assert classmate.locator("[data-testid='stRadio']").count() == 0, "no questions, no answers"
    submit_join(classmate, session.code, "seat 3", word="ZZZZ")
    classmate.get_by_text("That rejoin word does not match").wait_for(timeout=APP_RUN_TIMEOUT_MS)
    assert "Before-the-visit quiz" not in main_text(classmate)

    students = list(store.query("SELECT * FROM class_students WHERE session_id = ?", [session.id]))
    assert len(students) == 1
    answers = classes.all_answers(store, session.id)
    assert [(a["nickname"], a["question"], a["choice"]) for a in answers] == [
        ("seat 3", first_q.id, first_q.answer)
    ]

    # the owner on a second device of their own, with the word: their record, their answer
    tablet = new_page(f"/join?code={session.code}&lang=en")
    submit_join(tablet, session.code, "Seat 3", word=word.lower())
    tablet.get_by_text("Before-the-visit quiz").wait_for(timeout=APP_RUN_TIMEOUT_MS)
    checked = tablet.locator("[data-testid='stRadio']").first.locator("input[type=radio]:checked")
    assert checked.count() == 1
    tablet.screenshot(path=str(_shot("class-rejoin-word-en-phone")))


def test_forty_wrong_codes_from_one_client_never_hold_up_another(new_page, store) -> None:
    session, _ = classes.start_session(store, MODULE, "en")
    wrong = "ZZZZZZ" if session.code != "ZZZZZZ" else "YYYYYY"
    guesser = new_page("/join?lang=en")
    messages = []
    for n in range(40):
        submit_join(guesser, wrong, f"guess {n}")
        messages.append(guesser.locator("[data-testid='stAlertContentError']").first.inner_text())
    limit = classes.JOIN_DEVICE.limit
    assert all(m.startswith("No open class has this code") for m in messages[:limit]), messages[:limit]
    assert all(m.startswith("Too many tries") for m in messages[limit:]), messages[limit:]

    honest = new_page(f"/join?code={session.code}&lang=en")
    submit_join(honest, session.code, "honest")
    honest.get_by_text("Before-the-visit quiz").wait_for(timeout=5_000)
    assert classes.participants(store, session.id) == ["honest"]

    submit_join(guesser, session.code, "guesser")  # the guesser's own right code waits its turn
    assert "Too many tries" in main_text(guesser)


def test_a_markdown_nickname_is_shown_as_typed(new_page, store) -> None:
    session, secret = classes.start_session(store, MODULE, "en")
    names = ["# BIG http://a.io", "[x](http://b.io) *i*"]
    pages = []
    for name in names:
        student = new_page(f"/join?code={session.code}&lang=en")
        submit_join(student, session.code, name)
        student.get_by_text("Before-the-visit quiz").wait_for(timeout=APP_RUN_TIMEOUT_MS)
        assert f"as “{name}”" in main_text(student)
        pages.append(student)
    for page in pages:
        assert page.locator("[data-testid='stMain'] h1:has-text('BIG')").count() == 0
    teacher = new_page(f"/teacher?s={session.id}&k={secret}&lang=en", viewport=KIOSK)
    teacher.get_by_text("Nicknames", exact=True).click()
    shown = teacher.get_by_text(", ".join(names), exact=True)
    shown.wait_for(timeout=APP_RUN_TIMEOUT_MS)
    main = teacher.locator("[data-testid='stMain']")
    assert main.locator("a[href*='a.io'], a[href*='b.io']").count() == 0, "no links made of nicknames"
    assert main.locator("h1:has-text('BIG'), h2:has-text('BIG'), em:has-text('i')").count() == 0


PHASES = "[role=radiogroup][aria-label='Students now answer']"


def _segment(page, label: str):
    return page.locator(PHASES).get_by_role("radio", name=label, exact=True)


def _selected(page):
    return page.locator(f"{PHASES} [role=radio][aria-checked=true]")


def _selected_phase(page) -> str:
    return _selected(page).inner_text().strip()


def test_two_teacher_tabs_keep_the_phase_the_teacher_set(browser, streamlit_server, store) -> None:
    from playwright.sync_api import expect

    session, secret = classes.start_session(store, MODULE, "en")
    context = browser.new_context(viewport=KIOSK, locale="en-GB")
    try:
        first = context.new_page()
        first.goto(f"{streamlit_server}/teacher?s={session.id}&k={secret}&lang=en")
        wait_for_app_run(first)
        first.wait_for_url(re.compile(r"^(?!.*[?&]k=).*$"), timeout=APP_RUN_TIMEOUT_MS)
        second = context.new_page()  # a second tab of the same browser: the secret comes from its cookie
        second.goto(f"{streamlit_server}/teacher?s={session.id}&lang=en")
        wait_for_app_run(second)
        expect(second.locator("#parkloop-join-code")).to_have_text(session.code)
        assert _selected_phase(second) == "Before-the-visit quiz"

        _segment(first, "Questions at the park").click()
        expect(_selected(first)).to_have_text("Questions at the park", timeout=10_000)
        assert classes.get_session(store, session.id).phase == "onsite"
        # the other tab follows the store by itself (its live part refreshes every 3 s)
        expect(_selected(second)).to_have_text("Questions at the park", timeout=10_000)
        second.get_by_text("Delete all of this session's data").first.click()  # a full rerun
        second.get_by_text("I understand").click()
        wait_for_app_run(second)
        second.wait_for_timeout(4_000)  # a live refresh or two
        assert classes.get_session(store, session.id).phase == "onsite", "the second tab did not revert it"

        _segment(second, "After-the-visit quiz").click()
        expect(_selected(first)).to_have_text("After-the-visit quiz", timeout=10_000)
        first.reload()
        wait_for_app_run(first)
        first.wait_for_timeout(4_000)
        assert classes.get_session(store, session.id).phase == "post"
        assert _selected_phase(first) == "After-the-visit quiz"
        for page in (first, second):
            assert page.get_by_test_id("stException").count() == 0
    finally:
        context.close()


def test_the_projector_view_shows_no_answer_and_no_secret(new_page, store, browser) -> None:
    module = get_module(MODULE)
    session, secret = classes.start_session(store, MODULE, "en")
    for n in range(3):
        student = classes.join(store, session.code, f"owl {n}", classes.Client(f"device-token-owl-{n}"))
        for q in module.questions_for("quiz"):
            classes.save_answer(store, session.id, student.student, q.id, "pre", choice=q.answer)
    teacher = new_page(f"/teacher?s={session.id}&k={secret}&lang=en", viewport=KIOSK)
    teacher.get_by_text("3 students answered").first.wait_for(timeout=APP_RUN_TIMEOUT_MS)
    assert "k" not in parse_qs(urlsplit(teacher.url).query), "the dashboard dropped k= from the address bar"
    policy = teacher.evaluate("() => document.querySelector('meta[name=referrer]')?.content")
    assert policy == "no-referrer"
    assert "the correct answer is" not in main_text(teacher), "no right answer while the pre-quiz is open"

    link = teacher.locator("#parkloop-projector-link")
    href = link.get_attribute("href")
    assert secret not in href and "k=" not in href
    with teacher.context.expect_page() as opened:
        link.click()
    projector = opened.value
    wait_for_app_run(projector)
    projector.locator("#parkloop-participants").wait_for(timeout=APP_RUN_TIMEOUT_MS)
    assert projector.locator("#parkloop-join-code").inner_text().strip() == session.code
    assert projector.locator("#parkloop-participants").inner_text().strip() == "3"
    assert projector.locator("[data-testid='stImage'] img").count() == 1, "the QR code"
    text = main_text(projector)
    html = projector.content()
    assert secret not in projector.url and secret not in html
    for q in module.questions_for("quiz"):
        assert module.prompt(q.id, "en") not in text
        for option in module.option_texts(q.id, "en").values():
            assert option not in text
    for word in ("owl 0", "answered", "Correct answer", "Download results", "Delete"):
        assert word not in text, word
    assert projector.locator("[data-testid='stVegaLiteChart'], table.parkloop-table").count() == 0
    projector.screenshot(path=str(_shot("class-projector-en-kiosk")))


def _shot(name: str):
    from conftest import SCREENSHOT_DIR

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR / f"{name}.png"
