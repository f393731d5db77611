"""The join page when the store is busy or out of reach (issue 18): a student's whole form is saved in one
transaction; a store busy past its wait gives a friendly "try again" in the page's language (no error
box), the student stays signed in and the form keeps the answers picked; and nothing half-saved."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from parkloop import store
from parkloop.content import t
from parkloop.school import sessions as classes
from parkloop.school.sessions import Client
from tests.apptest import open_page

JOIN = "parkloop/school/pages/join.py"


@pytest.fixture
def short_wait(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch store whose connections give up on a held lock after about 0.4 s, not 20 s."""
    path = tmp_path / "busy.sqlite"
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(path))
    monkeypatch.setenv("PARKLOOP_STORE_BUSY_WAIT_S", "0.4")
    monkeypatch.setattr(store, "BUSY_TIMEOUT_MS", 100)
    store.forget_connections()
    classes.JOIN_LIMIT.reset()
    yield path
    store.forget_connections()


class OutsideLock:
    """Another process's writer holding the store's write lock (a backup, the other server worker)."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(str(path), isolation_level=None)

    def __enter__(self) -> OutsideLock:
        self.conn.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc: object) -> None:
        self.conn.execute("ROLLBACK")
        self.conn.close()


def joined_student(lang: str):
    db = classes.open_store()
    session, _ = classes.start_session(db, "four-bins", lang)
    at = open_page(JOIN, {"lang": lang, "code": session.code})
    at.text_input[1].input("Heron")
    at.button(key="join-submit").click().run()
    assert not at.exception and at.radio, "joined and shown the questions"
    return db, session, at


def test_a_whole_form_is_one_transaction(tmp_path: Path) -> None:
    db = classes.open_store(tmp_path / "one.sqlite")
    session, _ = classes.start_session(db, "four-bins", "en")
    student = classes.join(db, session.code, "Otter", Client("device-otter-0000000000")).student
    seen: list[str] = []
    db.conn.set_trace_callback(seen.append)
    saved = classes.save_answers(
        db, session.id, student, "pre", {"q1": "a", "q2": "b", "q3": None, "q4": "c"}
    )
    db.conn.set_trace_callback(None)
    assert saved == 3
    begins = [sql for sql in seen if sql.upper().startswith("BEGIN")]
    commits = [sql for sql in seen if sql.upper().startswith("COMMIT")]
    assert len(begins) == 1 and len(commits) == 1, seen
    assert {(r["question"], r["choice"]) for r in classes.all_answers(db, session.id)} == {
        ("q1", "a"), ("q2", "b"), ("q4", "c"),
    }  # fmt: skip


def test_a_busy_store_saves_nothing_of_the_form(short_wait: Path) -> None:
    db = classes.open_store()
    session, _ = classes.start_session(db, "four-bins", "en")
    student = classes.join(db, session.code, "Otter", Client("device-otter-0000000000")).student
    with OutsideLock(short_wait), pytest.raises(sqlite3.OperationalError) as error:
        classes.save_answers(db, session.id, student, "pre", {"q1": "a", "q2": "b"})
    assert store.is_busy(error.value)
    assert classes.all_answers(db, session.id) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_busy_store_says_try_again_and_keeps_the_student_and_the_answers(
    short_wait: Path, lang: str
) -> None:
    db, session, at = joined_student(lang)
    picks = {radio.key: "c" for radio in at.radio}
    for radio in at.radio:
        radio.set_value("c")
    with OutsideLock(short_wait):
        at.button(key="answers-submit-pre").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert [w.value for w in at.warning] == [t("classes.error.busy", lang)]
    assert at.session_state["parkloop-class-student"]["session"] == session.id, "still signed in"
    assert {radio.key: radio.value for radio in at.radio} == picks, "the picked answers are still there"
    assert classes.all_answers(db, session.id) == []
    at.button(key="answers-submit-pre").click().run()  # the lock is gone: the same press saves
    assert not at.warning and at.success
    assert len(classes.all_answers(db, session.id)) == len(picks)


def test_a_store_out_of_reach_does_not_sign_the_student_out(short_wait: Path, monkeypatch) -> None:
    db, session, at = joined_student("en")
    real = classes.open_store
    monkeypatch.setattr(classes, "open_store", lambda path=None: None)
    at.run()
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == [t("classes.error.busy", "en")]
    assert at.session_state["parkloop-class-student"]["session"] == session.id
    monkeypatch.setattr(classes, "open_store", real)
    at.run()
    assert at.radio and not at.warning, "back to the questions, no new join"


def test_joining_while_the_store_is_busy_says_try_again(short_wait: Path) -> None:
    db = classes.open_store()
    session, _ = classes.start_session(db, "four-bins", "zh")
    at = open_page(JOIN, {"lang": "zh", "code": session.code})
    at.text_input[1].input("Heron")
    with OutsideLock(short_wait):
        at.button(key="join-submit").click().run()
    assert not at.exception and not at.error
    assert [w.value for w in at.warning] == [t("classes.error.busy", "zh")]
    assert at.text_input[1].value == "Heron", "the nickname typed is kept"
    at.button(key="join-submit").click().run()
    assert not at.exception and at.radio
