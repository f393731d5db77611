"""The teacher's dashboard and a student's page: the numbers (hand-computed) and their words."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from parkloop.content import CJK_ALLOWLIST, t, tn
from parkloop.i18n import contains_cjk
from parkloop.school import dashboard, results
from parkloop.school.lessons import Slider, get_module
from tests.school.test_classes import _answers as answers

# four-bins, question "battery" (answer c): 1 of 4 students right before the visit, 3 of 4 after
BATTERY = [(student, "battery", "pre", choice) for student, choice in zip("abcd", "aacd", strict=True)] + [
    (student, "battery", "post", choice) for student, choice in zip("abcd", "ccca", strict=True)
]


# ----------------------------------------------------------------------------------------------
# numbers
# ----------------------------------------------------------------------------------------------
def test_top_choice_is_the_most_chosen_first_on_a_tie() -> None:
    assert results.top_choice({"a": 2, "b": 0, "c": 1, "d": 1}) == ("a", 4, 0.5)
    assert results.top_choice({"a": 1, "b": 1}) == ("a", 2, 0.5)
    assert results.top_choice({"a": 0, "b": 0}) is None


def test_mean_gain_counts_only_questions_answered_before_and_after() -> None:
    gains = [{"gain_points": 50.0}, {"gain_points": None}, {"gain_points": -10.0}]
    assert results.mean_gain(gains) == (2, pytest.approx(20.0))
    assert results.mean_gain([{"gain_points": None}]) is None
    assert results.mean_gain([]) is None


def test_unanswered_and_where_a_slider_starts() -> None:
    assert results.unanswered({"q1": "a", "q2": None, "q3": None}) == 2
    assert results.unanswered({}) == 0
    slider = Slider("solar.kwp", min=0.0, max=10.0, step=1.0, default=4.0)
    assert results.slider_start(slider, {}) == 4.0
    assert results.slider_start(slider, {"solar.kwp": 7}) == 7.0
    assert results.slider_start(slider, {"solar.kwp": 99}) == 10.0  # a saved value outside the range
    assert results.slider_start(slider, {"solar.kwp": -3}) == 0.0
    assert results.slider_start(slider, "junk") == 4.0


# ----------------------------------------------------------------------------------------------
# words
# ----------------------------------------------------------------------------------------------
def test_phases_and_links() -> None:
    assert [dashboard.question_use(p) for p in ("pre", "onsite", "post")] == ["quiz", "onsite", "quiz"]
    assert dashboard.shown_phase("ended") == "post" and dashboard.shown_phase("onsite") == "onsite"
    join = urlsplit(dashboard.join_url("https://park.example", "AB12CD", "en"))
    assert (join.netloc, join.path, parse_qs(join.query)) == (
        "park.example",
        "/join",
        {"code": ["AB12CD"], "lang": ["en"]},
    )
    teacher = dashboard.teacher_url("", "sid", "a&b=c", "zh")
    assert teacher.startswith("/teacher?") and parse_qs(urlsplit(teacher).query)["k"] == ["a&b=c"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_questions_bars_and_sentence(lang: str) -> None:
    module = get_module("four-bins")
    battery = module.question("battery")
    dist = results.distribution(battery, answers(BATTERY), "pre")
    rows = dashboard.distribution_rows(battery, dist)
    assert [(r["option"], r["count"], r["correct"]) for r in rows] == [
        ("a", 2, False),
        ("b", 0, False),
        ("c", 1, True),
        ("d", 1, False),
    ]
    summary = dashboard.distribution_summary(battery, dist, lang)
    assert summary == t("classes.teacher.summary", lang, count=4, option="a", share="50%", answer="c")
    assert dashboard.distribution_summary(battery, {o: 0 for o in dist}, lang) is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_before_after_table_and_its_sentence(lang: str) -> None:
    module = get_module("four-bins")
    gains = results.gain(module, answers(BATTERY))
    rows = dashboard.gain_rows(module, gains, lang)
    assert len(rows) == len(module.questions_for("quiz"))
    number = next(i for i, g in enumerate(gains) if g["question"] == "battery")
    row = rows[number]
    assert row["#"] == f"{number + 1}. {module.prompt('battery', lang)}"
    assert row[t("classes.teacher.gain_pre", lang)] == "25%"
    assert row[t("classes.teacher.gain_post", lang)] == "75%"
    assert row[t("classes.teacher.gain_points", lang)] == "+50"
    others = [r for i, r in enumerate(rows) if i != number]
    assert all(r[t("classes.teacher.gain_points", lang)] == "—" for r in others)
    assert dashboard.gain_summary(gains, lang) == tn(
        "classes.teacher.gain_summary", 1, lang, count=1, points="+50"
    )
    assert dashboard.gain_summary(results.gain(module, []), lang) is None
    if lang == "en":
        words = " ".join(v for r in rows for k, v in r.items() if k != "#")
        assert contains_cjk(words, CJK_ALLOWLIST) == []


def test_best_states_and_the_csv_columns() -> None:
    module = get_module("carbon-ledger")
    q = next(q for q in module.questions if q.kind == "model")
    params = {s.key: s.default for s in q.sliders}
    lines = dashboard.best_slider_lines(q, params, "en").splitlines()
    assert len(lines) == len(q.sliders)
    assert lines[0].startswith(f"- {t(f'classes.slider.{q.sliders[0].key}', 'en')}: ")
    columns = dashboard.csv_columns(module)
    quiz = [q.id for q in module.questions_for("quiz")]
    onsite = [q.id for q in module.questions_for("onsite")]
    assert columns == [(qid, "pre") for qid in quiz] + [(qid, "onsite") for qid in onsite] + [
        (qid, "post") for qid in quiz
    ]
