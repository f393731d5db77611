"""Printing: the CJK font and the fpdf2 set-up shared by worksheets, posters and the passport certificate.

Print and pictures embed the font, so a sheet looks the same on any computer. The font is Debian's
fonts-noto-cjk: ``NotoSansCJK-{Regular,Bold}.ttc`` collections hold one face per region (JP, KR, SC, TC,
HK…) and the Simplified Chinese face is found by its family name inside each collection — in the bold
file it sits at the same index, but a lookup by full name ("… SC Bold") would miss it and fall back to
the Japanese glyph shapes. Without the font, :func:`cjk_font` stops with one line saying what to install.
"""

from __future__ import annotations

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
