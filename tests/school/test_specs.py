"""Every lesson module against the schema, in both languages; broken specs give one-line named errors;
quiz facts agree with the model and the plan."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from parkloop.content import CONTENT_DIR, check_content, has_key
from parkloop.pages import BY_SLUG
from parkloop.school.lessons import (
    CURRICULUM,
    GRADE_BANDS,
    LESSONS_DIR,
    LessonError,
    check_lessons,
    load_module,
    load_modules,
    model_value,
    module_folders,
)

MODULES = load_modules()
FOLDERS = module_folders()


def test_no_problems_in_the_shipped_modules() -> None:
    assert check_lessons() == []


def test_every_band_and_the_topics_are_covered() -> None:
    assert {m.grade_band for m in MODULES} == set(GRADE_BANDS)
    assert len(MODULES) >= 6
    exhibits = {slug for m in MODULES for slug in m.exhibits}
    # sorting, where garbage goes, energy, carbon, water, materials, systems view / targets
    assert {"sorting", "park", "power", "biogas", "system", "water", "materials", "targets"} <= exhibits


@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_module_schema(module) -> None:
    assert module.grade_band in GRADE_BANDS
    assert 60 <= module.duration_min <= 240
    assert module.objectives and module.curriculum
    assert set(module.curriculum) <= set(CURRICULUM)
    assert all(slug in BY_SLUG for slug in module.exhibits)
    assert all(p.exhibit in BY_SLUG for p in module.presets.values())
    assert {s.phase for s in module.steps} == {"pre", "onsite", "post"}
    assert sum(s.minutes + s.walk_min for s in module.steps if s.phase == "onsite") == module.duration_min
    assert module.tasks and 3 <= len(module.rubric) <= 4
    assert module.questions_for("quiz") and module.questions_for("onsite")
    for q in module.questions:
        if q.kind == "choice":
            assert q.answer in q.options


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("module", MODULES, ids=lambda m: m.id)
def test_texts_in_both_languages(module, lang: str) -> None:
    assert module.title(lang) and module.text("summary", lang) and module.text("worksheet", lang)
    for q in module.questions:
        assert module.prompt(q.id, lang)
        assert module.text(f"why.{q.id}", lang)
        if q.kind == "choice":
            assert tuple(module.option_texts(q.id, lang)) == q.options  # the key matches the printed options
    for code in module.curriculum:
        assert has_key(f"lessons.curriculum.{code}", lang)
    assert has_key(f"lessons.band.{module.grade_band}", lang)


def test_lesson_content_passes_the_content_check() -> None:
    mine = [p for p in check_content() if "/lessons/" in p or "lessons.po" in p or "classes.po" in p]
    assert mine == []


def test_model_questions_respond_to_their_sliders() -> None:
    """A model question whose sliders did not move its metric would be a question without an answer."""
    for module in MODULES:
        for q in (q for q in module.questions if q.kind == "model"):
            low = model_value(q, {s.key: s.min for s in q.sliders})
            high = model_value(q, {s.key: s.max for s in q.sliders})
            assert low != high, f"{module.id}/{q.id}"


# ----------------------------------------------------------------------------------------------
# broken specs
# ----------------------------------------------------------------------------------------------
@pytest.fixture
def scratch(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of one module (spec + both texts) to break."""
    lessons, content = tmp_path / "lessons", tmp_path / "content"
    shutil.copytree(LESSONS_DIR / "four-bins", lessons / "four-bins")
    for lang in ("zh", "en"):
        (content / lang / "lessons").mkdir(parents=True)
        shutil.copy(CONTENT_DIR / lang / "lessons" / "four-bins.md", content / lang / "lessons")
    return lessons, content


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('grade_band = "1-2"', 'grade_band = "13"', "module.grade_band"),
        ('answer = "c"', 'answer = "e"', "question battery: answer"),
        ('exhibits = ["sorting", "my-garbage", "park",', 'exhibits = ["sorting", "zoo",', "'zoo'"),
        ('curriculum = ["sci-materials"', 'curriculum = ["astrology"', "unknown code 'astrology'"),
        ('preset = "park-map"', 'preset = "nowhere"', "preset"),
        ("objectives = [", "objectivez = [", "module.objectives"),
        (
            'minutes = 22\nwalk_min = 2\nexhibit = "sorting"',
            'minutes = 23\nwalk_min = 2\nexhibit = "sorting"',
            "on-site steps and walks add up to 91",
        ),
        ('station = "sorting"\n\n[[step]]', 'station = "nowhere"\n\n[[step]]', "no tour station 'nowhere'"),
        ('kind = "checklist"', 'kind = "crossword"', "task t-sort: kind: 'crossword'"),
        ('"habit", "together"]', '"habit", "together", "x", "y"]', "a rubric has 3 or 4"),
        ('answer = ["food"]', 'answer = ["lunch"]', "task t-circle: answer"),
    ],
)
def test_a_broken_spec_names_file_and_key(scratch, old: str, new: str, expected: str) -> None:
    lessons, content = scratch
    _edit(lessons / "four-bins" / "lesson.toml", old, new)
    with pytest.raises(LessonError) as info:
        load_module(lessons / "four-bins", content)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith("four-bins/lesson.toml")
    assert expected in message


def test_missing_english_section_is_named(scratch) -> None:
    lessons, content = scratch
    _edit(
        content / "en" / "lessons" / "four-bins.md", "<!-- section: why.peel -->", "<!-- section: why.pel -->"
    )
    with pytest.raises(LessonError, match=r"content/en/lessons/four-bins.md: section why.peel"):
        load_module(lessons / "four-bins", content)


def test_options_that_do_not_match_the_key_are_named(scratch) -> None:
    lessons, content = scratch
    _edit(
        content / "zh" / "lessons" / "four-bins.md",
        "- d: 灰色桶，其他垃圾\n\n<!-- section: why.battery",
        "\n<!-- section: why.battery",
    )
    with pytest.raises(LessonError, match=r"zh/lessons/four-bins.md: section q.battery: options"):
        load_module(lessons / "four-bins", content)


def test_check_lessons_reports_instead_of_raising(scratch) -> None:
    lessons, content = scratch
    _edit(lessons / "four-bins" / "lesson.toml", 'answer = "c"', 'answer = "z"')
    problems = check_lessons(lessons, content)
    assert any("four-bins/lesson.toml: question battery: answer" in p for p in problems)


def _copy_module(tmp_path: Path, mid: str) -> tuple[Path, Path]:
    lessons, content = tmp_path / "lessons", tmp_path / "content"
    shutil.copytree(LESSONS_DIR / mid, lessons / mid)
    for lang in ("zh", "en"):
        (content / lang / "lessons").mkdir(parents=True)
        shutil.copy(CONTENT_DIR / lang / "lessons" / f"{mid}.md", content / lang / "lessons")
    return lessons, content


def test_a_wrong_fact_fails_the_check(tmp_path: Path) -> None:
    """An answer key that disagrees with the plan is caught (here: 59 % water reuse instead of 95 %)."""
    lessons, content = _copy_module(tmp_path, "water-and-stone")
    _edit(lessons / "water-and-stone" / "lesson.toml", "value = 95\n", "value = 59\n")
    problems = check_lessons(lessons, content)
    assert any("fact[0] (question water-target)" in p and "59" in p for p in problems), problems


def test_a_second_plan_figure_in_a_quiz_is_refused(tmp_path: Path) -> None:
    lessons, content = _copy_module(tmp_path, "water-and-stone")
    spec = lessons / "water-and-stone" / "lesson.toml"
    spec.write_text(
        spec.read_text(encoding="utf-8")
        + '\n[[fact]]\nquestion = "fine"\nsource = "target"\ntarget = "capacity"\nvalue = 3000\n',
        encoding="utf-8",
    )
    with pytest.raises(LessonError, match="quiz asks 2 plan figures"):
        load_module(lessons / "water-and-stone", content)


def test_a_task_item_without_words_is_named(scratch) -> None:
    lessons, content = scratch
    _edit(content / "zh" / "lessons" / "four-bins.md", "- to-hazard: 专门的处理厂：安全处理\n", "")
    with pytest.raises(LessonError, match=r"zh/lessons/four-bins.md: section task.t-journey"):
        load_module(lessons / "four-bins", content)


def test_a_missing_rubric_level_is_named(scratch) -> None:
    lessons, content = scratch
    _edit(content / "en" / "lessons" / "four-bins.md", "- partly: Draws a habit but cannot say why\n", "")
    with pytest.raises(LessonError, match=r"en/lessons/four-bins.md: section rubric.habit"):
        load_module(lessons / "four-bins", content)


def test_every_shipped_folder_is_a_module() -> None:
    assert {f.name for f in FOLDERS} == {m.id for m in MODULES}
