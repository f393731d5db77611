"""The A4 PDFs: they render, have pages, embed the CJK font, and the Chinese sheet carries Chinese text.

No PDF reader is installed in the venv, so the test reads the PDF itself: page objects, the embedded
font's name, and the ToUnicode maps fpdf2 writes for the glyphs it used (a glyph is in the subset only if
some text on the page used it)."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import pytest

from parkloop import printing
from parkloop.school import worksheets
from parkloop.school.lessons import get_module


def _streams(data: bytes) -> list[bytes]:
    out = []
    for raw in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            out.append(zlib.decompress(raw))
        except zlib.error:
            out.append(raw)
    return out


def unicode_of_used_glyphs(data: bytes) -> str:
    """Every character the PDF's ToUnicode maps name (bfchar and bfrange entries)."""
    chars: list[str] = []
    for stream in _streams(data):
        for block in re.findall(rb"beginbfchar(.*?)endbfchar", stream, re.S):
            for _, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                chars.append(bytes.fromhex(dst.decode()).decode("utf-16-be", "replace"))
        for block in re.findall(rb"beginbfrange(.*?)endbfrange", stream, re.S):
            for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
                first = int(dst, 16)
                chars.extend(chr(first + i) for i in range(int(hi, 16) - int(lo, 16) + 1))
    return "".join(chars)


def page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", data))


@pytest.fixture(scope="module")
def sheets() -> dict[str, bytes]:
    module = get_module("four-bins")
    return {
        "zh": worksheets.worksheet_pdf(module, "zh"),
        "en": worksheets.worksheet_pdf(module, "en"),
        "guide-zh": worksheets.guide_pdf(module, "zh"),
    }


def test_pdfs_are_a4_with_pages(sheets) -> None:
    for data in sheets.values():
        assert data.startswith(b"%PDF-")
        assert 1 <= page_count(data) <= 12
        assert re.search(rb"/MediaBox\s*\[\s*0(\.0+)?\s+0(\.0+)?\s+595\.2\d*\s+841\.8\d*", data), "A4"
    assert page_count(sheets["guide-zh"]) >= 2


def test_chinese_text_and_font_are_embedded(sheets) -> None:
    data = sheets["zh"]
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+NotoSansCJKSC", data), "the CJK font subset is embedded"
    assert b"/FontFile2" in data or b"/FontFile3" in data
    used = unicode_of_used_glyphs(data)
    title = get_module("four-bins").title("zh")
    assert title == "四个垃圾桶的旅行"
    assert set(title) <= set(used), "the zh sheet's title glyphs are in the embedded subset"
    assert set("有害垃圾") <= set(used)


def test_english_sheet_has_no_chinese_beyond_the_allowed_bin_names(sheets) -> None:
    used = unicode_of_used_glyphs(sheets["en"])
    cjk = {ch for ch in used if "\u4e00" <= ch <= "\u9fff"}
    allowed = set("厨余垃圾可回收物有害其他")
    assert cjk <= allowed


def test_worksheets_command_writes_every_module(tmp_path, monkeypatch) -> None:
    module = get_module("four-bins")
    monkeypatch.setattr(worksheets, "load_modules", lambda: (module,))
    written = worksheets.worksheets(tmp_path, guides=False)
    assert sorted(p.name for p in written) == ["four-bins-worksheet-en.pdf", "four-bins-worksheet-zh.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF-") for p in written)


def test_missing_font_is_one_clear_error(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(printing, "REGULAR", Path("/nonexistent/a.ttc"))
    with pytest.raises(printing.FontMissing, match="fonts-noto-cjk"):
        worksheets.worksheets(tmp_path)
    assert list(tmp_path.iterdir()) == []
