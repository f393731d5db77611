"""The before/after comparison is of the same students (paired by student record), as the printed
guidance tells teachers, and the dashboard says how many are paired."""

from __future__ import annotations

import pytest

from parkloop.content import t, tn
from parkloop.school import dashboard, results
from parkloop.school.lessons import get_module

MODULE = get_module("four-bins")
Q = MODULE.question("battery")
WRONG = next(o for o in Q.options if o != Q.answer)


def rows(*answers: tuple[str, str, str]) -> list[dict]:
    """(student, phase, choice) → answer rows as sessions.all_answers gives them."""
    blank = {"params": None, "value": None, "question": Q.id}
    return [{**blank, "student_id": s, "nickname": s, "phase": p, "choice": c} for s, p, c in answers]


def battery(gains: list[dict]) -> dict:
    return next(g for g in gains if g["question"] == Q.id)


def test_only_students_who_answered_before_and_after_are_compared() -> None:
    answers = rows(
        ("s1", "pre", WRONG), ("s1", "post", Q.answer),  # learnt it
        ("s2", "pre", Q.answer), ("s2", "post", Q.answer),  # knew it
        ("s3", "pre", WRONG), ("s3", "pre", WRONG),  # absent after the visit
        ("s4", "post", Q.answer), ("s5", "post", Q.answer),  # absent before it
    )  # fmt: skip
    row = battery(results.gain(MODULE, answers))
    assert (row["n_pre"], row["n_post"], row["n_paired"]) == (3, 4, 2)
    assert row["pre"] == pytest.approx(0.5) and row["post"] == pytest.approx(1.0)
    assert row["gain_points"] == pytest.approx(50.0), "two groups would give 1/3 → 4/4, +67 points"
    assert results.paired_students(answers) == 2


def test_two_different_groups_show_no_gain_at_all() -> None:
    answers = rows(("a", "pre", WRONG), ("b", "pre", WRONG), ("c", "post", Q.answer), ("d", "post", Q.answer))
    row = battery(results.gain(MODULE, answers))
    assert row["n_paired"] == 0 and row["gain_points"] is None
    assert row["pre"] is None and row["post"] is None
    assert results.mean_gain(results.gain(MODULE, answers)) is None
    assert dashboard.gain_summary(results.gain(MODULE, answers), "en") is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_dashboard_says_how_many_students_are_paired(lang: str) -> None:
    answers = rows(("s1", "pre", WRONG), ("s1", "post", Q.answer), ("s2", "post", Q.answer))
    table = dashboard.gain_rows(MODULE, results.gain(MODULE, answers), lang)
    column = t("classes.teacher.gain_n", lang)
    number = [n for n, q in enumerate(MODULE.questions_for("quiz"), 1) if q.id == Q.id][0]
    assert table[number - 1][column] == "1"
    assert dashboard.gain_pairing(answers, lang) == tn("classes.teacher.gain_paired", 1, lang, paired=1)
