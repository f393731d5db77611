"""Class sessions on the store API: joining, idempotent answers, 50 concurrent students, CSV escaping,
hostile nicknames, the join rate limit, retention and the dashboard numbers."""

from __future__ import annotations

import csv
import io
import threading
from pathlib import Path

import pytest

from parkloop.school import results
from parkloop.school import sessions as classes
from parkloop.school.lessons import get_module
from parkloop.school.sessions import CODE_ALPHABET, CODE_LENGTH, ClassError, RateLimiter


@pytest.fixture
def db(tmp_path: Path):
    store = classes.open_store(tmp_path / "store.sqlite")
    assert store is not None
    return store


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "shared.sqlite"


def unlimited() -> RateLimiter:
    return RateLimiter(limit=10_000, window_s=60)


def test_a_session_gets_a_code_from_the_alphabet_and_a_secret_link(db) -> None:
    session, secret = classes.start_session(db, "four-bins", "zh")
    assert len(session.code) == CODE_LENGTH and set(session.code) <= set(CODE_ALPHABET)
    assert len(CODE_ALPHABET) ** CODE_LENGTH > 10**9  # ≈ 1.07 × 10⁹ codes
    assert classes.teacher_session(db, session.id, secret) == session
    assert classes.teacher_session(db, session.id, secret + "x") is None
    assert classes.teacher_session(db, "nope", secret) is None
    assert classes.teacher_session(db, session.id, None) is None
    stored = list(db.query("SELECT * FROM class_sessions"))[0]
    assert secret not in str(stored.values()), "only the secret's hash is stored"


def test_join_with_a_typed_code_and_rejoin_with_the_same_nickname(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "en")
    typed = " " + session.code.lower()[:3] + "-" + session.code.lower()[3:]
    joined, student, name = classes.join(db, typed, "  Panda  ", limiter=unlimited())
    assert joined.id == session.id and name == "Panda"
    again = classes.join(db, session.code, "panda", limiter=unlimited())
    assert again[1] == student, "the same nickname (any case) continues as the same student"
    assert classes.participants(db, session.id) == ["Panda"]


def test_answers_are_idempotent(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    _, student, _ = classes.join(db, session.code, "7", limiter=unlimited())
    for _ in range(3):
        classes.save_answer(db, session.id, student, "battery", "pre", choice="a")
    classes.save_answer(db, session.id, student, "battery", "pre", choice="c")
    rows = classes.all_answers(db, session.id)
    assert [(r["question"], r["phase"], r["choice"]) for r in rows] == [("battery", "pre", "c")]
    classes.save_answer(db, session.id, student, "battery", "post", choice="c")
    assert len(classes.all_answers(db, session.id)) == 2, "pre and post are separate answers"


def test_fifty_students_answering_at_once_lose_nothing(path: Path) -> None:
    setup = classes.open_store(path)
    session, _ = classes.start_session(setup, "four-bins", "zh")
    module = get_module("four-bins")
    questions = [q.id for q in module.questions_for("quiz")]
    errors: list[BaseException] = []
    barrier = threading.Barrier(50)

    def student(number: int) -> None:
        try:
            db = classes.open_store(path)  # each student is its own connection, like separate servers
            _, sid, _ = classes.join(db, session.code, f"seat {number}", limiter=unlimited())
            barrier.wait()
            for qid in questions:
                classes.save_answer(db, session.id, sid, qid, "pre", choice="a")
                classes.save_answer(db, session.id, sid, qid, "pre", choice="b")  # a change of mind
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=student, args=(n,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    rows = classes.all_answers(setup, session.id)
    assert len(classes.participants(setup, session.id)) == 50
    assert len(rows) == 50 * len(questions)
    assert {r["choice"] for r in rows} == {"b"}


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        (
            "<script>alert(1)</script>",
            "<script>alert(1)</sc",
        ),  # kept as typed (escaped on display), cut at 20
        ("=HYPERLINK(1)", "=HYPERLINK(1)"),
        ("a\u0000b\u202ec\u200bd\ne", "abcd e"),
        ("熊猫" * 30, ("熊猫" * 30)[:20]),
        ("Ｓｅａｔ １２", "Seat 12"),
    ],
)
def test_nicknames_are_sanitised(typed: str, stored: str) -> None:
    assert classes.sanitize_nickname(typed) == stored


@pytest.mark.parametrize("typed", ["", "   ", "\u200b\u0007", None, "13812345678", "学号 2024 0101"])
def test_empty_or_number_like_nicknames_are_refused(typed) -> None:
    with pytest.raises(ClassError):
        classes.sanitize_nickname(typed)


def test_csv_has_nicknames_and_answers_only_and_no_formulas(db) -> None:
    session, _ = classes.start_session(db, "carbon-ledger", "en")
    hostile = ["=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@import", "<b>bold</b>"]
    for name in hostile:
        _, sid, _ = classes.join(db, session.code, name, limiter=unlimited())
        classes.save_answer(db, session.id, sid, "biogenic", "pre", choice="a")
        classes.save_answer(
            db, session.id, sid, "most-co2", "onsite", params={"solar.kwp": 10}, value=-925000.0
        )
    rows = list(csv.reader(io.StringIO(classes.export_csv(db, session.id))))
    assert rows[0] == ["nickname", "pre:biogenic", "onsite:most-co2", "onsite:most-co2:settings"]
    assert len(rows) == 1 + len(hostile)
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "@")) and not (
                cell.startswith("-") and not cell[1:2].isdigit()
            )
    assert [r[0] for r in rows[1:]] == ["'" + n if n[0] in "=+-@" else n for n in hostile]
    assert rows[1][2:] == ["-925000", "solar.kwp=10"], "a negative number stays a number"


def test_csv_cell() -> None:
    assert classes.csv_cell("=1+1") == "'=1+1"
    assert classes.csv_cell("-12.5") == "'-12.5"  # text: a formula could start so (parkloop.csvsafe)
    assert classes.csv_cell(-12.5) == "-12.5"  # a number the model gave stays a number
    assert classes.csv_cell("\tx") == "'\tx"
    assert classes.csv_cell("fine") == "fine"


def test_failed_joins_are_rate_limited_so_codes_cannot_be_enumerated(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    now = [0.0]
    limiter = RateLimiter(limit=30, window_s=60, clock=lambda: now[0])
    wrong = "ABCDEF" if session.code != "ABCDEF" else "ABCDEG"
    for _ in range(30):
        with pytest.raises(ClassError, match="code"):
            classes.join(db, wrong, "x", limiter=limiter)
    with pytest.raises(ClassError, match="rate-limited"):
        classes.join(db, session.code, "honest", limiter=limiter)  # even a right code waits
    now[0] = 61.0
    assert classes.join(db, session.code, "honest", limiter=limiter)[2] == "honest"
    # 30 guesses a minute against 50 live sessions: years of guessing on average
    minutes = (len(CODE_ALPHABET) ** CODE_LENGTH / 50) / 30
    assert minutes / (60 * 24 * 365) > 1


def test_successful_joins_do_not_use_up_the_limit(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    limiter = RateLimiter(limit=3, window_s=60)
    for n in range(40):
        classes.join(db, session.code, f"seat {n}", limiter=limiter)
    assert len(classes.participants(db, session.id)) == 40


def test_ended_sessions_refuse_joins_and_answers(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    _, sid, _ = classes.join(db, session.code, "fox", limiter=unlimited())
    classes.set_phase(db, session.id, "ended")
    with pytest.raises(ClassError, match="code"):
        classes.join(db, session.code, "late", limiter=unlimited())
    with pytest.raises(ClassError, match="closed"):
        classes.save_answer(db, session.id, sid, "battery", "post", choice="c")


def test_delete_removes_everything(db) -> None:
    keep, _ = classes.start_session(db, "four-bins", "zh")
    gone, _ = classes.start_session(db, "four-bins", "zh")
    for session in (keep, gone):
        _, sid, _ = classes.join(db, session.code, "owl", limiter=unlimited())
        classes.save_answer(db, session.id, sid, "battery", "pre", choice="c")
    classes.delete_session(db, gone.id)
    for table in ("class_sessions", "class_students", "class_answers"):
        column = "id" if table == "class_sessions" else "session_id"
        assert list(db.query(f"SELECT * FROM {table} WHERE {column} = ?", [gone.id])) == []
        assert list(db.query(f"SELECT * FROM {table} WHERE {column} = ?", [keep.id]))


def test_retention_prunes_old_sessions_only(db) -> None:
    day = 86400.0
    old, _ = classes.start_session(db, "four-bins", "zh", now=1000 * day)
    new, _ = classes.start_session(db, "four-bins", "zh", now=1025 * day)
    _, sid, _ = classes.join(db, old.code, "cat", limiter=unlimited())
    classes.save_answer(db, old.id, sid, "battery", "pre", choice="c", now=1000 * day)
    assert classes.prune(db, retention_days=30, now=1029 * day) == 0
    assert classes.prune(db, retention_days=30, now=1031 * day) == 1
    assert classes.get_session(db, old.id) is None and classes.get_session(db, new.id) is not None
    assert list(db.query("SELECT * FROM class_answers")) == []
    assert list(db.query("SELECT * FROM class_students")) == []


def test_prune_uses_the_setting(db, monkeypatch) -> None:
    import time

    session, _ = classes.start_session(db, "four-bins", "zh", now=time.time() - 3 * 86400)
    monkeypatch.setenv("PARKLOOP_CLASS_RETENTION_DAYS", "2")
    assert classes.prune(db) == 1
    assert classes.get_session(db, session.id) is None


# ----------------------------------------------------------------------------------------------
# dashboard numbers (hand-computed)
# ----------------------------------------------------------------------------------------------
def _answers(rows: list[tuple[str, str, str, str]]) -> list[dict]:
    return [
        {
            "nickname": n,
            "student_id": n,
            "question": q,
            "phase": p,
            "choice": c,
            "params": None,
            "value": None,
        }
        for n, q, p, c in rows
    ]


def test_distribution_wrong_answers_and_gain() -> None:
    module = get_module("four-bins")
    battery = module.question("battery")  # answer c
    answers = _answers(
        [
            ("a", "battery", "pre", "a"),
            ("b", "battery", "pre", "a"),
            ("c", "battery", "pre", "c"),
            ("d", "battery", "pre", "d"),
            ("a", "battery", "post", "c"),
            ("b", "battery", "post", "c"),
            ("c", "battery", "post", "c"),
            ("d", "battery", "post", "a"),
        ]
    )
    assert results.distribution(battery, answers, "pre") == {"a": 2, "b": 0, "c": 1, "d": 1}
    wrong = results.common_wrong(module, answers, "pre")
    assert wrong[0] == {"question": "battery", "option": "a", "count": 2, "total": 4}
    row = next(g for g in results.gain(module, answers) if g["question"] == "battery")
    assert row["pre"] == pytest.approx(0.25) and row["post"] == pytest.approx(0.75)
    assert row["gain_points"] == pytest.approx(50.0)
    assert results.answered_count(answers, "post") == 4


def test_best_scenarios_follow_the_goal() -> None:
    module = get_module("carbon-ledger")
    q = module.question("most-co2")  # goal: min (lowest net balance)
    answers = [
        {"nickname": n, "student_id": n, "question": "most-co2", "phase": "onsite", "choice": None,
         "params": {"solar.kwp": v}, "value": v}
        for n, v in [("x", -5.0), ("y", -9.0), ("z", 3.0), ("w", -7.0)]
    ]  # fmt: skip
    assert [r["nickname"] for r in results.best_scenarios(q, answers)] == ["y", "w", "x"]
    assert results.metric_unit(q.metric) == "t CO2e/yr"
