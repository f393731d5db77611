"""Social-classroom (社会大课堂) lesson modules: specs in ``lessons/<id>/lesson.toml``, words in
``content/<lang>/lessons/<id>.md``. No Streamlit here: pages, the PDF printer, the class sessions and the
``python -m parkloop check`` command all read modules through :func:`load_modules`.

A spec holds the structure a machine needs (grade band, curriculum codes, exhibits, presets, question ids,
answer keys, model sliders, the facts a quiz relies on); the Markdown holds every word, in sections::

    title, summary, objective.<id>, step.<id>, worksheet, teacher-notes, q.<id>, why.<id>,
    task.<id>, answer.<id>, rubric.<id>, support, extension

A choice question's section is its prompt followed by one line per option: ``- a: text``. A task's
section is its instruction followed by one line per item it names (``- peel: 香蕉皮``); the four bins
(``food``, ``recyclable``, ``hazardous``, ``residual``) need no line: they print as bin pictures with
their names. ``answer.<task>`` is the reference answer printed in the teacher's guide; ``rubric.<id>``
holds one criterion as ``- name:``, ``- met:``, ``- partly:``, ``- not-yet:`` lines (达成/基本达成/待提高).

On-site work is numbered once, in the order of the sheet: the tasks, then the on-site questions (现场1…);
the pre/post quiz after them (小测1…). :func:`numbering` gives the labels the sheet, the guide and the key
all print.

Why facts are in the spec: a quiz answer such as "the plan raises water reuse to 95%" must agree with the
model and the plan. ``[[fact]]`` entries name where the figure comes from (a model result, a scenario input
with plan provenance, or a Table 1-1 target) and :func:`check_lessons` recomputes them, so a changed model
or plan makes the check fail instead of leaving a wrong answer key in a printed worksheet.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from parkloop.content import CONTENT_DIR, markdown_sections
from parkloop.i18n import SUPPORTED_LANGS
from parkloop.model.tomlfile import DataFileError, read_toml

LESSONS_DIR = Path(__file__).resolve().parents[2] / "lessons"
SPEC_NAME = "lesson.toml"

GRADE_BANDS: tuple[str, ...] = ("1-2", "3-4", "5-6", "7-9", "10-12", "adult")
PHASES: tuple[str, ...] = ("pre", "onsite", "post")
STAGES: tuple[str, ...] = ("engage", "explore", "explain", "elaborate", "evaluate", "break")
"""The 5E stages, and ``break`` (toilets, water, a snack: not a 5E stage, but part of the timetable)."""
TASK_KINDS: tuple[str, ...] = ("match", "circle", "checklist", "draw", "table", "cer", "write")
"""How a worksheet task is printed: lines to match, pictures to circle, tick boxes, a drawing box, a
table to fill, a claim–evidence–reasoning frame, or lines to write on."""
BINS: tuple[str, ...] = ("food", "recyclable", "hazardous", "residual")
"""Beijing's four bins (green 厨余垃圾, blue 可回收物, red 有害垃圾, grey 其他垃圾): item ids that print
as bin pictures."""
LARGE_PRINT_BANDS: tuple[str, ...] = ("1-2",)
"""Bands whose sheets print large (15 pt) with pictures, and get a picture sheet with pinyin."""
RUBRIC_LEVELS: tuple[str, ...] = ("met", "partly", "not-yet")  # 达成 / 基本达成 / 待提高
RUBRIC_CRITERIA = (3, 4)
MAX_PLAN_FIGURES_IN_QUIZ = 1
"""A quiz is about ideas: at most one of its questions may ask for a figure of the plan."""
QUESTION_USES: tuple[str, ...] = ("quiz", "onsite")  # quiz: asked before and after the visit
QUESTION_KINDS: tuple[str, ...] = ("choice", "model")
ONSITE_MINUTES = (60, 240)  # a park visit is typically 90-120 min; half-day 研学 modules run longer

# 2022 compulsory-education standards, senior-high standards and national programmes a module can serve.
# Labels (both languages) are UI strings ``lessons.curriculum.<code>``.
CURRICULUM: tuple[str, ...] = (
    "sci-materials",  # 科学 1–2: common materials; the Earth as a shared home
    "sci-energy-forms",  # 科学 3–4: forms of energy; saving natural resources
    "sci-energy-conversion",  # 科学 5–6 / core concept 4: energy conversion; material change
    "sci-human-environment",  # 科学 core concept 11: human activity and the environment
    "sci-engineering",  # 科学 core concepts 12–13: technology, engineering, design
    "labour-daily",  # 劳动: cleaning and tidying (sorting at home)
    "labour-industry",  # 劳动: industrial production, new technology
    "labour-service",  # 劳动: public-interest labour and volunteering
    "morality-law",  # 道德与法治: rules of public life, Beijing's regulations
    "geo-people-land",  # 地理 7–9: people and environment, urban resources
    "chem-combustion",  # 化学 主题三: combustion conditions, mass conservation
    "chem-society",  # 化学 主题五: chemistry and society, interdisciplinary practice
    "interdisciplinary",  # 跨学科主题学习 (≥ 10 % of every subject's hours)
    "practice",  # 综合实践活动: investigation, service, design
    "hs-geo-resources",  # 高中地理 选必3: resources, environment, national security
    "hs-bio-carbon",  # 高中生物 选必2: ecosystems and the carbon cycle
    "hs-chem-energy",  # 高中化学 必修 / 选必1: reaction energy, sustainable development
    "hs-politics",  # 思想政治: rule of law, public participation
    "green-low-carbon",  # 教育部 2022 green low-carbon national-education plan
    "teacher-training",  # teacher professional development (教师研修)
    "university-practice",  # the plan's university research and internship base (二(六))
)

_OPTION_LINE = re.compile(r"^\s*-\s*([a-z0-9][a-z0-9-]*):\s*(.+?)\s*$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_PARAM_KEY = re.compile(r"^[A-Za-z0-9_]{1,16}$")


class LessonError(ValueError):
    """A spec or text that cannot be used; the message is one line naming the file and the key."""


@dataclass(frozen=True)
class Slider:
    key: str  # a scenario key, e.g. "kitchen_waste.to_power_fraction"
    min: float
    max: float
    step: float
    default: float


@dataclass(frozen=True)
class Constraint:
    """A rule a model question's answer must keep: ``metric`` (a dotted path into the result) at least
    (``bound`` "min") or at most ("max") ``limit``; ``limit`` None means the question's scenario as it
    stands (e.g. "treat at least the plan's tonnes"). Words: ``classes.constraint.<name>.<bound>``."""

    metric: str
    bound: str  # min (at least) | max (at most)
    limit: float | None = None

    @property
    def name(self) -> str:
        return self.metric.rsplit(".", 1)[-1]


@dataclass(frozen=True)
class Check:
    """One constraint for one model state: the state's value, the limit, and whether it is kept."""

    constraint: Constraint
    value: float
    limit: float
    ok: bool


@dataclass(frozen=True)
class Question:
    id: str
    use: str  # quiz | onsite
    kind: str  # choice | model
    exhibit: str
    options: tuple[str, ...] = ()
    answer: str | None = None
    metric: str | None = None  # dotted path into the evaluate_dict result
    goal: str | None = None  # max | min
    scenario: str = "plan-2026"
    sliders: tuple[Slider, ...] = ()
    bins: dict[str, str] = field(default_factory=dict)  # option -> bin, printed as its picture (grades 1-2)
    constraints: tuple[Constraint, ...] = ()  # model questions: rules a state must keep to count


@dataclass(frozen=True)
class Step:
    id: str
    phase: str
    stage: str
    minutes: int
    exhibit: str | None = None
    preset: str | None = None
    station: str | None = None  # the tour station of data/tours.toml where the step happens
    walk_min: int = 0  # walking there from the previous step's place (on site: counted in duration_min)


@dataclass(frozen=True)
class Task:
    """One task of the student's sheet (words: ``task.<id>``, reference answer: ``answer.<id>``)."""

    id: str
    kind: str  # one of TASK_KINDS
    station: str | None = None
    items: tuple[str, ...] = ()  # checklist lines, pictures to circle, the left column of a match, columns
    targets: tuple[str, ...] = ()  # the right column of a match
    pairs: dict[str, str] = field(default_factory=dict)  # match: left item -> right item
    answer: tuple[str, ...] = ()  # circle: the items to circle
    rows: int = 3  # table: empty rows to fill
    lines: int = 3  # write: ruled lines


@dataclass(frozen=True)
class Preset:
    id: str
    exhibit: str
    params: dict[str, str | int | float]


@dataclass(frozen=True)
class Module:
    id: str
    grade_band: str
    duration_min: int
    pre_visit_min: int
    post_visit_min: int
    group_size: int
    objectives: tuple[str, ...]
    curriculum: tuple[str, ...]
    exhibits: tuple[str, ...]
    steps: tuple[Step, ...]
    presets: dict[str, Preset]
    questions: tuple[Question, ...]
    facts: tuple[dict[str, Any], ...]
    texts: dict[str, dict[str, str]] = field(default_factory=dict)  # lang -> section -> text
    order: int = 0
    tasks: tuple[Task, ...] = ()
    rubric: tuple[str, ...] = ()  # criterion ids: sections rubric.<id>
    devices: int = 0  # phones or tablets the class needs on site (e.g. one per pair)
    children_per_adult: int = 10  # adult ratio on site

    def questions_for(self, use: str) -> tuple[Question, ...]:
        return tuple(q for q in self.questions if q.use == use)

    def question(self, qid: str) -> Question | None:
        return next((q for q in self.questions if q.id == qid), None)

    def text(self, section: str, lang: str) -> str:
        return self.texts.get(lang, {}).get(section, "")

    def title(self, lang: str) -> str:
        return self.text("title", lang)

    def prompt(self, qid: str, lang: str) -> str:
        return parse_question_text(self.text(f"q.{qid}", lang))[0]

    def option_texts(self, qid: str, lang: str) -> dict[str, str]:
        return parse_question_text(self.text(f"q.{qid}", lang))[1]

    def task(self, tid: str) -> Task | None:
        return next((task for task in self.tasks if task.id == tid), None)

    def rubric_rows(self, lang: str) -> list[dict[str, str]]:
        """One row per criterion: {"name", "met", "partly", "not-yet"}."""
        return [parse_question_text(self.text(f"rubric.{c}", lang))[1] for c in self.rubric]

    def onsite_minutes(self) -> int:
        return sum(s.minutes + s.walk_min for s in self.steps if s.phase == "onsite")


def numbering(module: Module) -> list[tuple[str, int, str]]:
    """The one order and numbering of the sheet, the guide and the key: ``(part, number, id)`` with part
    ``onsite`` (the tasks, then the on-site questions: 现场1…) or ``quiz`` (小测1…)."""
    onsite = [task.id for task in module.tasks] + [q.id for q in module.questions_for("onsite")]
    quiz = [q.id for q in module.questions_for("quiz")]
    return [("onsite", n, i) for n, i in enumerate(onsite, 1)] + [
        ("quiz", n, i) for n, i in enumerate(quiz, 1)
    ]


def option_order(question: Question, seed: int | str) -> tuple[str, ...]:
    """The options of ``question`` in the order one student sees them: shuffled by ``seed`` (a student's
    token or a printed variant), the same every time for the same seed; seed 0 keeps the written order."""
    import random

    if seed in (0, "0", ""):
        return question.options
    order = list(question.options)
    random.Random(f"{seed}:{question.id}").shuffle(order)
    return tuple(order)


def parse_question_text(text: str) -> tuple[str, dict[str, str]]:
    """A question section → (prompt, {option id: option text}); option lines are ``- a: text``."""
    prompt: list[str] = []
    options: dict[str, str] = {}
    for line in text.splitlines():
        match = _OPTION_LINE.match(line)
        if match:
            options[match.group(1)] = match.group(2)
        elif not options:
            prompt.append(line)
    return "\n".join(prompt).strip(), options


# --------------------------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------------------------
def _need(table: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in table:
        raise LessonError(f"{where}: {key}: missing")
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, kind):
        names = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise LessonError(f"{where}: {key}: expected {names}, got {type(value).__name__}")
    return value


def _ids(values: Any, where: str, key: str) -> tuple[str, ...]:
    if not isinstance(values, list) or not values:
        raise LessonError(f"{where}: {key}: expected a non-empty list")
    for value in values:
        if not isinstance(value, str) or not _ID.match(value):
            raise LessonError(f"{where}: {key}: {value!r} is not an id (a-z, 0-9, -)")
    if len(set(values)) != len(values):
        raise LessonError(f"{where}: {key}: duplicate entries")
    return tuple(values)


def _slug(value: Any, where: str) -> str:
    from parkloop.pages import BY_SLUG

    if not isinstance(value, str) or not value or value not in BY_SLUG:
        raise LessonError(f"{where}: no exhibit with slug {value!r} (parkloop/pages.py)")
    return value


def _parse_question(table: Any, index: int, where: str) -> Question:
    """The ``index``-th ``[[question]]`` table of the spec ``where``."""
    qwhere = f"{where}: question[{index}]"
    qid = _need(table, "id", str, qwhere)
    if not _ID.match(qid):
        raise LessonError(f"{qwhere}.id: {qid!r} is not an id (a-z, 0-9, -)")
    qwhere = f"{where}: question {qid}"
    use = _need(table, "use", str, qwhere)
    if use not in QUESTION_USES:
        raise LessonError(f"{qwhere}: use: {use!r} is not one of {', '.join(QUESTION_USES)}")
    kind = table.get("kind", "choice")
    if kind not in QUESTION_KINDS:
        raise LessonError(f"{qwhere}: kind: {kind!r} is not one of {', '.join(QUESTION_KINDS)}")
    exhibit = _slug(table.get("exhibit"), f"{qwhere}: exhibit")
    if kind == "choice":
        options = _ids(table.get("options"), qwhere, "options")
        if len(options) < 2:
            raise LessonError(f"{qwhere}: options: at least two needed")
        answer = _need(table, "answer", str, qwhere)
        if answer not in options:
            raise LessonError(f"{qwhere}: answer: {answer!r} is not one of the options {list(options)}")
        bins = dict(table.get("option_bins") or {})
        if not set(bins) <= set(options) or not set(bins.values()) <= set(BINS):
            raise LessonError(f"{qwhere}: option_bins: expected {{option = bin}} with bins {', '.join(BINS)}")
        return Question(qid, use, kind, exhibit, options, answer, bins=bins)
    if use != "onsite":
        raise LessonError(f"{qwhere}: kind: model questions are on-site questions (use = 'onsite')")
    metric = _need(table, "metric", str, qwhere)
    goal = _need(table, "goal", str, qwhere)
    if goal not in ("max", "min"):
        raise LessonError(f"{qwhere}: goal: expected 'max' or 'min'")
    sliders = []
    for sindex, s in enumerate(table.get("sliders") or []):
        swhere = f"{qwhere}: sliders[{sindex}]"
        key = _need(s, "key", str, swhere)
        lo, hi = (
            float(_need(s, "min", int | float, swhere)),
            float(_need(s, "max", int | float, swhere)),
        )
        step = float(_need(s, "step", int | float, swhere))
        default = float(s.get("default", lo))
        if not (lo < hi and step > 0 and lo <= default <= hi):
            raise LessonError(f"{swhere}: needs min < max, step > 0 and min <= default <= max")
        sliders.append(Slider(key, lo, hi, step, default))
    if not sliders:
        raise LessonError(f"{qwhere}: sliders: a model question needs at least one slider")
    scenario = str(table.get("scenario", "plan-2026"))
    constraints = tuple(
        _parse_constraint(c, f"{qwhere}: constraints[{i}]")
        for i, c in enumerate(table.get("constraints") or [])
    )
    return Question(
        qid, use, kind, exhibit, (), None, metric, goal, scenario, tuple(sliders), constraints=constraints
    )


def _parse_constraint(table: Any, where: str) -> Constraint:
    """``{ metric = "totals.x", at_least = "scenario" }`` or ``at_most = 1.5e5``: one bound, a number or
    ``"scenario"`` (the question's scenario as it stands)."""
    if not isinstance(table, dict):
        raise LessonError(f"{where}: expected {{ metric = ..., at_least|at_most = number or 'scenario' }}")
    metric = _need(table, "metric", str, where)
    bounds = [key for key in ("at_least", "at_most") if key in table]
    if len(bounds) != 1:
        raise LessonError(f"{where}: needs exactly one of at_least, at_most")
    limit = table[bounds[0]]
    if limit != "scenario" and (isinstance(limit, bool) or not isinstance(limit, int | float)):
        raise LessonError(f"{where}: {bounds[0]}: expected a number or 'scenario'")
    bound = "min" if bounds[0] == "at_least" else "max"
    return Constraint(metric, bound, None if limit == "scenario" else float(limit))


def _parse_spec(path: Path, data: dict[str, Any], folder: str) -> Module:
    where = f"{path.parent.name}/{path.name}"
    module = _need(data, "module", dict, where)
    mid = _need(module, "id", str, f"{where}: module")
    if mid != folder:
        raise LessonError(f"{where}: module.id: {mid!r} must equal the folder name {folder!r}")
    band = _need(module, "grade_band", str, f"{where}: module")
    if band not in GRADE_BANDS:
        raise LessonError(f"{where}: module.grade_band: {band!r} is not one of {', '.join(GRADE_BANDS)}")
    duration = _need(module, "duration_min", int, f"{where}: module")
    if not ONSITE_MINUTES[0] <= duration <= ONSITE_MINUTES[1]:
        raise LessonError(f"{where}: module.duration_min: {duration} outside {ONSITE_MINUTES[0]}–240 min")
    objectives = _ids(module.get("objectives"), where, "module.objectives")
    curriculum = _ids(module.get("curriculum"), where, "module.curriculum")
    for code in curriculum:
        if code not in CURRICULUM:
            raise LessonError(
                f"{where}: module.curriculum: unknown code {code!r} (see parkloop/school/lessons.py)"
            )
    exhibits = _ids(module.get("exhibits"), where, "module.exhibits")
    for slug in exhibits:
        _slug(slug, f"{where}: module.exhibits")

    presets: dict[str, Preset] = {}
    for pid, table in (data.get("presets") or {}).items():
        pwhere = f"{where}: presets.{pid}"
        if not isinstance(table, dict):
            raise LessonError(f"{pwhere}: expected a table {{exhibit = ..., params = {{...}}}}")
        slug = _slug(table.get("exhibit"), f"{pwhere}.exhibit")
        params = table.get("params", {})
        if not isinstance(params, dict):
            raise LessonError(f"{pwhere}.params: expected a table of URL parameters")
        for key, value in params.items():
            if (
                not _PARAM_KEY.match(key)
                or isinstance(value, bool)
                or not isinstance(value, str | int | float)
            ):
                raise LessonError(f"{pwhere}.params.{key}: expected a short ASCII key and a number or text")
        presets[pid] = Preset(pid, slug, dict(params))

    steps = _parse_steps(data.get("step") or [], presets, where, duration)
    tasks = tuple(_parse_task(table, index, where) for index, table in enumerate(data.get("task") or []))
    rubric = _ids(module.get("rubric"), where, "module.rubric")
    if not RUBRIC_CRITERIA[0] <= len(rubric) <= RUBRIC_CRITERIA[1]:
        raise LessonError(f"{where}: module.rubric: {len(rubric)} criteria, a rubric has 3 or 4")
    questions = [
        _parse_question(table, index, where) for index, table in enumerate(data.get("question") or [])
    ]
    if len({q.id for q in questions}) != len(questions):
        raise LessonError(f"{where}: question: duplicate question ids")
    if not any(q.use == "quiz" for q in questions):
        raise LessonError(f"{where}: question: no pre/post quiz question (use = 'quiz')")
    if not any(q.use == "onsite" for q in questions):
        raise LessonError(f"{where}: question: no on-site question (use = 'onsite')")

    if not tasks:
        raise LessonError(f"{where}: task: a module needs at least one worksheet task ([[task]])")
    if {task.id for task in tasks} & {q.id for q in questions} or len({t.id for t in tasks}) != len(tasks):
        raise LessonError(f"{where}: task: task ids must be unique and differ from the question ids")
    facts = tuple(data.get("fact") or [])
    for index, fact in enumerate(facts):
        if not isinstance(fact, dict) or fact.get("question") not in {q.id for q in questions}:
            raise LessonError(f"{where}: fact[{index}].question: names no question of this module")
    quiz = {q.id for q in questions if q.use == "quiz"}
    plan_figures = {f["question"] for f in facts if f.get("source") in ("scenario", "target")} & quiz
    if len(plan_figures) > MAX_PLAN_FIGURES_IN_QUIZ:
        raise LessonError(
            f"{where}: fact: the quiz asks {len(plan_figures)} plan figures "
            f"({', '.join(sorted(plan_figures))}), at most {MAX_PLAN_FIGURES_IN_QUIZ}: ask ideas instead"
        )
    return Module(
        id=mid,
        grade_band=band,
        duration_min=duration,
        pre_visit_min=int(module.get("pre_visit_min", 40)),
        post_visit_min=int(module.get("post_visit_min", 40)),
        group_size=int(module.get("group_size", 40)),
        objectives=objectives,
        curriculum=curriculum,
        exhibits=exhibits,
        steps=tuple(steps),
        presets=presets,
        questions=tuple(questions),
        facts=facts,
        order=int(module.get("order", 0)),
        tasks=tasks,
        rubric=rubric,
        devices=int(_need(module, "devices", int, f"{where}: module")),
        children_per_adult=int(_need(module, "children_per_adult", int, f"{where}: module")),
    )


def _station(value: Any, where: str) -> str | None:
    """A tour station id of data/tours.toml (or None)."""
    if value is None:
        return None
    from parkloop.tours.data import tours_or_none

    tours = tours_or_none()
    if not isinstance(value, str) or (tours is not None and value not in tours.stations):
        raise LessonError(f"{where}: no tour station {value!r} in data/tours.toml")
    return value


def _parse_steps(
    tables: list[Any], presets: dict[str, Preset], where: str, duration: int
) -> tuple[Step, ...]:
    steps: list[Step] = []
    for index, table in enumerate(tables):
        swhere = f"{where}: step[{index}]"
        sid = _need(table, "id", str, swhere)
        phase = _need(table, "phase", str, swhere)
        if phase not in PHASES:
            raise LessonError(f"{swhere}.phase: {phase!r} is not one of {', '.join(PHASES)}")
        stage = _need(table, "stage", str, swhere)
        if stage not in STAGES:
            raise LessonError(f"{swhere}.stage: {stage!r} is not one of {', '.join(STAGES)}")
        minutes = _need(table, "minutes", int, swhere)
        exhibit = table.get("exhibit")
        if exhibit is not None:
            _slug(exhibit, f"{swhere}.exhibit")
        preset = table.get("preset")
        if preset is not None and preset not in presets:
            raise LessonError(f"{swhere}.preset: {preset!r} is not defined under [presets]")
        station = _station(table.get("station"), f"{swhere}.station")
        walk = table.get("walk_min", 0)
        if isinstance(walk, bool) or not isinstance(walk, int) or walk < 0:
            raise LessonError(f"{swhere}.walk_min: expected minutes (an integer ≥ 0)")
        if phase == "onsite" and stage != "break" and station is None:
            raise LessonError(f"{swhere}.station: an on-site step names the tour station where it happens")
        steps.append(Step(sid, phase, stage, minutes, exhibit, preset, station, walk))
    for phase in PHASES:
        if not any(s.phase == phase for s in steps):
            raise LessonError(
                f"{where}: step: no step in phase {phase!r} (pre, onsite and post are all needed)"
            )
    onsite_minutes = sum(s.minutes + s.walk_min for s in steps if s.phase == "onsite")
    if onsite_minutes != duration:
        raise LessonError(
            f"{where}: step: on-site steps and walks add up to {onsite_minutes} min, "
            f"duration_min is {duration}"
        )
    if duration >= 150 and not any(s.stage == "break" for s in steps if s.phase == "onsite"):
        raise LessonError(f"{where}: step: {duration} min on site need a break (stage = 'break')")
    if len({s.id for s in steps}) != len(steps):
        raise LessonError(f"{where}: step: duplicate step ids")
    return tuple(steps)


def _parse_task(table: Any, index: int, where: str) -> Task:
    twhere = f"{where}: task[{index}]"
    tid = _need(table, "id", str, twhere)
    if not _ID.match(tid):
        raise LessonError(f"{twhere}.id: {tid!r} is not an id (a-z, 0-9, -)")
    twhere = f"{where}: task {tid}"
    kind = _need(table, "kind", str, twhere)
    if kind not in TASK_KINDS:
        raise LessonError(f"{twhere}: kind: {kind!r} is not one of {', '.join(TASK_KINDS)}")
    station = _station(table.get("station"), f"{twhere}: station")
    needs_items = kind in ("match", "circle", "checklist", "table")
    items = _ids(table["items"], twhere, "items") if needs_items or "items" in table else ()
    targets: tuple[str, ...] = ()
    pairs: dict[str, str] = {}
    answer: tuple[str, ...] = ()
    if kind == "table" and "targets" in table:  # row labels
        targets = _ids(table.get("targets"), twhere, "targets")
    if kind == "match":
        targets = _ids(table.get("targets"), twhere, "targets")
        pairs = dict(_need(table, "pairs", dict, twhere))
        if set(pairs) != set(items) or not set(pairs.values()) <= set(targets):
            raise LessonError(f"{twhere}: pairs: every item needs one of the targets")
    if kind == "circle":
        answer = _ids(table.get("answer"), twhere, "answer")
        if not set(answer) <= set(items):
            raise LessonError(f"{twhere}: answer: {list(answer)} are not all among the items")
    rows, lines = int(table.get("rows", 3)), int(table.get("lines", 3))
    return Task(tid, kind, station, items, targets, pairs, answer, rows, lines)


def required_sections(module: Module) -> list[str]:
    """The Markdown sections every language must hold for ``module``."""
    names = ["title", "summary", "worksheet", "teacher-notes", "support", "extension", "prep"]
    if module.grade_band in LARGE_PRINT_BANDS:
        names.append("pictures")
    names += [f"objective.{o}" for o in module.objectives]
    names += [f"rubric.{c}" for c in module.rubric]
    for task in module.tasks:
        names += [f"task.{task.id}", f"answer.{task.id}"]
    names += [f"step.{s.id}" for s in module.steps]
    for q in module.questions:
        names += [f"q.{q.id}", f"why.{q.id}"]
    return names


def _load_texts(module: Module, content_dir: Path) -> dict[str, dict[str, str]]:
    texts: dict[str, dict[str, str]] = {}
    for lang in SUPPORTED_LANGS:
        path = content_dir / lang / "lessons" / f"{module.id}.md"
        rel = f"content/{lang}/lessons/{module.id}.md"
        try:
            sections = markdown_sections(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise LessonError(f"{rel}: cannot read ({error.__class__.__name__})") from None
        for name in required_sections(module):
            if not sections.get(name, "").strip():
                raise LessonError(f"{rel}: section {name}: missing or empty")
        for q in module.questions:
            prompt, options = parse_question_text(sections[f"q.{q.id}"])
            if not prompt:
                raise LessonError(f"{rel}: section q.{q.id}: no question text before the options")
            if q.kind == "choice" and tuple(options) != q.options:
                raise LessonError(
                    f"{rel}: section q.{q.id}: options {list(options)} "
                    f"do not match the spec's {list(q.options)}"
                )
            if q.kind == "model" and options:
                raise LessonError(f"{rel}: section q.{q.id}: a model question has no options")
        for task in module.tasks:
            prompt, lines = parse_question_text(sections[f"task.{task.id}"])
            named = [i for i in (*task.items, *task.targets) if i not in BINS]
            if not prompt or sorted(lines) != sorted(named):
                raise LessonError(
                    f"{rel}: section task.{task.id}: needs an instruction and one '- id: text' line for "
                    f"each of {named} (bins need none), has {list(lines)}"
                )
        for criterion in module.rubric:
            levels = parse_question_text(sections[f"rubric.{criterion}"])[1]
            if set(levels) != {"name", *RUBRIC_LEVELS}:
                raise LessonError(
                    f"{rel}: section rubric.{criterion}: "
                    "needs the lines - name:, - met:, - partly:, - not-yet:"
                )
        texts[lang] = sections
    return texts


def load_module(folder: Path, content_dir: Path = CONTENT_DIR) -> Module:
    """One module, spec and texts, validated. Raises :class:`LessonError` (one line) on any problem."""
    path = folder / SPEC_NAME
    try:
        data = read_toml(path)
    except DataFileError as error:
        raise LessonError(f"{folder.name}/{SPEC_NAME}: {error.reason}") from None
    module = _parse_spec(path, data, folder.name)
    return Module(**{**module.__dict__, "texts": _load_texts(module, content_dir)})


def module_folders(lessons_dir: Path = LESSONS_DIR) -> list[Path]:
    return sorted(p for p in lessons_dir.iterdir() if p.is_dir() and (p / SPEC_NAME).exists())


@lru_cache(maxsize=4)
def _load_all(lessons_dir: Path, content_dir: Path) -> tuple[Module, ...]:
    modules = [load_module(folder, content_dir) for folder in module_folders(lessons_dir)]
    order = {band: i for i, band in enumerate(GRADE_BANDS)}
    return tuple(sorted(modules, key=lambda m: (order[m.grade_band], m.order, m.id)))


def load_modules(lessons_dir: Path = LESSONS_DIR, content_dir: Path = CONTENT_DIR) -> tuple[Module, ...]:
    """Every valid module, youngest band first (a broken module raises: run :func:`check_lessons`)."""
    return _load_all(Path(lessons_dir).resolve(), Path(content_dir).resolve())


def get_module(module_id: str) -> Module | None:
    """The module ``module_id`` or ``None`` (unknown ids from a URL are not errors)."""
    try:
        return next((m for m in load_modules() if m.id == module_id), None)
    except LessonError:
        return None


# --------------------------------------------------------------------------------------------
# checking against the model and the plan
# --------------------------------------------------------------------------------------------
def _dig(data: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        if not isinstance(data, dict) or part not in data:
            raise KeyError(dotted)
        data = data[part]
    return data


@lru_cache(maxsize=64)
def _evaluate(scenario: str, overrides: tuple[tuple[str, Any], ...] = ()) -> dict[str, Any]:
    from parkloop.model import evaluate, load_scenario

    return evaluate(load_scenario(scenario, dict(overrides))).to_dict()


def _overrides(question: Question, params: Any) -> tuple[tuple[str, Any], ...]:
    """The student's slider values as scenario overrides, clamped to the sliders' ranges (any bad value,
    or a ``params`` that is not a table, falls back to the slider's default)."""
    params = params if isinstance(params, dict) else {}
    overrides: list[tuple[str, Any]] = []
    for slider in question.sliders:
        try:
            value = float(params.get(slider.key, slider.default))
        except (TypeError, ValueError):
            value = slider.default
        if not math.isfinite(value):
            value = slider.default
        overrides.append((slider.key, min(max(value, slider.min), slider.max)))
    return tuple(overrides)


def model_value(question: Question, params: dict[str, float]) -> float:
    """The metric of a model question for the student's slider values (clamped to the sliders' ranges)."""
    return float(_dig(_evaluate(question.scenario, _overrides(question, params)), question.metric or ""))


def model_checks(question: Question, params: dict[str, Any]) -> tuple[Check, ...]:
    """Each constraint of a model question for the student's slider values: kept or not. A state counts
    as an answer only when every check is ``ok`` (a relative tolerance of 1e-9 for the scenario itself)."""
    result = _evaluate(question.scenario, _overrides(question, params))
    checks = []
    for c in question.constraints:
        value = float(_dig(result, c.metric))
        limit = float(_dig(_evaluate(question.scenario), c.metric)) if c.limit is None else c.limit
        slack = 1e-9 * max(abs(limit), 1.0)
        ok = value >= limit - slack if c.bound == "min" else value <= limit + slack
        checks.append(Check(c, value, limit, ok))
    return tuple(checks)


def meets_constraints(question: Question, params: dict[str, Any]) -> bool:
    return all(check.ok for check in model_checks(question, params))


def _check_fact(fact: dict[str, Any]) -> str | None:
    """A reason the fact does not hold, or None."""
    source = fact.get("source")
    if source == "largest":  # the biggest entry of a table in the result, e.g. ledger.avoided
        table = _dig(_evaluate(str(fact.get("scenario", "plan-2026"))), str(fact.get("key")))
        biggest = max(table, key=lambda name: table[name])
        return (
            None
            if biggest == fact.get("expect")
            else f"the largest is {biggest!r}, not {fact.get('expect')!r}"
        )
    if source == "target-status":
        from parkloop.model import evaluate, load_scenario
        from parkloop.model.targets import track_targets

        rows = track_targets(evaluate(load_scenario("baseline-2023")), evaluate(load_scenario("plan-2026")))
        row = next((r for r in rows if r["id"] == fact.get("target")), None)
        if row is None or row["status"] != fact.get("expect"):
            status = row["status"] if row else None
            return f"target {fact.get('target')!r} has status {status!r}, not {fact.get('expect')!r}"
        return None
    expected = fact.get("value")
    if isinstance(expected, bool) or not isinstance(expected, int | float):
        return "value: expected a number"
    rel_tol = float(fact.get("rel_tol", 0.005))
    if source == "factor":
        from parkloop.model.paths import factors_file

        actual = _dig(read_toml(factors_file()), str(fact.get("key")))
    elif source == "model":
        actual = _dig(_evaluate(str(fact.get("scenario", "plan-2026"))), str(fact.get("key")))
    elif source == "scenario":
        from parkloop.model import load_scenario

        scenario = load_scenario(str(fact.get("scenario", "plan-2026")))
        key = str(fact.get("key"))
        actual = _dig(scenario.values, key)
        prov = scenario.provenance.get(key)
        if fact.get("plan", True) and (prov is None or prov.kind != "plan"):
            return f"{key} is not a plan figure in {scenario.name} (provenance {prov})"
        if "minus_scenario" in fact:  # a change the plan makes, e.g. the new capacity on top of 2023's
            actual = float(actual) - float(_dig(load_scenario(str(fact["minus_scenario"])).values, key))
    elif source == "target":
        from parkloop.model import evaluate, load_scenario
        from parkloop.model.targets import track_targets

        rows = track_targets(evaluate(load_scenario("baseline-2023")), evaluate(load_scenario("plan-2026")))
        row = next((r for r in rows if r["id"] == fact.get("target")), None)
        if row is None:
            return f"no plan target {fact.get('target')!r}"
        actual = row["target"]
    else:
        return "source: expected model, scenario, target, factor, largest or target-status"
    if not math.isclose(float(actual), float(expected), rel_tol=rel_tol, abs_tol=1e-9):
        return f"the answer key says {expected}, the model/plan gives {actual:.6g}"
    return None


def check_module_against_model(module: Module) -> list[str]:
    """Model questions' sliders and metrics exist; every fact a quiz relies on still holds."""
    from parkloop.model import ScenarioError

    problems: list[str] = []
    where = f"lessons/{module.id}/{SPEC_NAME}"
    for q in module.questions:
        if q.kind != "model":
            continue
        try:
            value = model_value(q, {s.key: s.default for s in q.sliders})
            if not math.isfinite(value):
                problems.append(f"{where}: question {q.id}: metric {q.metric} is not a finite number")
            if not meets_constraints(q, {}):
                problems.append(f"{where}: question {q.id}: the sliders' defaults break its constraints")
        except ScenarioError as error:
            problems.append(f"{where}: question {q.id}: sliders: {error}")
        except (KeyError, TypeError, ValueError):
            problems.append(f"{where}: question {q.id}: metric {q.metric!r} is not a number in the result")
        from parkloop.content import has_key

        for c in q.constraints:
            for lang in SUPPORTED_LANGS:
                if not has_key(f"classes.constraint.{c.name}.{c.bound}", lang):
                    problems.append(
                        f"{where}: question {q.id}: constraint {c.metric}: "
                        f"no words classes.constraint.{c.name}.{c.bound} in content/{lang}/messages"
                    )
        for slider in q.sliders:
            for lang in SUPPORTED_LANGS:
                if not has_key(f"classes.slider.{slider.key}", lang):
                    problems.append(
                        f"{where}: question {q.id}: slider {slider.key}: "
                        f"no label classes.slider.{slider.key} "
                        f"in content/{lang}/messages"
                    )
    for index, fact in enumerate(module.facts):
        try:
            reason = _check_fact(fact)
        except (KeyError, TypeError, ValueError) as error:
            reason = f"cannot look it up ({error})"
        if reason:
            problems.append(f"{where}: fact[{index}] (question {fact.get('question')}): {reason}")
    return problems


def check_lessons(lessons_dir: Path | None = None, content_dir: Path | None = None) -> list[str]:
    """Every problem with the lesson modules, one line each naming the file and key (``[]`` if none).

    ``python -m parkloop check`` calls this."""
    lessons_dir = Path(lessons_dir or LESSONS_DIR)
    content_dir = Path(content_dir or CONTENT_DIR)
    problems: list[str] = []
    modules: list[Module] = []
    for folder in module_folders(lessons_dir):
        try:
            modules.append(load_module(folder, content_dir))
        except LessonError as error:
            problems.append(str(error))
    for module in modules:
        problems.extend(check_module_against_model(module))
    bands = {m.grade_band for m in modules}
    if not problems:
        missing = [band for band in GRADE_BANDS if band not in bands]
        if missing:
            problems.append(f"lessons/: no module for grade band(s) {', '.join(missing)}")
    known = {m.id for m in modules}
    for lang in SUPPORTED_LANGS:
        folder = content_dir / lang / "lessons"
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            if path.stem not in known and not (lessons_dir / path.stem / SPEC_NAME).exists():
                problems.append(f"content/{lang}/lessons/{path.name}: no lessons/{path.stem}/{SPEC_NAME}")
    return problems


def clear_cache() -> None:
    _load_all.cache_clear()
