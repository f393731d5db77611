"""Issue 17's class-session safety, below the browser: the pages through AppTest against a scratch store
(kiosk mode, rate limits, the rejoin word, a taken nickname, the secret leaving the URL, the projector
view), the dashboard's plain-text nicknames and hidden answers, the daily prune timer and the
Referrer-Policy header of ``make serve``."""

from __future__ import annotations

import configparser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import t
from parkloop.school import dashboard
from parkloop.school import sessions as classes
from parkloop.school.lessons import get_module
from parkloop.serve import caddyfile
from tests.apptest import open_page as open_app_page

REPO = Path(__file__).resolve().parents[2]
JOIN = "parkloop/school/pages/join.py"
TEACHER = "parkloop/school/pages/teacher.py"
LESSONS = "parkloop/school/pages/lessons.py"


@pytest.fixture(autouse=True)
def scratch_store(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(path))
    return path


@pytest.fixture
def db(scratch_store: Path):
    store = classes.open_store(scratch_store)
    assert store is not None
    return store


def open_page(script: str, lang: str, **params: str) -> AppTest:
    return open_app_page(script, {"lang": lang, **params})


def texts(at: AppTest) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "success", "warning", "error")
    return "\n".join(
        [str(e.value) for kind in kinds for e in at.get(kind)] + [e.proto.body for e in at.get("html")]
    )


def join(at: AppTest, code: str, nickname: str, word: str = "") -> AppTest:
    at.text_input(key="join-code").input(code)
    at.text_input(key="join-nickname").input(nickname)
    if word:
        at.text_input(key="join-rejoin").input(word)
    return at.button(key="join-submit").click().run()


# ----------------------------------------------------------------------------------------------
# starting a session
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_session_can_be_started_in_kiosk_mode(lang: str, db) -> None:
    at = open_page(LESSONS, lang, mode="kiosk", m="four-bins")
    assert not at.exception
    assert not [b for b in at.button if b.key == "lessons-start"]
    assert t("classes.start.kiosk", lang) in texts(at)
    assert list(db.query("SELECT * FROM class_sessions")) == []


def test_starting_sessions_is_rate_limited_and_the_secret_stays_out_of_the_url(db) -> None:
    at = open_page(LESSONS, "en", m="four-bins")
    at.button(key="lessons-start").click().run()
    assert not at.exception
    assert "k" not in at.query_params and at.query_params["s"], "the dashboard opened without k="
    assert 'id="parkloop-participants"' in texts(at)
    for _ in range(classes.START_DEVICE.limit - 1):
        again = open_page(LESSONS, "en", m="four-bins")
        again.session_state[classes_device_state()] = at.session_state[classes_device_state()]
        again.button(key="lessons-start").click().run()
    refused = open_page(LESSONS, "en", m="four-bins")
    refused.session_state[classes_device_state()] = at.session_state[classes_device_state()]
    refused.button(key="lessons-start").click().run()
    assert t("classes.start.limited", "en") in texts(refused)
    assert len(list(db.query("SELECT * FROM class_sessions"))) == classes.START_DEVICE.limit


def classes_device_state() -> str:
    from parkloop.ui.session import DEVICE_STATE

    return DEVICE_STATE


# ----------------------------------------------------------------------------------------------
# joining
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_taken_nickname_is_refused_kindly_and_the_word_lets_its_owner_back(lang: str, db) -> None:
    session, _ = classes.start_session(db, "four-bins", lang)
    owner = join(open_page(JOIN, lang, code=session.code), session.code, "seat 3")
    assert not owner.exception
    word = owner.session_state["parkloop-class-student"]["word"]
    assert 'id="parkloop-rejoin-word"' in texts(owner) and f">{word}</p>" in texts(owner)

    other = join(open_page(JOIN, lang), session.code, "ＳＥＡＴ　３")
    assert [e.value for e in other.error] == [t("classes.error.nickname-taken", lang)]
    assert not other.radio, "no questions and no answers of the owner"
    wrong = join(open_page(JOIN, lang), session.code, "seat 3", word="ZZZZ")
    assert [e.value for e in wrong.error] == [t("classes.error.rejoin-word", lang)]
    back = join(open_page(JOIN, lang), session.code, "seat 3", word=word)
    assert not back.error and back.radio, "the owner on another device, with the word"


def test_a_full_class_says_so(db, monkeypatch) -> None:
    monkeypatch.setenv("PARKLOOP_CLASS_MAX_STUDENTS", "1")
    session, _ = classes.start_session(db, "four-bins", "en")
    join(open_page(JOIN, "en"), session.code, "first")
    at = join(open_page(JOIN, "en"), session.code, "second")
    assert [e.value for e in at.error] == [t("classes.error.full", "en", count=1)]


def test_too_many_wrong_codes_say_how_long_to_wait(db) -> None:
    at = open_page(JOIN, "en")
    for _ in range(classes.JOIN_DEVICE.limit + 1):
        join(at, "ZZZZZZ", "owl")
    assert at.error[0].value == t("classes.error.rate-limited", "en", minutes=5)


def test_a_markdown_nickname_is_plain_text_for_the_student_and_the_teacher(db) -> None:
    session, secret = classes.start_session(db, "four-bins", "en")
    name = "# BIG http://a.io"
    student = join(open_page(JOIN, "en"), session.code, name)
    assert "“# BIG http://a.io”" in texts(student)
    assert all(name not in str(m.value) for m in student.markdown), "never through Markdown"
    teacher = open_page(TEACHER, "en", s=session.id, k=secret)
    assert not teacher.exception
    assert "<p># BIG http://a.io</p>" in texts(teacher)
    assert all(name not in str(m.value) for m in teacher.markdown)


# ----------------------------------------------------------------------------------------------
# the dashboard and the projector view
# ----------------------------------------------------------------------------------------------
def test_the_dashboard_drops_the_secret_from_the_url_and_links_the_projector(db) -> None:
    session, secret = classes.start_session(db, "four-bins", "en")
    at = open_page(TEACHER, "en", s=session.id, k=secret)
    assert not at.exception
    assert "k" not in at.query_params
    html = texts(at)
    assert 'id="parkloop-projector-link"' in html
    href = html.split('id="parkloop-projector-link" href="')[1].split('"')[0]
    assert parse_qs(urlsplit(href.replace("&amp;", "&")).query) == {
        "s": [session.id],
        "view": ["projector"],
        "lang": ["en"],
    }
    at.run()  # a second run of the same tab still has the secret (session state)
    assert 'id="parkloop-participants"' in texts(at)
    assert t("classes.teacher.invalid", "en") not in texts(at)


def test_a_stale_dashboard_follows_the_store_and_its_click_does_not_override_it(db) -> None:
    session, secret = classes.start_session(db, "four-bins", "en")
    stale = open_page(TEACHER, "en", s=session.id, k=secret)
    (control,) = stale.segmented_control
    assert control.value == "pre"
    classes.set_phase(db, session.id, "onsite")  # another tab moved on
    stale.segmented_control[0].set_value("post").run()  # clicked on what this tab still showed
    assert classes.get_session(db, session.id).phase == "onsite", "the stale click changed nothing"
    assert stale.segmented_control[0].value == "onsite", "the tab now shows the store's phase"
    assert t("classes.teacher.phase_elsewhere", "en", phase=t("classes.phase.onsite", "en")) in texts(stale)
    stale.run()
    assert classes.get_session(db, session.id).phase == "onsite", "a rerun never writes the phase"
    stale.segmented_control[0].set_value("post").run()  # now a click on what it shows
    assert classes.get_session(db, session.id).phase == "post"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_projector_view_has_the_code_and_the_count_only(lang: str, db) -> None:
    module = get_module("four-bins")
    session, secret = classes.start_session(db, "four-bins", lang)
    for n in range(2):
        student = classes.join(db, session.code, f"owl {n}", classes.Client(f"device-token-{n:020d}"))
        for q in module.questions_for("quiz"):
            classes.save_answer(db, session.id, student.student, q.id, "pre", choice=q.answer)
    at = open_page(TEACHER, lang, s=session.id, view="projector")
    assert not at.exception
    html = texts(at)
    assert f">{session.code}</p>" in html and '<strong id="parkloop-participants">2</strong>' in html
    assert secret not in html and "owl 0" not in html
    assert not at.get("arrow_vega_lite_chart") and not at.get("table") and not at.segmented_control
    for q in module.questions_for("quiz"):
        assert module.prompt(q.id, lang) not in html


def test_no_right_answer_is_shown_while_the_pre_quiz_is_open() -> None:
    q = get_module("four-bins").question("battery")
    dist = {"a": 2, "b": 0, "c": 1, "d": 1}
    assert not dashboard.reveals_answers("pre") and dashboard.reveals_answers("onsite")
    assert not any(row["correct"] for row in dashboard.distribution_rows(q, dist, reveal=False))
    assert [r["option"] for r in dashboard.distribution_rows(q, dist) if r["correct"]] == [q.answer]
    for lang in ("zh", "en"):
        hidden = dashboard.distribution_summary(q, dist, lang, reveal=False)
        shown = dashboard.distribution_summary(q, dist, lang)
        assert hidden != shown and hidden.count(q.answer) < shown.count(q.answer)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_teacher_sees_when_the_session_will_be_deleted(lang: str) -> None:
    day = 86400.0
    last_use = 20_000 * day + 17 * 3600  # 4 Oct 2024, 17:00 UTC = 5 Oct, 01:00 in Beijing
    session = classes.Session("s", "ABCDEF", "four-bins", lang, "post", 0.0, None, last_use)
    line = dashboard.deletion_line(classes.deletion_time(session, 30), 30, lang)
    assert ("2024年11月4日" in line) if lang == "zh" else ("4 November 2024" in line), line
    assert "30" in line


def test_nicknames_are_escaped_not_formatted() -> None:
    assert dashboard.plain_html("<b>x</b> *y*") == "<p>&lt;b&gt;x&lt;/b&gt; *y*</p>"
    assert dashboard.nicknames_html(["# a", "[b](http://c)"], "en") == "<p># a, [b](http://c)</p>"
    lines = dashboard.lookalike_lines([["seat 3", "sеat 3"]], "en")
    assert lines == [t("classes.teacher.lookalike", "en", names="“seat 3” / “sеat 3”")]


# ----------------------------------------------------------------------------------------------
# deployment: the daily prune and the referrer policy
# ----------------------------------------------------------------------------------------------
def test_a_daily_timer_prunes_class_sessions() -> None:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(REPO / "kiosk" / "systemd" / "parkloop-classes-prune.timer")
    assert parser["Timer"]["OnCalendar"].startswith("*-*-*") and parser["Timer"]["Persistent"] == "true"
    assert parser["Install"]["WantedBy"] == "timers.target"
    service = configparser.ConfigParser(strict=False, interpolation=None)
    service.read(REPO / "kiosk" / "systemd" / "parkloop-classes-prune.service")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"].endswith("-m parkloop classes prune")


def test_make_serve_sends_no_referrer() -> None:
    assert "header Referrer-Policy no-referrer" in caddyfile(8080, [8601, 8602])
