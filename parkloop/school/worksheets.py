"""Print-ready A4 PDFs of the lesson modules — task sheets and teacher's guides, in Chinese and English —
from the same specs and texts as the pages (``python -m parkloop worksheets --out DIR``).

fpdf2 embeds a subset of the CJK font, so a printed sheet looks the same on any computer. The font and
its set-up are :mod:`parkloop.printing`'s; without the font the command stops with one line saying what
to install, instead of printing boxes where the Chinese should be.
"""

from __future__ import annotations

from pathlib import Path

from parkloop.content import t
from parkloop.i18n import SUPPORTED_LANGS
from parkloop.printing import FAMILY, cjk_font, new_pdf, plain
from parkloop.school.lessons import PHASES, Module, load_modules, parse_question_text

BOX = "□"


class _Doc:
    """A thin layer over FPDF: headings, paragraphs with **bold**, bullet lines, write-in lines."""

    def __init__(self, lang: str, footer: str) -> None:
        from fpdf import FPDF

        self.lang = lang

        class Page(FPDF):
            def footer(inner) -> None:  # noqa: N805 - fpdf2's hook
                inner.set_y(-12)
                inner.set_font(FAMILY, "", 8)
                inner.set_text_color(60, 60, 60)
                inner.cell(0, 6, f"{footer} · {inner.page_no()}/{{nb}}", align="C")

        pdf = new_pdf(Page, lang=lang, title=footer, format="A4", unit="mm")
        pdf.set_margins(18, 16, 18)
        pdf.set_auto_page_break(True, margin=18)
        pdf.alias_nb_pages()
        pdf.add_page()
        pdf.set_text_color(17, 24, 39)
        self.pdf = pdf
        self.wrap = "CHAR" if lang == "zh" else "WORD"

    def heading(self, text: str, size: float = 13) -> None:
        self.pdf.ln(2)
        self.pdf.set_font(FAMILY, "B", size)
        self.pdf.multi_cell(0, size * 0.55, plain(text), wrapmode=self.wrap, new_x="LMARGIN", new_y="NEXT")
        self.pdf.ln(1)

    def para(self, text: str, size: float = 10.5, indent: float = 0) -> None:
        self.pdf.set_font(FAMILY, "", size)
        for line in text.splitlines() or [""]:
            line = line.rstrip()
            if not line:
                self.pdf.ln(2)
                continue
            self.pdf.set_x(self.pdf.l_margin + indent)
            # fpdf2's markdown: **bold** only; other markers in our texts are escaped by design (none used)
            self.pdf.multi_cell(
                0, size * 0.5, plain(line), markdown=True, wrapmode=self.wrap, new_x="LMARGIN", new_y="NEXT"
            )
        self.pdf.ln(1)

    def write_lines(self, count: int = 2) -> None:
        self.pdf.set_draw_color(120, 120, 120)
        for _ in range(count):
            self.pdf.ln(7)
            y = self.pdf.get_y()
            self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(3)

    def output(self) -> bytes:
        return bytes(self.pdf.output())


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


def _question_block(doc: _Doc, module: Module, number: int, qid: str, lang: str, boxes: bool = True) -> None:
    question = module.question(qid)
    prompt, options = parse_question_text(module.text(f"q.{qid}", lang))
    doc.para(f"**{number}.** {prompt}")
    if question is not None and question.kind == "model":
        doc.para(t("classes.model_result", lang) + ":", indent=6)
        doc.write_lines(1)
        doc.para(t("classes.teacher.settings", lang) + ":", indent=6)
        doc.write_lines(1)
        return
    for option, text in options.items():
        doc.para(f"{BOX if boxes else ''} {option}. {text}".strip(), indent=6)


def worksheet_pdf(module: Module, lang: str) -> bytes:
    """The student's task sheet: tasks with space to write, then the on-site and quiz questions."""
    title = module.title(lang)
    doc = _Doc(lang, f"{title} · {t('lessons.sheet_title', lang)}")
    doc.heading(f"{t('lessons.sheet_title', lang)}: {title}", 16)
    doc.para(facts_text(module, lang), 9.5)
    doc.para(t("lessons.nickname_line", lang))
    doc.write_lines(1)
    doc.heading(t("lessons.worksheet", lang))
    for line in module.text("worksheet", lang).splitlines():
        if line.strip():
            doc.para(line.strip())
            doc.write_lines(2)
    doc.heading(t("lessons.onsite_questions", lang))
    for number, q in enumerate(module.questions_for("onsite"), start=1):
        _question_block(doc, module, number, q.id, lang)
    doc.heading(t("lessons.quiz", lang))
    for number, q in enumerate(module.questions_for("quiz"), start=1):
        _question_block(doc, module, number, q.id, lang)
    return doc.output()


def guide_pdf(module: Module, lang: str) -> bytes:
    """The teacher's guide: objectives, curriculum links, the 5E sequence, notes and the answer key."""
    title = module.title(lang)
    doc = _Doc(lang, f"{title} · {t('lessons.guide_title', lang)}")
    doc.heading(f"{t('lessons.guide_title', lang)}: {title}", 16)
    doc.para(facts_text(module, lang), 9.5)
    doc.para(module.text("summary", lang))
    doc.heading(t("lessons.objectives", lang))
    for objective in module.objectives:
        doc.para("• " + module.text(f"objective.{objective}", lang), indent=2)
    doc.heading(t("lessons.curriculum", lang))
    for code in module.curriculum:
        doc.para("• " + t(f"lessons.curriculum.{code}", lang), indent=2)
    doc.heading(t("lessons.sequence", lang))
    for phase in PHASES:
        doc.heading(t(f"lessons.phase.{phase}", lang), 11.5)
        for step in (s for s in module.steps if s.phase == phase):
            stage = t(f"lessons.stage.{step.stage}", lang)
            minutes = t("lessons.minutes", lang, minutes=step.minutes)
            doc.para(f"**{stage} · {minutes}**")
            doc.para(module.text(f"step.{step.id}", lang), indent=4)
    doc.heading(t("lessons.worksheet", lang))
    doc.para(module.text("worksheet", lang))
    doc.heading(t("lessons.teacher_notes", lang))
    doc.para(module.text("teacher-notes", lang))
    doc.heading(t("lessons.answer_key", lang))
    numbered = [*module.questions_for("quiz"), *module.questions_for("onsite")]
    for number, q in enumerate(numbered, start=1):
        _question_block(doc, module, number, q.id, lang, boxes=False)
        if q.answer:
            doc.para("**" + t("lessons.answer", lang, option=q.answer) + "**", indent=6)
        else:
            doc.para("**" + t(f"classes.goal.{q.goal}", lang) + "**", indent=6)
        doc.para(module.text(f"why.{q.id}", lang), indent=6)
    return doc.output()


def worksheets(out_dir: Path | str, guides: bool = True) -> list[Path]:
    """Write every module's task sheet (and teacher's guide) in both languages to ``out_dir``:
    ``<module>-worksheet-<lang>.pdf`` and ``<module>-guide-<lang>.pdf``. Returns the files written."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    cjk_font()  # fail early, with the one-line message, before writing anything
    written: list[Path] = []
    for module in load_modules():
        for lang in SUPPORTED_LANGS:
            kinds = [("worksheet", worksheet_pdf)] + ([("guide", guide_pdf)] if guides else [])
            for kind, make in kinds:
                path = out / f"{module.id}-{kind}-{lang}.pdf"
                path.write_bytes(make(module, lang))
                written.append(path)
    return written
