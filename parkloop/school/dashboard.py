"""The teacher's dashboard in words (pure: no Streamlit, no store): the links to project and keep, the
sentences under the charts, the before/after table, the best model states, the CSV's columns, the
deletion date, and nicknames as plain text (HTML-escaped, never Markdown: "# BIG" stays "# BIG").

The numbers come from :mod:`parkloop.school.results`; this module only puts them into the teacher's
language, so the page (``parkloop/school/pages/teacher.py``) only draws.
"""

from __future__ import annotations

import html
import math
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from babel.dates import format_date

from parkloop.content import t, tn
from parkloop.i18n import babel_locale, format_number, format_percent, format_quantity
from parkloop.live import PARK_TZ
from parkloop.school import results
from parkloop.school.lessons import Check, Module, Question, model_checks, option_order

PHASES: tuple[str, ...] = ("pre", "onsite", "post")


def question_use(phase: str) -> str:
    """Which questions a phase asks: the on-site questions on site, the quiz before and after."""
    return "onsite" if phase == "onsite" else "quiz"


def shown_phase(phase: str) -> str:
    """The phase whose answers the dashboard shows: an ended session shows the post-visit quiz."""
    return "post" if phase == "ended" else phase


def join_url(base: str, code: str, lang: str) -> str:
    """The students' link (and QR code): the join page with the session's code."""
    return f"{base}/join?" + urlencode({"code": code, "lang": lang})


def teacher_url(base: str, session_id: str, secret: str, lang: str) -> str:
    """The teacher's own secret link back to this dashboard."""
    return f"{base}/teacher?" + urlencode({"s": session_id, "k": secret, "lang": lang})


def projector_url(base: str, session_id: str, lang: str) -> str:
    """The projector view: join code, QR code and head count only — no secret in it."""
    return f"{base}/teacher?" + urlencode({"s": session_id, "view": "projector", "lang": lang})


def plain_html(text: str, *, tag: str = "p", element_id: str | None = None, style: str = "") -> str:
    """Text from a visitor (a nickname) as an HTML element showing exactly the characters typed."""
    attributes = f' id="{html.escape(element_id)}"' if element_id else ""
    attributes += f' style="{html.escape(style)}"' if style else ""
    return f"<{tag}{attributes}>{html.escape(text)}</{tag}>"


def nicknames_html(names: list[str], lang: str) -> str:
    """The class's nicknames, each as typed, in a list the teacher reads (plain text)."""
    return plain_html(("、" if lang == "zh" else ", ").join(names))


def lookalike_lines(groups: list[list[str]], lang: str) -> list[str]:
    """One sentence per group of look-alike nicknames, asking the teacher to tell them apart."""
    return [
        t("classes.teacher.lookalike", lang, names=" / ".join(f"“{n}”" for n in group)) for group in groups
    ]


def deletion_line(deletion_time: float, days: float, lang: str) -> str:
    """When the session will be deleted if unused, in the teacher's words and date format (Beijing time)."""
    day = datetime.fromtimestamp(deletion_time, tz=PARK_TZ).date()
    return t(
        "classes.teacher.retention",
        lang,
        date=format_date(day, format="long", locale=babel_locale(lang)),
        days=format_number(days, lang),
    )


def wait_minutes(wait_s: float) -> int:
    """A wait in whole minutes for a child's message (at least 1)."""
    return max(1, math.ceil(wait_s / 60))


def reveals_answers(phase: str) -> bool:
    """Whether the dashboard may show right answers: not while the pre-visit quiz is open (a glance at the
    teacher's screen must not give the quiz away)."""
    return phase != "pre"


def distribution_rows(question: Question, dist: dict[str, int], reveal: bool = True) -> list[dict[str, Any]]:
    """The bars of one choice question: each option, how many chose it, whether it is the right one
    (``False`` for every option when the answer is not to be revealed)."""
    return [
        {"option": option, "count": count, "correct": reveal and option == question.answer}
        for option, count in dist.items()
    ]


def distribution_summary(
    question: Question, dist: dict[str, int], lang: str, reveal: bool = True
) -> str | None:
    """The sentence under a question's chart (most chosen option, its share, and when ``reveal`` the right
    answer); ``None`` while nobody has answered."""
    top = results.top_choice(dist)
    if top is None:
        return None
    option, total, share = top
    return tn(
        "classes.teacher.summary" if reveal else "classes.teacher.summary_hidden",
        total,
        lang,
        count=total,
        option=option,
        share=format_percent(share, lang, decimals=0),
        answer=question.answer,
    )


def best_slider_lines(question: Question, params: dict[str, Any], lang: str) -> str:
    """A student's model state as a list: each slider's name and value."""
    return "\n".join(
        f"- {t(f'classes.slider.{s.key}', lang)}: {format_number(params.get(s.key), lang)}"
        for s in question.sliders
    )


LETTERS = "ABCDEFGH"


def student_options(module: Module, question: Question, seed: str, lang: str) -> dict[str, str]:
    """A choice question's options as one student sees them: option id → "A. text", in the order
    :func:`parkloop.school.lessons.option_order` gives for ``seed`` (the student's record), lettered by
    position. The page records the id, never the letter, so results do not depend on the order."""
    texts = module.option_texts(question.id, lang)
    order = option_order(question, seed)
    return {option: f"{LETTERS[i]}. {texts.get(option, '')}" for i, option in enumerate(order)}


def _quantity(metric: str, value: float, lang: str) -> str:
    """Enough figures that a state just over a limit does not print as the limit itself."""
    return format_quantity(value, results.metric_unit(metric), lang, sig=6)


def constraint_lines(question: Question, lang: str) -> list[str]:
    """The rules of a model question in words, each with its limit (e.g. the plan's tonnes)."""
    return [
        t(f"classes.constraint.{c.constraint.name}.{c.constraint.bound}", lang,
          limit=_quantity(c.constraint.metric, c.limit, lang))
        for c in model_checks(question, {})
    ]  # fmt: skip


def check_lines(checks: tuple[Check, ...], lang: str) -> list[tuple[bool, str]]:
    """For a student's model state: per rule, whether it is kept and the sentence that says so."""
    return [
        (c.ok, t("classes.constraint.kept" if c.ok else "classes.constraint.broken", lang,
                 value=_quantity(c.constraint.metric, c.value, lang)))
        for c in checks
    ]  # fmt: skip


def _share(value: float | None, lang: str) -> str:
    return "—" if value is None else format_percent(value, lang, decimals=0)


def gain_rows(module: Module, gains: list[dict[str, Any]], lang: str) -> list[dict[str, str]]:
    """The before/after table: per quiz question, share right before and after among the same students,
    the gain, and how many students are paired."""
    return [
        {
            "#": f"{number}. {module.prompt(g['question'], lang)}",
            t("classes.teacher.gain_pre", lang): _share(g["pre"], lang),
            t("classes.teacher.gain_post", lang): _share(g["post"], lang),
            t("classes.teacher.gain_points", lang): "—"
            if g["gain_points"] is None
            else format_number(g["gain_points"], lang, signed=True),
            t("classes.teacher.gain_n", lang): format_number(g["n_paired"], lang),
        }
        for number, g in enumerate(gains, start=1)
    ]


def gain_summary(gains: list[dict[str, Any]], lang: str) -> str | None:
    """The sentence under the table: the mean gain over the questions answered both before and after."""
    mean = results.mean_gain(gains)
    if mean is None:
        return None
    count, points = mean
    return tn(
        "classes.teacher.gain_summary",
        count,
        lang,
        count=count,
        points=format_number(points, lang, signed=True),
    )


def gain_pairing(answers: list[dict[str, Any]], lang: str) -> str:
    """The sentence that says whom the before/after table compares: the same students, and how many."""
    paired = results.paired_students(answers)
    return tn("classes.teacher.gain_paired", paired, lang, paired=paired)


def csv_columns(module: Module) -> list[tuple[str, str]]:
    """The export's answer columns: ``(question, phase)`` for every question each phase asks, in order."""
    return [(q.id, phase) for phase in PHASES for q in module.questions_for(question_use(phase))]
