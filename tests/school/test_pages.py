"""The lessons, join and teacher pages through AppTest, in both languages, against a scratch store."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.i18n import contains_cjk
from parkloop.school import sessions as classes
from parkloop.school.lessons import load_modules
from tests.apptest import open_page as open_app_page


@pytest.fixture(autouse=True)
def scratch_store(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(path))
    classes.JOIN_LIMIT.reset()
    return path


def open_page(script: str, lang: str, **params: str) -> AppTest:
    return open_app_page(script, {"lang": lang, **params})


def text_of(at: AppTest) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "success")
    parts = [str(e.value) for kind in kinds for e in at.get(kind)]
    parts += [e.proto.body for e in at.get("html")]
    return "\n".join(parts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_lessons_page_shows_every_module_in_both_languages(lang: str) -> None:
    at = open_page("parkloop/school/pages/lessons.py", lang)
    assert not at.exception
    for module in load_modules():
        at.radio[0].set_value(module.id).run()
        assert not at.exception
        text = text_of(at)
        assert module.title(lang) in text
        assert module.text("teacher-notes", lang).splitlines()[0][:20] in text
        if lang == "en":
            assert contains_cjk(text, CJK_ALLOWLIST) == []


def test_start_button_opens_the_teacher_dashboard(scratch_store: Path) -> None:
    at = open_page("parkloop/school/pages/lessons.py", "en", m="food-to-fuel")
    at.button(key="lessons-start").click().run()
    assert not at.exception
    db = classes.open_store(scratch_store)
    sessions = list(db.query("SELECT * FROM class_sessions"))
    assert len(sessions) == 1 and sessions[0]["module"] == "food-to-fuel"
    assert at.query_params["s"] in (sessions[0]["id"], [sessions[0]["id"]])
    assert 'id="parkloop-participants"' in text_of(at)
    assert sessions[0]["code"] in text_of(at)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_teacher_page_refuses_a_bad_link(lang: str, scratch_store: Path) -> None:
    db = classes.open_store(scratch_store)
    session, _ = classes.start_session(db, "four-bins", lang)
    at = open_page("parkloop/school/pages/teacher.py", lang, s=session.id, k="<script>alert(1)</script>")
    assert not at.exception
    assert t("classes.teacher.invalid", lang) in text_of(at)
    assert session.code not in text_of(at)
    assert "alert(1)" not in text_of(at), "the hostile secret is never echoed"


def test_student_joins_answers_and_the_teacher_sees_it(scratch_store: Path) -> None:
    db = classes.open_store(scratch_store)
    session, secret = classes.start_session(db, "four-bins", "en")
    student = open_page("parkloop/school/pages/join.py", "en", code=session.code.lower())
    assert student.text_input[0].value == session.code, "the code from the QR link is prefilled"
    student.text_input[1].input("<b>Fox</b>")
    student.button(key="join-submit").click().run()
    assert not student.exception
    assert "Fox" in text_of(student) and "<b>Fox</b>" not in text_of(student).replace("\\<b\\>", "")
    for radio in student.radio:
        radio.set_value("c")
    student.button(key="answers-submit-pre").click().run()
    assert not student.exception
    rows = classes.all_answers(db, session.id)
    assert {r["choice"] for r in rows} == {"c"} and len(rows) == 4
    teacher = open_page("parkloop/school/pages/teacher.py", "en", s=session.id, k=secret)
    assert not teacher.exception
    html = text_of(teacher)
    assert '<strong id="parkloop-participants">1</strong>' in html
    assert "&lt;b&gt;Fox&lt;/b&gt;" in html or "\\<b\\>Fox" in html or "Fox" in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_join_with_a_wrong_code_says_so(lang: str) -> None:
    at = open_page("parkloop/school/pages/join.py", lang, code="'; DROP TABLE--")
    assert at.text_input[0].value == ""
    at.text_input[0].input("ZZZZZZ")
    at.text_input[1].input("owl")
    at.button(key="join-submit").click().run()
    assert not at.exception
    assert at.error and at.error[0].value == t("classes.error.code", lang)
