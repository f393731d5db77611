"""Each student sees the quiz options in their own order (seeded by their record: the same on every rerun,
different between students), and the answer recorded is the option the student tapped, by id."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.school import dashboard
from parkloop.school import sessions as classes
from parkloop.school.lessons import get_module, option_order
from tests.apptest import open_page

MODULE = get_module("carbon-ledger")
QUIZ = MODULE.questions_for("quiz")


@pytest.fixture(autouse=True)
def scratch_store(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store.sqlite"
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(path))
    classes.JOIN_LIMIT.reset()
    return path


def test_options_follow_the_seed_and_are_lettered_by_position() -> None:
    q = QUIZ[0]
    first = dashboard.student_options(MODULE, q, "record-1", "zh")
    assert list(first) == list(option_order(q, "record-1")), "the order is option_order's"
    assert first == dashboard.student_options(MODULE, q, "record-1", "zh"), "stable for one student"
    assert sorted(first) == sorted(q.options), "every option once, keyed by id"
    texts = MODULE.option_texts(q.id, "zh")
    assert [label[:3] for label in first.values()] == ["A. ", "B. ", "C. ", "D. "][: len(q.options)]
    assert all(label[3:] == texts[option] for option, label in first.items())
    orders = {tuple(option_order(q, f"record-{n}")) for q in QUIZ for n in range(8)}
    assert len(orders) > len(QUIZ), "different records see different orders"


def _join(session: classes.Session, nickname: str) -> AppTest:
    at = open_page("parkloop/school/pages/join.py", {"lang": "en", "code": session.code})
    at.text_input[1].input(nickname)
    at.button(key="join-submit").click().run()
    assert not at.exception
    return at


def _shown(at: AppTest) -> dict[str, list[str]]:
    """Question id → the option labels in the order the page shows them."""
    by_prompt = {MODULE.prompt(q.id, "en"): q.id for q in QUIZ}
    return {by_prompt[radio.label]: list(radio.options) for radio in at.radio}


def _tap(at: AppTest, qid: str, position: int) -> str:
    """Tap the option at ``position`` as the student sees it; the id whose words are on that line (read
    from the lesson's text, not from the page)."""
    radio = next(r for r in at.radio if r.label == MODULE.prompt(qid, "en"))
    words = radio.options[position].split(". ", 1)[1]
    option = next(o for o, text in MODULE.option_texts(qid, "en").items() if text == words)
    radio.set_value(option)
    return option


RECORDS = ["fox-record-1", "owl-record-2"]  # the records' ids (random in use; fixed here so orders differ)


@pytest.fixture
def fixed_records(monkeypatch) -> None:
    real = classes.secrets.token_urlsafe
    ids = iter(RECORDS)
    monkeypatch.setattr(classes.secrets, "token_urlsafe", lambda n=None: next(ids) if n == 9 else real(n))


def test_two_students_see_their_own_order_and_record_what_they_tapped(
    scratch_store: Path, fixed_records: None
) -> None:
    assert any(option_order(q, RECORDS[0]) != option_order(q, RECORDS[1]) for q in QUIZ), "precondition"
    db = classes.open_store(scratch_store)
    session, _ = classes.start_session(db, MODULE.id, "en")
    fox, owl = _join(session, "Fox"), _join(session, "Owl")
    records = {r["nickname"]: r["student_id"] for r in db.query("SELECT * FROM class_students")}
    assert records == {"Fox": RECORDS[0], "Owl": RECORDS[1]}
    shown = {"Fox": _shown(fox), "Owl": _shown(owl)}
    for name in shown:
        for q in QUIZ:
            expected = dashboard.student_options(MODULE, q, records[name], "en")
            assert shown[name][q.id] == list(expected.values()), f"{name} sees their own order of {q.id}"
    assert shown["Fox"] != shown["Owl"], "two students, two orders"
    fox.run()
    assert _shown(fox) == shown["Fox"], "a rerun keeps the order"

    tapped = {q.id: _tap(fox, q.id, len(q.options) - 1) for q in QUIZ}  # the last line each time
    fox.button(key="answers-submit-pre").click().run()
    assert not fox.exception
    saved = {
        r["question"]: r["choice"] for r in classes.all_answers(db, session.id) if r["nickname"] == "Fox"
    }
    assert saved == tapped
    assert _shown(fox) == shown["Fox"], "saving keeps the order"
    for radio, q in zip(fox.radio, QUIZ, strict=True):
        assert radio.value == tapped[q.id], "the form shows the saved answer on its line"
