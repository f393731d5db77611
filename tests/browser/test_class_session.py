"""A class session end to end in Chromium: a teacher starts it, 10 students join in their own browser
contexts and answer, the dashboard shows 10 participants and the right distributions, the CSV has 10 rows
and nothing beyond the nickname, and delete removes everything."""

from __future__ import annotations

import csv
import io
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import APP_RUN_TIMEOUT_MS, PHONE, wait_for_app_run

from parkloop.school import sessions as classes
from parkloop.school.lessons import get_module

pytestmark = pytest.mark.browser

MODULE = "four-bins"
# seat n answers "battery" (correct: c) with c for seats 0-6 and a for seats 7-9; every other quiz
# question with its correct answer
WRONG_SEATS = {7, 8, 9}


def test_class_session_end_to_end(open_app, browser, streamlit_server) -> None:
    from playwright.sync_api import expect

    module = get_module(MODULE)
    classes.JOIN_LIMIT.reset()
    teacher = open_app(f"/lessons?m={MODULE}", lang="en", wait_for_text=module.title("en"))
    teacher.page.get_by_role("button", name="Start a class session").click()
    teacher.page.wait_for_url("**/teacher?**", timeout=APP_RUN_TIMEOUT_MS)
    wait_for_app_run(teacher.page)
    code = teacher.page.locator("#parkloop-join-code").inner_text().strip()
    query = parse_qs(urlsplit(teacher.page.url).query)
    session_id = query["s"][0]
    assert len(code) == 6 and "k" not in query, "the teacher secret stays out of the address bar"

    quiz = module.questions_for("quiz")
    orders: set[tuple[str, ...]] = set()  # the quiz as each student saw it
    for seat in range(10):
        context = browser.new_context(viewport=PHONE, locale="en-GB")
        try:
            page = context.new_page()
            page.goto(f"{streamlit_server}/join?code={code}&lang=en", wait_until="domcontentloaded")
            wait_for_app_run(page)
            page.get_by_role("textbox", name="Nickname or seat number").fill(f"seat {seat}")
            page.get_by_role("button", name="Join").click()
            page.get_by_text("Before-the-visit quiz").wait_for(timeout=APP_RUN_TIMEOUT_MS)
            wait_for_app_run(page)
            radios = page.locator("[data-testid='stRadio']")
            expect(radios).to_have_count(len(quiz))
            orders.add(tuple(radios.nth(i).inner_text() for i in range(len(quiz))))
            for index, q in enumerate(quiz):
                choice = "a" if (q.id == "battery" and seat in WRONG_SEATS) else q.answer
                words = re.escape(module.option_texts(q.id, "en")[choice])  # each student's own order
                radios.nth(index).get_by_text(re.compile(rf"^[A-H]\. {words}$")).click()
            page.get_by_role("button", name="Save my answers").click()
            page.get_by_text("Saved.").first.wait_for(timeout=APP_RUN_TIMEOUT_MS)
            assert "seat 0" not in page.locator("[data-testid='stMain']").inner_text() or seat == 0
        finally:
            context.close()

    assert len(orders) > 1, "students see the options in their own orders (all ten alike: p < 1e-6)"
    participants = teacher.page.locator("#parkloop-participants")
    expect(participants).to_have_text("10", timeout=15_000)
    expect(teacher.page.get_by_text("10 students answered; most chose c (70%)")).to_be_visible(timeout=15_000)
    expect(teacher.page.get_by_text("3 students chose a. Green bin, Food Waste.")).to_be_visible()
    teacher.screenshot("class-session-teacher-en-kiosk")

    with teacher.page.expect_download() as download:
        teacher.page.get_by_role("button", name="Download results (CSV: nicknames and answers only)").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 11
    header = rows[0]
    assert header[0] == "nickname"
    assert all(column.split(":")[0] in ("pre", "onsite", "post") for column in header[1:]), header
    assert sorted(r[0] for r in rows[1:]) == sorted(f"seat {n}" for n in range(10))
    battery = header.index("pre:battery")
    assert sorted(r[battery] for r in rows[1:]) == ["a"] * 3 + ["c"] * 7

    teacher.page.get_by_text("Delete all of this session's data").first.click()
    teacher.page.get_by_text("I understand").click()
    teacher.page.get_by_role("button", name="Delete all of this session's data").click()
    teacher.page.get_by_text("All of this session's data has been deleted.").wait_for(
        timeout=APP_RUN_TIMEOUT_MS
    )
    db = classes.open_store()
    assert classes.get_session(db, session_id) is None
    for table in ("class_students", "class_answers"):
        assert list(db.query(f"SELECT 1 FROM {table} WHERE session_id = ?", [session_id])) == []
