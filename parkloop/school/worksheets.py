"""Print-ready A4 PDFs of the lesson modules — the student's task sheet and the teacher's guide (with the
rubric, the reference answers and the answer key), in Chinese and English — from the same specs and
texts as the pages (``python -m parkloop worksheets --out DIR``). The sheets a teacher needs beside the
lesson (preparation checklist, safety and route, parental notice, picture sheet, evaluation form) are
:mod:`parkloop.school.handouts`'; this module's :func:`worksheets` writes them all.

One numbering everywhere (:func:`parkloop.school.lessons.numbering`): 现场1… for the tasks and on-site
questions, 小测1… for the quiz, on the sheet, in the guide and in the key. Each task prints as its kind
(lines to match, pictures to circle, tick boxes, a drawing box, a table, a claim–evidence–reasoning
frame). Quiz options can be shuffled per printed version (``variant``): the key follows the version.

fpdf2 embeds a subset of the CJK font (the Simplified Chinese faces), so a printed sheet looks the same on
any computer; without the font the command stops with one line saying what to install.
"""

from __future__ import annotations

from pathlib import Path

from parkloop.content import t
from parkloop.i18n import SUPPORTED_LANGS
from parkloop.printing import write_paragraph
from parkloop.school.dashboard import constraint_lines
from parkloop.school.lessons import (
    BINS,
    PHASES,
    RUBRIC_LEVELS,
    Module,
    Question,
    Task,
    load_modules,
    numbering,
    option_order,
    parse_question_text,
)
from parkloop.school.pdfdoc import BAND_PT, INK, LARGE_PRINT_BANDS, Doc, bin_names, colon, pdf_bytes

LETTERS = "ABCDEFGH"


def facts_text(module: Module, lang: str) -> str:
    """The module's facts in one line: grade band, minutes on site, before and after, group size."""
    return t(
        "lessons.facts",
        lang,
        band=t(f"lessons.band.{module.grade_band}", lang),
        onsite=module.duration_min,
        pre=module.pre_visit_min,
        post=module.post_visit_min,
        size=module.group_size,
    )


def is_large_print(module: Module) -> bool:
    return module.grade_band in LARGE_PRINT_BANDS


def label(part: str, number: int, lang: str) -> str:
    """现场1, 小测2 … (On site 1, Quiz 2 …)."""
    return t(f"lessons.label.{part}", lang, n=number)


def labels(module: Module, lang: str) -> dict[str, str]:
    """Task or question id → its printed label."""
    return {item: label(part, number, lang) for part, number, item in numbering(module)}


def station_text(station: str | None, lang: str) -> str:
    """ "第3站·垃圾池与发电" for a tour station id (its number on the park's posters), or ""."""
    if not station:
        return ""
    from parkloop.tours.data import tours_or_none

    tours = tours_or_none()
    number = tours.stations[station].number if tours and station in tours.stations else 0
    return t("lessons.station", lang, number=number, name=t(f"tours.station.{station}.title", lang))


def answer_letter(question: Question, variant: int) -> str:
    """The printed letter of the right option in ``variant`` (0: the written order)."""
    order = option_order(question, variant)
    return LETTERS[order.index(question.answer)] if question.answer in order else "?"


# --------------------------------------------------------------------------------------------
# tasks, printed as their kind
# --------------------------------------------------------------------------------------------
def _item_texts(module: Module, task: Task, lang: str) -> dict[str, str]:
    names = bin_names(lang)
    texts = parse_question_text(module.text(f"task.{task.id}", lang))[1]
    return {i: names[i] if i in BINS else texts.get(i, i) for i in (*task.items, *task.targets)}


def _checklist(doc: Doc, module: Module, task: Task, lang: str) -> None:
    texts = _item_texts(module, task, lang)
    if all(i in BINS for i in task.items):
        centres = doc.bin_row(list(task.items), texts)
        side = 9.0 if doc.large else 6.0
        y = doc.pdf.get_y()
        for x in centres:
            doc.tick_box(x - side / 2, y, side)
        doc.pdf.set_y(y + side + 2)
        return
    side = 7.0 if doc.large else 4.5
    for item in task.items:
        doc.need(side + 4)
        y = doc.pdf.get_y() + 1
        doc.tick_box(doc.pdf.l_margin + 4, y, side)
        doc.pdf.set_y(y + (side - doc.size * 0.5) / 2)
        doc.para(texts[item], indent=side + 8)
        doc.pdf.set_y(max(doc.pdf.get_y(), y + side + 2))


def _circle(doc: Doc, module: Module, task: Task, lang: str) -> None:
    texts = _item_texts(module, task, lang)
    if all(i in BINS for i in task.items):
        doc.bin_row(list(task.items), texts)
        return
    doc.para("    ".join(f"（{texts[i]}）" if lang == "zh" else f"( {texts[i]} )" for i in task.items))


def match_row_height(doc: Doc, task: Task) -> float:
    return 14.0 if doc.large else 10.0


def task_height(doc: Doc, task: Task) -> float:
    """About how tall a task's answer space prints [mm], so a label never sits alone at a page's foot."""
    bins = bool(task.items) and all(i in BINS for i in task.items)
    bin_row = (22.0 if doc.large else 18.0) * 1.05 + 10 + doc.size * 0.5
    heights = {
        "checklist": bin_row + 14 if bins else len(task.items) * (doc.size * 0.6 + 3),
        "circle": bin_row if bins else doc.size,
        "match": bin_row + 58
        if bins
        else max(len(task.items), len(task.targets)) * match_row_height(doc, task),
        "table": (len(task.targets) or task.rows) * (16.0 if doc.large else 11.0) + 14,
        "cer": 3 * ((26.0 if doc.large else 22.0) + 3),
        "draw": 75.0 if doc.large else 55.0,
        "write": task.lines * (11.0 if doc.large else 8.0) + 3,
    }
    return min(heights[task.kind], 200.0)


def _split_at_colon(text: str) -> list[str]:
    """ "焚烧发电厂：变成电" → two lines, the colon ending the first (a box reads better so)."""
    for mark in ("：", ": "):
        head, found, tail = text.partition(mark)
        if found and tail:
            return [head + found.strip(), tail]
    return [text]


def _match_pictures(doc: Doc, task: Task, texts: dict[str, str]) -> None:
    """Bins in a row, their targets in boxes below: the child draws a line from each dot to a box."""
    pdf = doc.pdf
    centres = doc.bin_row(list(task.items), texts)
    top = pdf.get_y()
    pdf.set_fill_color(*INK)
    for x in centres:
        pdf.ellipse(x - 1.8, top, 3.6, 3.6, style="F")
    gap = 3.0
    box_w = (doc.width - gap * (len(task.targets) - 1)) / len(task.targets)
    size = doc.size - 2 if doc.large else doc.size
    lines = max(
        sum(len(doc.wrap(part, box_w - 4, size)) for part in _split_at_colon(texts[t])) for t in task.targets
    )
    box_y, box_h = top + 26, max(24.0, lines * size * 0.5 + 6)
    doc.need(box_h + 30)
    for index, target in enumerate(task.targets):
        x = pdf.l_margin + index * (box_w + gap)
        pdf.set_draw_color(*INK)
        pdf.set_line_width(0.4)
        pdf.rect(x, box_y, box_w, box_h, round_corners=True, corner_radius=2)
        pdf.ellipse(x + box_w / 2 - 1.8, box_y - 1.8, 3.6, 3.6, style="F")
        pdf.set_xy(x, box_y + 3)
        for part in _split_at_colon(texts[target]):
            doc.lines += write_paragraph(
                pdf, part, size, indent=x - pdf.l_margin + 2, width=box_w - 4,
                line_height=size * 0.5, align="C",
            )  # fmt: skip
    pdf.set_xy(pdf.l_margin, box_y + box_h + 4)


def _match(doc: Doc, module: Module, task: Task, lang: str) -> None:
    """Two columns with a dot each: the child draws a line from each item to its target."""
    texts = _item_texts(module, task, lang)
    if all(i in BINS for i in task.items):
        _match_pictures(doc, task, texts)
        return
    pdf = doc.pdf
    row_h = match_row_height(doc, task)
    top = pdf.get_y() + 2
    left_w, right_x = doc.width * 0.36, pdf.l_margin + doc.width * 0.66
    bottom = top
    pdf.set_fill_color(*INK)
    for column, ids in ((0, task.items), (1, task.targets)):
        y = top
        for item in ids:
            pdf.set_xy(pdf.l_margin, y)
            indent = 0.0 if column == 0 else right_x - pdf.l_margin
            doc.lines += write_paragraph(
                pdf, texts[item], doc.size, indent=indent, width=left_w - 6, line_height=doc.size * 0.5
            )
            dot_x = pdf.l_margin + left_w - 2 if column == 0 else right_x - 6
            pdf.ellipse(dot_x, y + doc.size * 0.25 - 1.5, 3, 3, style="F")
            y = max(pdf.get_y() + 2, y + row_h)
        bottom = max(bottom, y)
    pdf.set_xy(pdf.l_margin, bottom + 2)


def _table(doc: Doc, module: Module, task: Task, lang: str) -> None:
    texts = _item_texts(module, task, lang)
    headers = [texts[i] for i in task.items]
    if task.targets:
        rows = [[texts[r]] + [""] * (len(headers) - 1) for r in task.targets]
    else:
        rows = [[""] * len(headers) for _ in range(task.rows)]
    doc.table(headers, rows)


def _cer(doc: Doc, lang: str) -> None:
    height = 26.0 if doc.large else 22.0
    for part in ("claim", "evidence", "reasoning"):
        doc.box(height, t(f"lessons.cer.{part}", lang))


def print_task(doc: Doc, module: Module, task: Task, tag: str, lang: str) -> None:
    """One task: its label, station, instruction, then the space to answer in the task's form."""
    prompt = parse_question_text(module.text(f"task.{task.id}", lang))[0]
    station = station_text(task.station, lang)
    doc.need(doc.size * 1.6 + task_height(doc, task))
    doc.label(tag, prompt)
    if station:
        doc.para(station, doc.size - 1 if doc.large else 9, indent=4)
    if task.kind == "checklist":
        _checklist(doc, module, task, lang)
    elif task.kind == "circle":
        _circle(doc, module, task, lang)
    elif task.kind == "match":
        _match(doc, module, task, lang)
    elif task.kind == "table":
        _table(doc, module, task, lang)
    elif task.kind == "cer":
        _cer(doc, lang)
    elif task.kind == "draw":
        doc.box(75.0 if doc.large else 55.0)
    else:
        doc.write_lines(task.lines)
    doc.pdf.ln(2)


def print_question(doc: Doc, module: Module, q: Question, tag: str, lang: str, variant: int = 0) -> None:
    """A question with its options in the order of ``variant`` (letters A, B, C … by position)."""
    prompt, options = parse_question_text(module.text(f"q.{q.id}", lang))
    doc.need(12 + (45 if q.bins and doc.large else doc.size * 0.6 * len(options)))
    doc.label(tag, prompt)
    if q.kind == "model":
        for rule in constraint_lines(q, lang):  # the rules that stop a corner from winning
            doc.para(f"• {rule}", indent=6)
        doc.para(t("classes.model_result", lang) + colon(lang).rstrip(), indent=6)
        doc.write_lines(1)
        doc.para(t("classes.teacher.settings", lang) + colon(lang).rstrip(), indent=6)
        doc.write_lines(1)
        return
    order = option_order(q, variant)
    if q.bins and doc.large:
        _bin_options(doc, q, order, lang)
        return
    for letter, option in zip(LETTERS, order, strict=False):
        doc.para(f"□ {letter}. {options.get(option, '')}", indent=6)
    doc.pdf.ln(1)


def _bin_options(doc: Doc, q: Question, order: tuple[str, ...], lang: str) -> None:
    """Options that are bins, as a row of bin pictures with the letter and a tick box under each."""
    names = bin_names(lang)
    centres = doc.bin_row([q.bins[o] for o in order], names, 16.0)
    y = doc.pdf.get_y()
    side = 7.0
    for letter, x in zip(LETTERS, centres, strict=False):
        doc.tick_box(x - side - 1, y, side)
        doc.pdf.set_xy(x + 1, y)
        doc.pdf.cell(10, side, letter)
    doc.pdf.set_y(y + side + 2)


# --------------------------------------------------------------------------------------------
# the student's sheet
# --------------------------------------------------------------------------------------------
def worksheet_pdf(module: Module, lang: str, variant: int = 0) -> bytes:
    """The student's task sheet: the tasks and on-site questions (现场…), then the quiz (小测…) on a page of
    its own, so it can be printed for the pre- and the post-visit lesson."""
    return pdf_bytes(worksheet_doc(module, lang, variant))


def worksheet_doc(module: Module, lang: str, variant: int = 0) -> Doc:
    title = module.title(lang)
    large = is_large_print(module)
    doc = Doc(
        lang, f"{title} · {t('lessons.sheet_title', lang)}", large=large, size=BAND_PT.get(module.grade_band)
    )
    doc.title(f"{t('lessons.sheet_title', lang)}{colon(lang)}{title}")
    doc.para(facts_text(module, lang), 12 if large else 9.5)
    doc.para(t("lessons.nickname_line", lang))
    doc.write_lines(1)
    tags = labels(module, lang)
    doc.heading(t("lessons.onsite_work", lang))
    for task in module.tasks:
        print_task(doc, module, task, tags[task.id], lang)
    for q in module.questions_for("onsite"):
        print_question(doc, module, q, tags[q.id], lang)
    doc.page()
    quiz_title = t("lessons.quiz", lang)
    if variant:
        quiz_title += " · " + t("lessons.variant", lang, variant=variant + 1)
    doc.heading(quiz_title)
    doc.para(t("lessons.nickname_line", lang))
    doc.write_lines(1)
    for q in module.questions_for("quiz"):
        print_question(doc, module, q, tags[q.id], lang, variant)
    return doc


# --------------------------------------------------------------------------------------------
# the teacher's guide
# --------------------------------------------------------------------------------------------
def _sequence(doc: Doc, module: Module, lang: str) -> None:
    doc.heading(t("lessons.sequence", lang))
    for phase in PHASES:
        doc.heading(t(f"lessons.phase.{phase}", lang), doc.size + 1)
        for step in (s for s in module.steps if s.phase == phase):
            if step.walk_min:
                doc.para("→ " + t("lessons.walk", lang, minutes=step.walk_min), indent=2)
            head = [t(f"lessons.stage.{step.stage}", lang), t("lessons.minutes", lang, minutes=step.minutes)]
            if step.station:
                head.append(station_text(step.station, lang))
            doc.para("**" + " · ".join(head) + "**")
            doc.para(module.text(f"step.{step.id}", lang), indent=4)


def rubric_table(doc: Doc, module: Module, lang: str) -> None:
    doc.heading(t("lessons.rubric", lang))
    headers = [t("lessons.rubric.criterion", lang)] + [
        t(f"lessons.rubric.{lv}", lang) for lv in RUBRIC_LEVELS
    ]
    rows = [[row["name"]] + [row[lv] for lv in RUBRIC_LEVELS] for row in module.rubric_rows(lang)]
    w = doc.width
    doc.table(headers, rows, [w * 0.19, w * 0.27, w * 0.27, w * 0.27])


def _answer_key(doc: Doc, module: Module, lang: str, variants: int) -> None:
    doc.heading(t("lessons.answer_key", lang))
    tags = labels(module, lang)
    for part, _number, item in numbering(module):
        task = module.task(item)
        if task is not None:
            doc.need(18)
            doc.label(tags[item], parse_question_text(module.text(f"task.{item}", lang))[0], doc.size)
            doc.para(
                "**" + t("lessons.reference_answer", lang) + "**" + module.text(f"answer.{item}", lang),
                indent=6,
            )
            continue
        q = module.question(item)
        if q is None:
            continue
        print_question(doc, module, q, tags[item], lang)
        if q.answer:
            key = t("lessons.answer", lang, option=answer_letter(q, 0))
            if part == "quiz" and variants > 1:
                others = [
                    t("lessons.variant_answer", lang, variant=v + 1, option=answer_letter(q, v))
                    for v in range(1, variants)
                ]
                open_, sep, close = ("（", "；", "）") if lang == "zh" else (" (", "; ", ")")
                key += open_ + sep.join(others) + close
            doc.para("**" + key + "**", indent=6)
        else:
            doc.para("**" + t(f"classes.goal.{q.goal}", lang) + "**", indent=6)
        doc.para(module.text(f"why.{q.id}", lang), indent=6)


def guide_pdf(module: Module, lang: str, variants: int = 1) -> bytes:
    """The teacher's guide: objectives, curriculum, people and devices, the timetable with stations and
    walks, notes, differentiation, the rubric, using the results, reference answers and the key."""
    return pdf_bytes(guide_doc(module, lang, variants))


def guide_doc(module: Module, lang: str, variants: int = 1) -> Doc:
    from parkloop.school.handouts import logistics_lines

    title = module.title(lang)
    doc = Doc(lang, f"{title} · {t('lessons.guide_title', lang)}")
    doc.title(f"{t('lessons.guide_title', lang)}{colon(lang)}{title}")
    doc.para(facts_text(module, lang), 9.5)
    doc.para(module.text("summary", lang))
    doc.heading(t("lessons.objectives", lang))
    for objective in module.objectives:
        doc.para("• " + module.text(f"objective.{objective}", lang), indent=2)
    doc.heading(t("lessons.curriculum", lang))
    for code in module.curriculum:
        doc.para("• " + t(f"lessons.curriculum.{code}", lang), indent=2)
    doc.heading(t("lessons.logistics", lang))
    for line in logistics_lines(module, lang):
        doc.para("• " + line, indent=2)
    _sequence(doc, module, lang)
    doc.heading(t("lessons.teacher_notes", lang))
    doc.para(module.text("teacher-notes", lang))
    doc.heading(t("lessons.differentiation", lang))
    doc.para(f"**{t('lessons.support', lang)}**{colon(lang)}{module.text('support', lang)}")
    doc.para(f"**{t('lessons.extension', lang)}**{colon(lang)}{module.text('extension', lang)}")
    rubric_table(doc, module, lang)
    doc.heading(t("lessons.results_heading", lang))
    doc.para(t("lessons.results_text", lang))
    _answer_key(doc, module, lang, variants)
    return doc


# --------------------------------------------------------------------------------------------
# the command
# --------------------------------------------------------------------------------------------
def worksheets(out_dir: Path | str, guides: bool = True, variants: int = 1) -> list[Path]:
    """Write every module's printables in both languages to ``out_dir``: ``<module>-worksheet-<lang>.pdf``
    (and ``-worksheet-v2-`` … for versions with the quiz options shuffled), and with ``guides`` the
    teacher's guide and the sheets beside the lesson (:data:`parkloop.school.handouts.HANDOUTS`).
    Returns the files written."""
    from parkloop.printing import cjk_font
    from parkloop.school import handouts

    out = Path(out_dir)
    cjk_font()  # fail early, with the one-line message, before writing anything
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def write(name: str, data: bytes) -> None:
        path = out / name
        path.write_bytes(data)
        written.append(path)

    for module in load_modules():
        for lang in SUPPORTED_LANGS:
            write(f"{module.id}-worksheet-{lang}.pdf", worksheet_pdf(module, lang))
            for variant in range(1, variants):
                name = f"{module.id}-worksheet-v{variant + 1}-{lang}.pdf"
                write(name, worksheet_pdf(module, lang, variant))
            if not guides:
                continue
            write(f"{module.id}-guide-{lang}.pdf", guide_pdf(module, lang, variants))
            for kind, make in handouts.HANDOUTS.items():
                data = make(module, lang)
                if data is not None:
                    write(f"{module.id}-{kind}-{lang}.pdf", data)
    return written
