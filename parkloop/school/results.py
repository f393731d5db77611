"""What the teacher's dashboard and a student's page compute from answers (pure: no Streamlit, no store).

The dashboard's functions take the module and the rows of :func:`parkloop.school.sessions.all_answers`;
the words around the numbers are :mod:`parkloop.school.dashboard`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from parkloop.school.lessons import Module, Question, Slider, meets_constraints


def _rows(answers: list[dict[str, Any]], qid: str, phase: str) -> list[dict[str, Any]]:
    return [a for a in answers if a["question"] == qid and a["phase"] == phase]


def distribution(question: Question, answers: list[dict[str, Any]], phase: str) -> dict[str, int]:
    """How many students chose each option of a choice question in ``phase`` (every option listed)."""
    counts = Counter(
        a["choice"] for a in _rows(answers, question.id, phase) if a["choice"] in question.options
    )
    return {option: counts.get(option, 0) for option in question.options}


def common_wrong(
    module: Module, answers: list[dict[str, Any]], phase: str, top: int = 3
) -> list[dict[str, Any]]:
    """The most chosen wrong answers of ``phase``: [{question, option, count, total}], most first."""
    found: list[dict[str, Any]] = []
    for q in module.questions:
        if q.kind != "choice":
            continue
        dist = distribution(q, answers, phase)
        total = sum(dist.values())
        for option, count in dist.items():
            if option != q.answer and count:
                found.append({"question": q.id, "option": option, "count": count, "total": total})
    found.sort(key=lambda r: (-r["count"], r["question"], r["option"]))
    return found[:top]


def best_scenarios(question: Question, answers: list[dict[str, Any]], top: int = 3) -> list[dict[str, Any]]:
    """The class's best model states for a model question: [{nickname, value, params}], best first.
    Only states that keep the question's constraints count (checked again from the saved sliders, so a
    corner that breaks a rule never wins). Equal values keep the first student who found them."""
    rows = [a for a in _saved_states(question, answers) if meets_constraints(question, a["params"] or {})]
    reverse = question.goal == "max"
    rows.sort(key=lambda a: a["value"], reverse=reverse)
    return [{"nickname": a["nickname"], "value": a["value"], "params": a["params"] or {}} for a in rows[:top]]


def broken_states(question: Question, answers: list[dict[str, Any]]) -> int:
    """How many saved states of a model question break one of its constraints (left out of the best)."""
    return sum(
        1 for a in _saved_states(question, answers) if not meets_constraints(question, a["params"] or {})
    )


def _saved_states(question: Question, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [a for a in _rows(answers, question.id, "onsite") if a["value"] is not None]


def _choices_by_student(answers: list[dict[str, Any]], qid: str, phase: str) -> dict[Any, str | None]:
    return {a["student_id"]: a["choice"] for a in _rows(answers, qid, phase)}


def gain(module: Module, answers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per quiz question: share correct before and after the visit **among the same students** (paired by
    student record: only students who answered the question in both phases count) and the gain in
    percentage points. ``n_pre``/``n_post`` count everyone who answered; ``n_paired`` those compared.
    A share is None while no student has answered in both phases."""
    out = []
    for q in module.questions_for("quiz"):
        pre = _choices_by_student(answers, q.id, "pre")
        post = _choices_by_student(answers, q.id, "post")
        paired = [student for student in pre if student in post]
        shares: dict[str, float | None] = {"pre": None, "post": None}
        if paired:
            shares["pre"] = sum(pre[s] == q.answer for s in paired) / len(paired)
            shares["post"] = sum(post[s] == q.answer for s in paired) / len(paired)
        change = None if not paired else 100 * (shares["post"] - shares["pre"])
        out.append(
            {
                "question": q.id,
                "pre": shares["pre"],
                "post": shares["post"],
                "gain_points": change,
                "n_pre": len(pre),
                "n_post": len(post),
                "n_paired": len(paired),
            }
        )
    return out


def paired_students(answers: list[dict[str, Any]]) -> int:
    """How many students answered some quiz question both before and after the visit (the students the
    before/after comparison is about)."""
    before = {a["student_id"] for a in answers if a["phase"] == "pre"}
    after = {a["student_id"] for a in answers if a["phase"] == "post"}
    return len(before & after)


def top_choice(dist: Mapping[str, int]) -> tuple[str, int, float] | None:
    """The most chosen option of a :func:`distribution`, how many answered, and its share [0–1]; the first
    option on a tie; ``None`` while nobody has answered."""
    total = sum(dist.values())
    if not total:
        return None
    top = max(dist, key=lambda option: dist[option])
    return top, total, dist[top] / total


def mean_gain(gains: list[dict[str, Any]]) -> tuple[int, float] | None:
    """How many questions have answers both before and after, and their mean gain [percentage points];
    ``None`` while no question has both."""
    both = [g["gain_points"] for g in gains if g["gain_points"] is not None]
    return (len(both), sum(both) / len(both)) if both else None


def unanswered(picked: Mapping[str, str | None]) -> int:
    """How many of a student's choice questions are still without an answer."""
    return sum(1 for choice in picked.values() if choice is None)


def slider_start(slider: Slider, previous: Any) -> float:
    """Where a model question's slider starts: the student's saved value (``previous``: the saved
    ``params``, any shape), kept inside the slider's range, else the slider's default."""
    start = float(previous.get(slider.key, slider.default)) if isinstance(previous, dict) else slider.default
    return min(max(start, slider.min), slider.max)


def answered_count(answers: list[dict[str, Any]], phase: str) -> int:
    """How many students have answered at least one question in ``phase``."""
    return len({a["student_id"] for a in answers if a["phase"] == phase})


_UNITS: tuple[tuple[str, str], ...] = (
    ("_kg_co2e_per_t_waste", "kg CO2e/t"),
    ("_t_co2e_per_year", "t CO2e/yr"),
    ("_kwh_per_year", "kWh/yr"),
    ("_m3_per_year", "m3/yr"),
    ("_nm3_per_year", "Nm3/yr"),
    ("_t_per_year", "t/yr"),
)


def metric_unit(metric: str) -> str:
    """The unit of a model metric from its name's suffix (the model puts units in names)."""
    for suffix, unit in _UNITS:
        if metric.endswith(suffix):
            return unit
    return ""
