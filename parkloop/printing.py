"""Printing: the CJK font and the fpdf2 set-up shared by worksheets, posters and the passport certificate.

Print and pictures embed the font, so a sheet looks the same on any computer. The font is Debian's
fonts-noto-cjk: ``NotoSansCJK-{Regular,Bold}.ttc`` collections hold one face per region (JP, KR, SC, TC,
HK…) and the Simplified Chinese face is found by its family name inside each collection — in the bold
file it sits at the same index, but a lookup by full name ("… SC Bold") would miss it and fall back to
the Japanese glyph shapes. Without the font, :func:`cjk_font` stops with one line saying what to install.

Line breaking is ours, not fpdf2's: fpdf2 breaks Chinese at any character, so a line could start with
"。" or "，". :func:`wrap_runs` breaks at spaces (English) or between characters (Chinese) and keeps the
Chinese line-breaking rules (禁则): closing punctuation (。，、：；！？」）…) never starts a line, opening
brackets (「（“) never end one; :func:`write_paragraph` prints the lines, with **bold** runs.
"""

from __future__ import annotations

import re
import warnings
from functools import lru_cache
from pathlib import Path
from typing import Any

FONT_DIR = Path("/usr/share/fonts/opentype/noto")
REGULAR = FONT_DIR / "NotoSansCJK-Regular.ttc"
BOLD = FONT_DIR / "NotoSansCJK-Bold.ttc"
FAMILY_NAME = "Noto Sans CJK SC"
"""The family (OpenType name ID 1) of the Simplified Chinese face in both collections."""
FAMILY = "parkloop-cjk"
"""The name the PDFs give the embedded font (``pdf.set_font(FAMILY, "B", 12)``)."""
PDF_LANG = {"zh": "zh-CN", "en": "en-GB"}

_SUBSCRIPTS = str.maketrans("₀₁₂₃₄₅₆₇₈₉", "0123456789")

NO_LINE_START = frozenset("。，、：；！？）」』】》〉”’…·％%℃!),.:;?]}—～")
"""Characters a line must not start with (closing punctuation, 行首禁则)."""
NO_LINE_END = frozenset("（「『【《〈“‘([{")
"""Characters a line must not end with (opening brackets and quotes, 行尾禁则)."""
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_LATIN_RUN = re.compile(r"[A-Za-z0-9_\u00c0-\u024f\u0300-\u036f'’.,:;!?%/()\[\]+\-–=<>≤≥×·°]+")

Run = tuple[str, bool]
"""A piece of text and whether it is bold."""


class FontMissing(RuntimeError):
    """The CJK font needed for the PDFs is not installed."""


def plain(text: str) -> str:
    """Noto Sans CJK has no subscript digits: CO₂ prints as CO2 (still unambiguous on paper)."""
    return text.translate(_SUBSCRIPTS)


@lru_cache(maxsize=4)
def collection_index(path: str, family: str = FAMILY_NAME) -> int:
    """The index of the face of ``family`` inside a TTC collection; 0 if the collection has none."""
    from fontTools.ttLib import TTCollection

    collection = TTCollection(path, lazy=True)
    for index, font in enumerate(collection.fonts):
        if font["name"].getDebugName(1) == family:
            return index
    return 0


def cjk_font() -> tuple[Path, Path]:
    """(regular, bold) font files — bold falls back to regular; raises :class:`FontMissing`."""
    if not REGULAR.is_file():
        raise FontMissing(
            f"the CJK font {REGULAR.name} is missing: install Debian's fonts-noto-cjk "
            "(apt-get install fonts-noto-cjk) to print worksheets and posters"
        )
    return REGULAR, BOLD if BOLD.is_file() else REGULAR


def add_cjk_font(pdf: Any) -> None:
    """Embed the regular and bold Simplified Chinese faces in ``pdf`` as :data:`FAMILY`."""
    regular, bold = cjk_font()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # fpdf2 warns about TTC subsetting details it handles itself
        pdf.add_font(FAMILY, "", str(regular), collection_font_number=collection_index(str(regular)))
        pdf.add_font(FAMILY, "B", str(bold), collection_font_number=collection_index(str(bold)))


def new_pdf(pdf_class: type | None = None, *, lang: str | None = None, title: str = "", **page: Any) -> Any:
    """An fpdf2 document (``pdf_class`` or ``FPDF``, with ``page`` passed on: format, unit, orientation)
    with the CJK font embedded, its language and title set, and ParkLoop as its creator."""
    if pdf_class is None:
        from fpdf import FPDF

        pdf_class = FPDF
    pdf = pdf_class(**page)
    add_cjk_font(pdf)
    if lang is not None:
        pdf.set_lang(PDF_LANG.get(lang, lang))
    if title:
        pdf.set_title(title)
    pdf.set_creator("ParkLoop")
    return pdf


def image_font(size: int, bold: bool = False) -> Any:
    """The CJK face as a Pillow font (the passport certificate); Pillow's default font without it."""
    from PIL import ImageFont

    try:
        regular, bold_file = cjk_font()
        path = bold_file if bold else regular
        return ImageFont.truetype(str(path), size=size, index=collection_index(str(path)))
    except (FontMissing, OSError):  # Latin still renders, Chinese would not — `parkloop check` warns
        return ImageFont.load_default(size=size)


# --------------------------------------------------------------------------------------------
# line breaking (Chinese rules) and paragraphs with bold runs
# --------------------------------------------------------------------------------------------
def bold_runs(text: str) -> list[Run]:
    """``"a **b** c"`` → ``[("a ", False), ("b", True), (" c", False)]`` (only ``**bold**`` is markup)."""
    runs: list[Run] = []
    end = 0
    for match in _BOLD.finditer(text):
        if match.start() > end:
            runs.append((text[end : match.start()], False))
        runs.append((match.group(1), True))
        end = match.end()
    if end < len(text):
        runs.append((text[end:], False))
    return [run for run in runs if run[0]]


def _pieces(runs: list[Run]) -> list[list[Run]]:
    """Unbreakable pieces: a Latin word, a space, or one Chinese character, glued by the 禁则 rules."""
    pieces: list[list[Run]] = []
    for text, bold in runs:
        pos = 0
        while pos < len(text):
            match = _LATIN_RUN.match(text, pos)
            chunk = match.group(0) if match else text[pos]
            pos += len(chunk)
            glue = bool(pieces) and (
                chunk[0] in NO_LINE_START or (pieces[-1][-1][0][-1:] in NO_LINE_END and chunk != " ")
            )
            if glue and not chunk.isspace():
                pieces[-1].append((chunk, bold))
            else:
                pieces.append([(chunk, bold)])
    return pieces


def wrap_runs(runs: list[Run], width: float, measure: Any) -> list[list[Run]]:
    """Break ``runs`` into lines no wider than ``width`` (``measure(text, bold)`` gives a width); a piece
    wider than a line is put on a line of its own. Spaces at a line's start or end are dropped."""
    lines: list[list[Run]] = [[]]
    used = 0.0
    for piece in _pieces(runs):
        size = sum(measure(text, bold) for text, bold in piece)
        blank = all(text.isspace() for text, _ in piece)
        if used + size > width and lines[-1]:
            lines.append([])
            used = 0.0
        if blank and not lines[-1]:
            continue
        lines[-1].extend(piece)
        used += size
    out = []
    for line in lines:
        while line and line[-1][0].isspace():
            line.pop()
        merged: list[Run] = []
        for text, bold in line:
            if merged and merged[-1][1] == bold:
                merged[-1] = (merged[-1][0] + text, bold)
            else:
                merged.append((text, bold))
        out.append(merged)
    return out or [[]]


def write_paragraph(
    pdf: Any,
    text: str,
    size: float,
    *,
    indent: float = 0,
    line_height: float | None = None,
    width: float | None = None,
    align: str = "L",
) -> list[str]:
    """Print ``text`` (``**bold**`` allowed) from the current position with our line breaking; returns
    the printed lines as plain text (tests read them)."""
    line_height = line_height or size * 0.5
    left = pdf.l_margin + indent
    width = width or (pdf.w - pdf.r_margin - left)

    def measure(chunk: str, bold: bool) -> float:
        pdf.set_font(FAMILY, "B" if bold else "", size)
        return pdf.get_string_width(chunk)

    printed = []
    for line in wrap_runs(bold_runs(plain(text)), width, measure):
        if pdf.will_page_break(line_height):
            pdf.add_page()
        total = sum(measure(chunk, bold) for chunk, bold in line)
        pdf.set_x(left + (width - total) / 2 if align == "C" else left)
        for chunk, bold in line:
            pdf.set_font(FAMILY, "B" if bold else "", size)
            pdf.cell(pdf.get_string_width(chunk), line_height, chunk)
        pdf.ln(line_height)
        printed.append("".join(chunk for chunk, _ in line))
    pdf.set_font(FAMILY, "", size)
    return printed
