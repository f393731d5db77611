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
from parkloop.school.sessions import CODE_ALPHABET, CODE_LENGTH, ClassError, Client


@pytest.fixture
def db(tmp_path: Path):
    store = classes.open_store(tmp_path / "store.sqlite")
    assert store is not None
    return store


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "shared.sqlite"


def device(name: str = "phone-0") -> Client:
    """A browser's device token (``secrets.token_urlsafe`` in the page): one per phone in these tests."""
    return Client(device=f"device-token-{name}")


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


def test_join_with_a_typed_code_and_rejoin_on_the_same_device(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "en")
    typed = " " + session.code.lower()[:3] + "-" + session.code.lower()[3:]
    joined, student, name, word = classes.join(db, typed, "  Panda  ", device())
    assert joined.id == session.id and name == "Panda" and word and len(word) == 4
    again = classes.join(db, session.code, "panda", device())
    assert again.student == student, "the same nickname (any case) on the same device is the same student"
    assert again.rejoin_word is None, "the rejoin word is shown at the first join only"
    assert classes.participants(db, session.id) == ["Panda"]


def test_answers_are_idempotent(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    student = classes.join(db, session.code, "7", device("7")).student
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
            sid = classes.join(db, session.code, f"seat {number}", device(f"seat {number}")).student
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


@pytest.mark.parametrize(
    "typed",
    ["", "   ", "\u200b\u0007", None, "13812345678", "学号 2024 0101", "138-0013-8000", "(010) 6512.3456",
     "１３８—００１３", "一三八零零一三"],
)  # fmt: skip
def test_empty_or_number_like_nicknames_are_refused(typed) -> None:
    with pytest.raises(ClassError):
        classes.sanitize_nickname(typed)


def test_csv_has_nicknames_and_answers_only_and_no_formulas(db) -> None:
    session, _ = classes.start_session(db, "carbon-ledger", "en")
    hostile = ["=cmd|' /C calc'!A0", "+SUM(A1)", "-2+3", "@import", "<b>bold</b>"]
    for name in hostile:
        sid = classes.join(db, session.code, name, device(name)).student
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


def test_failed_joins_are_limited_per_device_and_never_hold_up_another_device(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    wrong = "ABCDEF" if session.code != "ABCDEF" else "ABCDEG"
    guesser = device("guesser")
    limit = classes.JOIN_DEVICE.limit
    for _ in range(limit):
        with pytest.raises(ClassError, match="code"):
            classes.join(db, wrong, "x", guesser, now=1000.0)
    with pytest.raises(ClassError, match="rate-limited") as refused:
        classes.join(db, session.code, "guesser", guesser, now=1001.0)  # its own right code waits too
    assert refused.value.wait_s == pytest.approx(classes.JOIN_DEVICE.window_s - 1)
    honest = classes.join(db, session.code, "honest", device("honest"), now=1001.0)
    assert honest.nickname == "honest", "another device joins at once"
    later = 1000.0 + classes.JOIN_DEVICE.window_s + 1
    assert classes.join(db, session.code, "guesser", guesser, now=later).nickname == "guesser"


def test_the_limit_is_shared_by_every_process_through_the_store(path: Path) -> None:
    first, second = classes.open_store(path), classes.open_store(path)  # two server processes
    session, _ = classes.start_session(first, "four-bins", "zh")
    guesser = device("guesser")
    for n in range(classes.JOIN_DEVICE.limit):
        store = first if n % 2 else second
        with pytest.raises(ClassError, match="code"):
            classes.join(store, "ZZZZZZ", "x", guesser)
    for store in (first, second):
        with pytest.raises(ClassError, match="rate-limited"):
            classes.join(store, session.code, "x", guesser)


def test_a_network_address_is_limited_too_when_cookies_are_dropped(db) -> None:
    """A script that makes a new device for every guess is held up by its address; other addresses and
    the same address's right codes after the window are not."""
    session, _ = classes.start_session(db, "four-bins", "zh")
    limit = classes.JOIN_NETWORK.limit
    for n in range(limit):
        with pytest.raises(ClassError, match="code"):
            classes.join(db, "ZZZZZZ", "x", Client(f"script-{n}", "203.0.113.9"), now=5000.0)
    with pytest.raises(ClassError, match="rate-limited"):
        classes.join(db, session.code, "x", Client("script-new", "203.0.113.9"), now=5001.0)
    assert classes.join(db, session.code, "elsewhere", Client("p", "198.51.100.7"), now=5001.0)
    stored = {row["client"] for row in db.query(f"SELECT client FROM {classes.LIMITS_TABLE}")}
    assert not any("203.0.113.9" in c or "script" in c for c in stored), "only keyed hashes are kept"


def test_the_address_counted_is_the_connections_or_the_one_caddy_forwards() -> None:
    assert classes.client_address("203.0.113.9", ["10.0.0.1"]) == "203.0.113.9", "no proxy: its own"
    assert classes.client_address(None, ["203.0.113.9"]) == "203.0.113.9"  # behind make serve's Caddy
    assert classes.client_address(None, ["6.6.6.6, 203.0.113.9"]) == "203.0.113.9"
    assert classes.client_address(None, []) is None, "this machine (a kiosk, a developer)"


def test_a_wrong_rejoin_word_counts_as_a_failure(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    classes.join(db, session.code, "seat 3", device("owner"))
    thief = device("thief")
    for _ in range(classes.JOIN_DEVICE.limit):
        with pytest.raises(ClassError, match="rejoin-word"):
            classes.join(db, session.code, "seat 3", thief, rejoin_word="AAAA")
    with pytest.raises(ClassError, match="rate-limited"):
        classes.join(db, session.code, "seat 3", thief, rejoin_word="AAAA")


def test_successful_joins_do_not_use_up_the_limit(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    shared_tablet = device("tablet")
    for n in range(40):
        classes.join(db, session.code, f"seat {n}", shared_tablet)
    assert len(classes.participants(db, session.id)) == 40


def test_a_taken_nickname_needs_the_rejoin_word_on_another_device(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    first = classes.join(db, session.code, "seat 3", device("phone"))
    classes.save_answer(db, session.id, first.student, "battery", "pre", choice="c")
    for variant in ("seat 3", "SEAT 3", "ｓｅａｔ　３", "seat\u00a03", "seat3", " Seat  3 "):
        with pytest.raises(ClassError, match="nickname-taken"):
            classes.join(db, session.code, variant, device("classmate"))
    with pytest.raises(ClassError, match="rejoin-word"):
        classes.join(db, session.code, "seat 3", device("classmate"), rejoin_word="ZZZZ")
    assert classes.is_member(db, session.id, first.student, "device-token-phone")
    assert classes.student_answers(db, session.id, first.student)[("battery", "pre")]["choice"] == "c"
    word = first.rejoin_word.lower()[:2] + "-" + first.rejoin_word.lower()[2:]  # typed loosely
    tablet = classes.join(db, session.code, "Seat 3", device("tablet"), rejoin_word=word)
    assert tablet.student == first.student and tablet.nickname == "seat 3"
    assert classes.is_member(db, session.id, first.student, "device-token-tablet")
    assert not classes.is_member(db, session.id, first.student, "device-token-phone"), "the record moved"
    assert classes.participants(db, session.id) == ["seat 3"]


def test_look_alike_nicknames_are_flagged_not_merged(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    names = ["seat 3", "sеat 3", "5eat-3", "panda", "熊猫"]  # the second has a Cyrillic е
    for n, name in enumerate(names):
        classes.join(db, session.code, name, device(str(n)))
    assert classes.participants(db, session.id) == names
    assert classes.lookalikes(db, session.id) == [["seat 3", "sеat 3", "5eat-3"]]
    assert classes.nickname_key("Ｓｅａｔ\u3000３") == classes.nickname_key("seat3")
    assert classes.lookalike_key("pаndа") == classes.lookalike_key("panda")


def test_a_class_is_capped(db, monkeypatch) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    monkeypatch.setenv("PARKLOOP_CLASS_MAX_STUDENTS", "3")
    for n in range(3):
        classes.join(db, session.code, f"seat {n}", device(str(n)))
    with pytest.raises(ClassError, match="full"):
        classes.join(db, session.code, "seat 9", device("9"))
    assert classes.join(db, session.code, "seat 1", device("1")).nickname == "seat 1", "members rejoin"


def test_starting_sessions_is_limited_per_client(db) -> None:
    teacher = device("teacher")
    for _ in range(classes.START_DEVICE.limit):
        classes.start_session(db, "four-bins", "zh", now=100.0, client=teacher)
    with pytest.raises(ClassError, match="start-limited"):
        classes.start_session(db, "four-bins", "zh", now=101.0, client=teacher)
    assert classes.start_session(db, "four-bins", "zh", now=101.0, client=device("colleague"))
    classes.start_session(
        db, "four-bins", "zh", now=100.0 + classes.START_DEVICE.window_s + 1, client=teacher
    )


def test_a_stale_tab_cannot_change_the_phase_behind_the_teacher(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    assert classes.set_phase(db, session.id, "onsite", expected="pre")
    assert not classes.set_phase(db, session.id, "pre", expected="pre"), "the other tab saw 'pre'"
    assert classes.get_session(db, session.id).phase == "onsite"
    assert classes.set_phase(db, session.id, "ended", expected="onsite")
    assert not classes.set_phase(db, session.id, "pre", expected="onsite")
    assert classes.get_session(db, session.id).phase == "ended"


def test_ended_sessions_refuse_joins_and_answers(db) -> None:
    session, _ = classes.start_session(db, "four-bins", "zh")
    sid = classes.join(db, session.code, "fox", device("fox")).student
    classes.set_phase(db, session.id, "ended")
    with pytest.raises(ClassError, match="code"):
        classes.join(db, session.code, "late", device())
    with pytest.raises(ClassError, match="closed"):
        classes.save_answer(db, session.id, sid, "battery", "post", choice="c")


def test_delete_removes_everything(db) -> None:
    keep, _ = classes.start_session(db, "four-bins", "zh")
    gone, _ = classes.start_session(db, "four-bins", "zh")
    for session in (keep, gone):
        sid = classes.join(db, session.code, "owl", device("owl")).student
        classes.save_answer(db, session.id, sid, "battery", "pre", choice="c")
    classes.delete_session(db, gone.id)
    for table in ("class_sessions", "class_students", "class_answers"):
        column = "id" if table == "class_sessions" else "session_id"
        assert list(db.query(f"SELECT * FROM {table} WHERE {column} = ?", [gone.id])) == []
        assert list(db.query(f"SELECT * FROM {table} WHERE {column} = ?", [keep.id]))


def test_retention_counts_from_the_last_activity(db) -> None:
    day = 86400.0
    course, _ = classes.start_session(db, "four-bins", "zh", now=1000 * day)
    idle, _ = classes.start_session(db, "four-bins", "zh", now=1000 * day)
    new, _ = classes.start_session(db, "four-bins", "zh", now=1025 * day)
    sid = classes.join(db, course.code, "cat", device("cat"), now=1000 * day).student
    classes.save_answer(db, course.id, sid, "battery", "pre", choice="c", now=1000 * day)
    classes.set_phase(db, course.id, "post", now=1020 * day)  # the post-visit quiz, weeks later
    assert classes.deletion_time(classes.get_session(db, course.id), 30) == 1050 * day
    assert classes.prune(db, retention_days=30, now=1029 * day) == 0
    assert classes.prune(db, retention_days=30, now=1031 * day) == 1, "the idle one"
    assert classes.get_session(db, idle.id) is None and classes.get_session(db, course.id) is not None
    classes.save_answer(db, course.id, sid, "battery", "post", choice="c", now=1040 * day)
    assert classes.prune(db, retention_days=30, now=1069 * day) == 1, "the one started on day 1025"
    assert classes.get_session(db, new.id) is None
    assert classes.get_session(db, course.id) is not None, "its last answer (day 1040) keeps it"
    assert classes.prune(db, retention_days=30, now=1071 * day) == 1
    assert classes.get_session(db, course.id) is None
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
