"""Model challenges with real trade-offs (issue 17 §3): every model question has a rule (a constraint)
so that no corner of its sliders wins, and the class's best states only count states that keep it."""

from __future__ import annotations

import itertools

import pytest

from parkloop.content import t
from parkloop.school import dashboard, results
from parkloop.school.lessons import (
    LessonError,
    Question,
    _parse_constraint,
    get_module,
    load_modules,
    meets_constraints,
    model_checks,
    model_value,
)

CHALLENGES = [(m, q) for m in load_modules() for q in m.questions if q.kind == "model"]
LEVELS = 7  # grid points per slider: min, five in between (on the slider's steps), max; and the default


def _levels(slider) -> list[float]:
    steps = round((slider.max - slider.min) / slider.step)
    grid = {slider.min + slider.step * round(steps * i / (LEVELS - 1)) for i in range(LEVELS)}
    return sorted(grid | {slider.default})


def _better(q: Question, a: float, b: float) -> bool:
    return a > b if q.goal == "max" else a < b


def _grid(q: Question):
    for values in itertools.product(*(_levels(s) for s in q.sliders)):
        params = {s.key: v for s, v in zip(q.sliders, values, strict=True)}
        corner = all(v in (s.min, s.max) for s, v in zip(q.sliders, values, strict=True))
        yield params, corner, model_value(q, params), meets_constraints(q, params)


def test_there_are_model_challenges() -> None:
    assert {m.id for m, _ in CHALLENGES} == {"carbon-ledger", "food-to-fuel", "park-as-system"}


@pytest.mark.parametrize(("module", "q"), CHALLENGES, ids=[f"{m.id}/{q.id}" for m, q in CHALLENGES])
def test_no_corner_wins(module, q: Question) -> None:
    """Without the rule the best state is one the rule forbids (the trap: e.g. burn less, or give up the
    steam); with it, a state inside the sliders' ranges beats every corner that keeps the rule, and the
    corners that break it do not count."""
    assert q.constraints, "a challenge without a rule is won by a corner"
    assert meets_constraints(q, {}), "the starting state (the sliders' defaults) keeps the rule"
    grid = list(_grid(q))
    best_any = grid[0]
    for row in grid:
        if _better(q, row[2], best_any[2]):
            best_any = row
    assert not best_any[3], f"the rule changes nothing: the best state {best_any[0]} keeps it anyway"
    kept = [row for row in grid if row[3]]
    best = kept[0]
    for row in kept:
        if _better(q, row[2], best[2]):
            best = row
    corners = [row for row in kept if row[1]]
    assert not best[1], f"the best state that keeps the rule is a corner: {best[0]}"
    assert all(_better(q, best[2], c[2]) for c in corners), "it beats every corner that keeps the rule"
    start = model_value(q, {})
    assert _better(q, best[2], start), "and there is something to find: it beats the starting state"


def _saved(q: Question, nickname: str, params: dict[str, float]) -> dict:
    return {"nickname": nickname, "student_id": nickname, "question": q.id, "phase": "onsite",
            "choice": None, "params": params, "value": model_value(q, params)}  # fmt: skip


def test_a_state_that_breaks_the_rule_never_tops_the_class() -> None:
    module, q = next((m, q) for m, q in CHALLENGES if q.id == "most-co2")
    burn_less = {"incineration.tonnes_per_day": 1600.0}  # lowest net emissions, by turning garbage away
    steam = {"incineration.export_steam_t_per_year": 130000.0, "solar.kwp": 2000.0}
    answers = [_saved(q, "corner", burn_less), _saved(q, "steam", steam), _saved(q, "start", {})]
    assert answers[0]["value"] < answers[1]["value"] < answers[2]["value"]
    best = results.best_scenarios(q, answers)
    assert [row["nickname"] for row in best] == ["steam", "start"]
    assert results.broken_states(q, answers) == 1
    check = model_checks(q, burn_less)[0]
    assert not check.ok and check.value < check.limit


def test_rules_read_in_both_languages() -> None:
    for _, q in CHALLENGES:
        for lang in ("zh", "en"):
            lines = dashboard.constraint_lines(q, lang)
            assert len(lines) == len(q.constraints) and all(lines)
            (ok, line), *_ = dashboard.check_lines(model_checks(q, {}), lang)
            assert ok and line.startswith("✓")
    q = next(q for _, q in CHALLENGES if q.id == "most-co2")
    (ok, line), *_ = dashboard.check_lines(model_checks(q, {"incineration.tonnes_per_day": 1600}), "zh")
    assert not ok and line.startswith("✗") and "不符合" in line


def test_a_garbled_saved_state_is_judged_from_the_defaults() -> None:
    _, q = CHALLENGES[0]
    assert meets_constraints(q, {s.key: "NaN" for s in q.sliders}) == meets_constraints(q, {})
    assert meets_constraints(q, "not a table") == meets_constraints(q, {})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "table",
    [
        {"metric": "totals.x"},
        {"metric": "totals.x", "at_least": 1, "at_most": 2},
        {"metric": "totals.x", "at_least": "plan"},
        {"metric": "totals.x", "at_most": True},
        "totals.x >= 1",
    ],
)
def test_a_bad_constraint_is_a_one_line_error(table) -> None:
    with pytest.raises(LessonError, match="constraints"):
        _parse_constraint(table, "lessons/x/lesson.toml: question q: constraints[0]")


def get_question(module_id: str, qid: str) -> Question:
    return get_module(module_id).question(qid)


def test_join_page_says_when_a_state_breaks_the_rule_and_the_dashboard_leaves_it_out(
    tmp_path, monkeypatch
) -> None:
    from parkloop.school import sessions as classes
    from tests.apptest import open_page

    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(tmp_path / "store.sqlite"))
    classes.JOIN_LIMIT.reset()
    db = classes.open_store(tmp_path / "store.sqlite")
    session, secret = classes.start_session(db, "carbon-ledger", "en")
    assert classes.set_phase(db, session.id, "onsite")
    student = open_page("parkloop/school/pages/join.py", {"lang": "en", "code": session.code})
    student.text_input[1].input("Fox")
    student.button(key="join-submit").click().run()
    assert not student.exception
    q = get_question("carbon-ledger", "most-co2")
    rule = dashboard.constraint_lines(q, "en")[0]
    assert rule in [m.value for m in student.markdown]
    assert [s.value for s in student.success if s.value.startswith("✓")], "the start keeps the rule"
    burn = next(s for s in student.slider if s.label == t("classes.slider.incineration.tonnes_per_day", "en"))
    burn.set_value(1600).run()
    assert [w.value for w in student.warning if w.value.startswith("✗")], "burning less breaks the rule"
    student.button(key=f"save-{session.id}-most-co2").click().run()
    assert not student.exception
    (saved,) = classes.all_answers(db, session.id)
    assert saved["params"]["incineration.tonnes_per_day"] == 1600 and saved["value"] < model_value(q, {})
    teacher = open_page("parkloop/school/pages/teacher.py", {"lang": "en", "s": session.id, "k": secret})
    assert not teacher.exception
    captions = " ".join(c.value for c in teacher.caption)
    assert t("classes.teacher.best_broken", "en", count=1) in captions
    assert not [m for m in teacher.metric if m.label == t("classes.teacher.best_value", "en")]
