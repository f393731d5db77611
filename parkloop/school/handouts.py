"""What a teacher expects beside the lesson, printable as A4 PDFs in both languages: a preparation
checklist, a safety and route sheet (stations from ``data/tours.toml``, walking times, adult ratio, shoes,
assembly point, toilets), a parental notice (家长告知书) with the privacy facts the 2019
《儿童个人信息网络保护规定》 asks a guardian to be told, a large-print picture sheet with pinyin for
grades 1–2, and a teacher's evaluation form. ``python -m parkloop worksheets`` writes them next to the
task sheets.

Generic words are UI strings (``lessons.prep.*``, ``lessons.safety.*``, ``lessons.notice.*``,
``lessons.eval.*``); what differs per module (materials to prepare, the picture words) is in the
module's Markdown (sections ``prep`` and ``pictures``).
"""

from __future__ import annotations

import math
from collections.abc import Callable

from parkloop import settings
from parkloop.content import t
from parkloop.school.lessons import BINS, Module
from parkloop.school.pdfdoc import Doc, bin_names, colon, pdf_bytes

PREP_KEYS = (
    "book", "notice", "adults", "devices", "pre-lesson", "roster", "print", "charge", "remind",
    "count", "post-lesson", "evaluate", "delete",
)  # fmt: skip
SAFETY_KEYS = ("assembly", "toilets", "shoes", "adults", "rules", "lost", "health", "access")
NOTICE_KEYS = ("collect", "not-collect", "purpose", "storage", "choice", "photos", "contact")
EVAL_KEYS = ("objectives", "timing", "sheet", "level", "safety", "guide", "devices", "privacy")


def adults_needed(module: Module) -> int:
    return max(2, math.ceil(module.group_size / module.children_per_adult))


def retention_days() -> int:
    return int(settings.get("class_retention_days"))


def _onsite_steps(module: Module) -> list:
    return [s for s in module.steps if s.phase == "onsite"]


def walking_minutes(module: Module) -> int:
    return sum(s.walk_min for s in _onsite_steps(module))


def logistics_lines(module: Module, lang: str) -> list[str]:
    """People, devices and walking in three lines (the guide and the safety sheet print them)."""
    return [
        t("lessons.devices", lang, devices=module.devices),
        t(
            "lessons.adults",
            lang,
            children=module.children_per_adult,
            size=module.group_size,
            adults=adults_needed(module),
        ),
        t("lessons.walking_total", lang, minutes=walking_minutes(module)),
    ]


def _clock(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def route_rows(module: Module, lang: str) -> list[list[str]]:
    """The on-site timetable: time from arrival, station, what happens, how long, the walk before it."""
    from parkloop.school.worksheets import station_text

    rows, now = [], 0
    for step in _onsite_steps(module):
        walk = t("lessons.walk", lang, minutes=step.walk_min) if step.walk_min else ""
        now += step.walk_min
        stage = t(f"lessons.stage.{step.stage}", lang)
        where = station_text(step.station, lang) or t("lessons.safety.no_station", lang)
        rows.append([_clock(now), where, stage, t("lessons.minutes", lang, minutes=step.minutes), walk])
        now += step.minutes
    rows.append([_clock(now), t("lessons.safety.end", lang), "", "", ""])
    return rows


def _header(doc: Doc, module: Module, lang: str, kind: str) -> None:
    doc.title(f"{t(f'lessons.{kind}.title', lang)}{colon(lang)}{module.title(lang)}")
    from parkloop.school.worksheets import facts_text

    doc.para(facts_text(module, lang), 9.5)


def _tick_lines(doc: Doc, texts: list[str]) -> None:
    for text in texts:
        doc.need(10)
        y = doc.pdf.get_y() + 0.8
        doc.tick_box(doc.pdf.l_margin + 1, y, 3.6)
        doc.pdf.set_y(y - 0.6)
        doc.para(text, indent=7)


# --------------------------------------------------------------------------------------------
# the sheets
# --------------------------------------------------------------------------------------------
def prep_doc(module: Module, lang: str) -> Doc:
    """The preparation checklist: booking to deletion, with this module's materials."""
    doc = Doc(lang, f"{module.title(lang)} · {t('lessons.prep.title', lang)}")
    _header(doc, module, lang, "prep")
    values = {
        "devices": module.devices,
        "size": module.group_size,
        "adults": adults_needed(module),
        "days": retention_days(),
        "pre": module.pre_visit_min,
    }
    _tick_lines(doc, [t(f"lessons.prep.{key}", lang, **values) for key in PREP_KEYS])
    doc.heading(t("lessons.prep.materials", lang))
    _tick_lines(
        doc, [line.lstrip("- ").strip() for line in module.text("prep", lang).splitlines() if line.strip()]
    )
    return doc


def safety_doc(module: Module, lang: str) -> Doc:
    """The safety and route sheet, one per accompanying adult."""
    doc = Doc(lang, f"{module.title(lang)} · {t('lessons.safety.title', lang)}")
    _header(doc, module, lang, "safety")
    doc.para(t("lessons.safety.fill_in", lang))
    doc.heading(t("lessons.safety.route", lang))
    w = doc.width
    headers = [t(f"lessons.safety.col.{c}", lang) for c in ("time", "station", "what", "minutes", "walk")]
    doc.table(headers, route_rows(module, lang), [w * 0.1, w * 0.34, w * 0.24, w * 0.13, w * 0.19])
    doc.para(t("lessons.safety.map_note", lang), 9)
    doc.para("• " + t("lessons.walking_total", lang, minutes=walking_minutes(module)), indent=2)
    doc.para("• " + t("lessons.devices", lang, devices=module.devices), indent=2)
    doc.heading(t("lessons.safety.rules_heading", lang))
    values = {
        "children": module.children_per_adult,
        "size": module.group_size,
        "adults": adults_needed(module),
    }
    for key in SAFETY_KEYS:
        doc.para("• " + t(f"lessons.safety.{key}", lang, **values), indent=2)
    return doc


def notice_doc(module: Module, lang: str) -> Doc:
    """家长告知书: what the class session collects and does not, why, where, for how long, the choice."""
    doc = Doc(lang, f"{module.title(lang)} · {t('lessons.notice.title', lang)}")
    doc.title(t("lessons.notice.title", lang))
    doc.para(t("lessons.notice.greeting", lang))
    doc.para(t("lessons.notice.intro", lang, title=module.title(lang), onsite=module.duration_min))
    doc.para(t("lessons.notice.basis", lang))
    for key in NOTICE_KEYS:
        doc.para(
            f"**{t(f'lessons.notice.{key}.head', lang)}**{colon(lang)}"
            + t(f"lessons.notice.{key}", lang, days=retention_days()),
            indent=2,
        )
    doc.need(70)
    doc.pdf.ln(4)
    y = doc.pdf.get_y()
    doc.pdf.set_dash_pattern(dash=2, gap=1.5)
    doc.pdf.line(doc.pdf.l_margin, y, doc.pdf.w - doc.pdf.r_margin, y)
    doc.pdf.set_dash_pattern()
    doc.pdf.ln(2)
    doc.heading(t("lessons.notice.reply", lang))
    doc.para(t("lessons.notice.reply_text", lang, title=module.title(lang)))
    _tick_lines(doc, [t("lessons.notice.agree", lang), t("lessons.notice.paper", lang)])
    doc.para(t("lessons.notice.health", lang))
    doc.write_lines(1)
    doc.para(t("lessons.notice.sign", lang))
    return doc


def evaluation_doc(module: Module, lang: str) -> Doc:
    """The teacher's evaluation form (no name needed): ratings 1–5 and three open questions."""
    doc = Doc(lang, f"{module.title(lang)} · {t('lessons.eval.title', lang)}")
    _header(doc, module, lang, "eval")
    doc.para(t("lessons.eval.intro", lang))
    w = doc.width
    headers = [t("lessons.eval.item", lang), "1", "2", "3", "4", "5"]
    rows = [[t(f"lessons.eval.{key}", lang), "○", "○", "○", "○", "○"] for key in EVAL_KEYS]
    doc.table(headers, rows, [w * 0.6] + [w * 0.08] * 5)
    doc.para(t("lessons.eval.scale", lang), 9)
    for key in ("best", "change", "again"):
        doc.para(f"**{t(f'lessons.eval.{key}', lang)}**")
        doc.write_lines(2)
    return doc


# --------------------------------------------------------------------------------------------
# the picture sheet (grades 1-2): big bins, their names and things that go in them, with pinyin
# --------------------------------------------------------------------------------------------
def picture_words(module: Module, lang: str) -> dict[str, list[tuple[str, str]]]:
    """Section ``pictures``: ``- food: 厨余垃圾=chú yú lā jī; 香蕉皮=xiāng jiāo pí`` → per bin, (word,
    pinyin) pairs; the first is the bin's name. English lines carry no pinyin."""
    from parkloop.school.lessons import parse_question_text

    lines = parse_question_text("x\n" + module.text("pictures", lang))[1]
    words: dict[str, list[tuple[str, str]]] = {}
    for bin_id in BINS:
        pairs = []
        for part in lines.get(bin_id, "").split(";"):
            word, _, pinyin = part.partition("=")
            if word.strip():
                pairs.append((word.strip(), pinyin.strip()))
        words[bin_id] = pairs
    return words


def _ruby(doc: Doc, x: float, y: float, word: str, pinyin: str, size: float) -> float:
    """``word`` at (x, y + pinyin height) with each syllable centred over its character; returns the width."""
    from parkloop.printing import FAMILY

    pdf = doc.pdf
    small = size * 0.5
    syllables = pinyin.split()
    pairs = list(zip(word, syllables, strict=True)) if len(syllables) == len(word) else [(word, pinyin)]
    cursor = x
    for char, syllable in pairs:
        pdf.set_font(FAMILY, "", small)
        syl_w = pdf.get_string_width(syllable)
        pdf.set_font(FAMILY, "B", size)
        char_w = pdf.get_string_width(char)
        width = max(syl_w, char_w) + 1.2
        if syllable:
            pdf.set_font(FAMILY, "", small)
            pdf.set_xy(cursor, y)
            pdf.cell(width, small * 0.45, syllable, align="C")
        pdf.set_font(FAMILY, "B", size)
        pdf.set_xy(cursor, y + small * 0.5)
        pdf.cell(width, size * 0.45, char, align="C")
        cursor += width
    doc.lines.append(word)
    return cursor - x


def pictures_doc(module: Module, lang: str) -> Doc | None:
    """The large-print picture sheet for grades 1–2 (None for other bands)."""
    from parkloop.school.worksheets import is_large_print

    if not is_large_print(module):
        return None
    doc = Doc(lang, f"{module.title(lang)} · {t('lessons.pictures.title', lang)}", large=True)
    doc.title(t("lessons.pictures.title", lang))
    doc.para(t("lessons.pictures.intro", lang), 12)
    names, words, pdf = bin_names(lang), picture_words(module, lang), doc.pdf
    for bin_id in BINS:
        doc.need(60)
        top = pdf.get_y() + 6
        doc.bin_picture(pdf.l_margin + 2, top, 34, bin_id, names[bin_id])
        x0, y = pdf.l_margin + 48, top - 2
        pairs = words[bin_id]
        if pairs:
            _ruby(doc, x0, y, pairs[0][0], pairs[0][1], 26 if lang == "zh" else 20)
        x, y = x0, y + 19
        for word, pinyin in pairs[1:]:
            width = _ruby(doc, x, y, word, pinyin, 18 if lang == "zh" else 15)
            x += width + 10
            if x > pdf.w - pdf.r_margin - 35:
                x, y = x0, y + 15
        pdf.set_xy(pdf.l_margin, max(top + 52, y + 16))
    return doc


HANDOUT_DOCS: dict[str, Callable[[Module, str], Doc | None]] = {
    "prep": prep_doc,
    "safety": safety_doc,
    "notice": notice_doc,
    "pictures": pictures_doc,
    "evaluation": evaluation_doc,
}
"""File kind → the function that lays it out (None: not for this module's band)."""


def handout_pdf(kind: str, module: Module, lang: str) -> bytes | None:
    """The PDF of one handout (``kind`` of :data:`HANDOUT_DOCS`), or None when it is not for this band."""
    doc = HANDOUT_DOCS[kind](module, lang)
    return None if doc is None else pdf_bytes(doc)


HANDOUTS: dict[str, Callable[[Module, str], bytes | None]] = {
    kind: (lambda module, lang, kind=kind: handout_pdf(kind, module, lang)) for kind in HANDOUT_DOCS
}
"""File kind → the function that prints it (None: not for this module's band)."""
