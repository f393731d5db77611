"""The A4 PDFs: they render, have pages, embed the CJK font, and the Chinese sheet carries Chinese text.

No PDF reader is installed in the venv, so the test reads the PDF itself: page objects, the embedded
font's name, and the ToUnicode maps fpdf2 writes for the glyphs it used (a glyph is in the subset only if
some text on the page used it)."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from pathlib import Path

import pytest

from parkloop import printing
from parkloop.printing import NO_LINE_END, NO_LINE_START, bold_runs, wrap_runs
from parkloop.school import handouts, worksheets
from parkloop.school.lessons import BINS, RUBRIC_LEVELS, get_module, load_modules, numbering, option_order
from parkloop.school.pdfdoc import Doc, bin_colours


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


# ----------------------------------------------------------------------------------------------
# what a teacher checks on paper (issue 17 §3–4)
# ----------------------------------------------------------------------------------------------
MODULES = load_modules()


@pytest.fixture(scope="module")
def zh_docs() -> dict[str, Doc]:
    """The printed lines of the zh sheets of a young and an old band, and of the handouts."""
    docs: dict[str, Doc] = {}
    for mid in ("four-bins", "water-and-stone"):
        module = get_module(mid)
        docs[f"{mid}-worksheet"] = worksheets.worksheet_doc(module, "zh")
        docs[f"{mid}-guide"] = worksheets.guide_doc(module, "zh")
    module = get_module("four-bins")
    for kind, make in handouts.HANDOUT_DOCS.items():
        docs[f"four-bins-{kind}"] = make(module, "zh")
    return docs


def test_bold_chinese_is_the_simplified_chinese_bold_face(sheets) -> None:
    fonts = set(re.findall(rb"/BaseFont\s*/[A-Z]{6}\+([A-Za-z-]+)", sheets["guide-zh"]))
    assert b"NotoSansCJKSCBold" in fonts, fonts
    assert b"NotoSansCJKSC" in fonts
    assert not any(b"JP" in f or b"KR" in f or b"TC" in f for f in fonts), fonts


def test_line_breaking_keeps_the_chinese_rules() -> None:
    text = "用过的纸巾是湿的，纤维太短，做不成新纸。所以放进**灰色桶**：其他垃圾。（不是蓝色桶）"
    for width in range(3, 30):
        lines = wrap_runs(bold_runs(text), width, lambda chunk, bold: 2.0 * len(chunk))
        printed = ["".join(chunk for chunk, _ in line) for line in lines]
        assert "".join(printed) == text.replace("**", "")
        for line in printed[1:]:
            assert line[0] not in NO_LINE_START, (width, printed)
        for line in printed[:-1]:
            assert line[-1] not in NO_LINE_END, (width, printed)


def test_no_printed_line_starts_with_closing_punctuation(zh_docs) -> None:
    for name, doc in zh_docs.items():
        assert doc.lines, name
        bad = [line for line in doc.lines if line and line[0] in NO_LINE_START]
        assert bad == [], name


def test_chinese_sheets_use_full_width_colons(zh_docs) -> None:
    for name, doc in zh_docs.items():
        ascii_after_cjk = [line for line in doc.lines if re.search(r"[\u4e00-\u9fff）]\s?:", line)]
        assert ascii_after_cjk == [], name


def test_grade_1_2_sheet_is_large_print_with_the_four_bins_drawn() -> None:
    module = get_module("four-bins")
    data = worksheets.worksheet_pdf(module, "zh")
    sizes = Counter(
        float(size) for stream in _streams(data) for size in re.findall(rb"/F\d+\s+([\d.]+)\s+Tf", stream)
    )
    body = {size: n for size, n in sizes.items() if size > 8}  # the footer is 8 pt
    assert max(body, key=body.get) >= 14, sizes
    assert min(body) >= 11, sizes
    fills = {
        tuple(round(float(x) * 255) for x in op.split())
        for stream in _streams(data)
        for op in re.findall(rb"([\d.]+ [\d.]+ [\d.]+) rg", stream)
    }
    for bin_id, rgb in bin_colours().items():
        assert rgb in fills, f"bin {bin_id} is not drawn in its colour"
    assert set(BINS) == set(bin_colours())


def _starts(lines: list[str], labels: list[str]) -> list[str]:
    """The labels (现场1 …) that begin a printed line, in order."""
    return [lab for line in lines for lab in labels if line.startswith(lab + " ")]


def test_one_numbering_in_sheet_guide_and_key(zh_docs) -> None:
    for mid in ("four-bins", "water-and-stone"):
        module = get_module(mid)
        labels = [worksheets.label(part, n, "zh") for part, n, _ in numbering(module)]
        assert labels[0] == "现场1" and "小测1" in labels

        sheet = _starts(zh_docs[f"{mid}-worksheet"].lines, labels)
        guide = zh_docs[f"{mid}-guide"].lines
        key = _starts(guide[next(i for i, line in enumerate(guide) if line == "答案与解析") :], labels)
        assert sheet == labels, mid
        assert key == labels, mid


def test_answer_keys_are_balanced() -> None:
    letters = Counter(q.options.index(q.answer) for m in MODULES for q in m.questions if q.kind == "choice")
    total = sum(letters.values())
    assert total >= 30
    assert max(letters.values()) / total <= 0.40, letters


def test_the_right_option_is_not_given_away_by_its_length() -> None:
    only_longest = total = 0
    for m in MODULES:
        for q in (q for q in m.questions if q.kind == "choice"):
            for lang in ("zh", "en"):
                lengths = {k: len(v) for k, v in m.option_texts(q.id, lang).items()}
                total += 1
                longest = max(lengths.values())
                only_longest += lengths[q.answer] == longest and list(lengths.values()).count(longest) == 1
    assert only_longest / total <= 0.35


def test_options_shuffle_per_seed_and_the_key_follows() -> None:
    q = get_module("four-bins").question("battery")
    assert option_order(q, 0) == q.options
    orders = {option_order(q, seed) for seed in range(1, 30)}
    assert len(orders) > 5 and all(sorted(o) == sorted(q.options) for o in orders)
    assert option_order(q, "student-token") == option_order(q, "student-token")
    for variant in range(4):
        letter = worksheets.answer_letter(q, variant)
        assert option_order(q, variant)["ABCD".index(letter)] == q.answer


def test_every_module_has_a_rubric_reference_answers_and_differentiation() -> None:
    for m in MODULES:
        assert 3 <= len(m.rubric) <= 4, m.id
        for lang in ("zh", "en"):
            for row in m.rubric_rows(lang):
                assert row["name"] and all(row[level].strip() for level in RUBRIC_LEVELS), (m.id, lang)
            assert m.tasks, m.id
            for task in m.tasks:
                assert m.text(f"answer.{task.id}", lang).strip(), (m.id, task.id, lang)
            assert m.text("support", lang).strip() and m.text("extension", lang).strip()


def test_at_most_one_plan_figure_per_quiz() -> None:
    for m in MODULES:
        quiz = {q.id for q in m.questions_for("quiz")}
        asked = {f["question"] for f in m.facts if f.get("source") in ("scenario", "target")} & quiz
        assert len(asked) <= 1, m.id


def test_on_site_steps_name_their_station_and_long_visits_have_a_break() -> None:
    from parkloop.tours.data import load_tours

    stations = load_tours().stations
    for m in MODULES:
        onsite = [s for s in m.steps if s.phase == "onsite"]
        assert all(s.station in stations for s in onsite if s.stage != "break"), m.id
        assert m.onsite_minutes() == m.duration_min
        assert sum(s.walk_min for s in onsite) > 0, m.id
        assert m.devices > 0 and m.children_per_adult > 0
        if m.duration_min >= 150:
            assert any(s.stage == "break" for s in onsite), m.id


def test_safety_sheet_lists_the_route_and_the_notice_the_privacy_facts(zh_docs) -> None:
    module = get_module("four-bins")
    safety = " ".join(zh_docs["four-bins-safety"].lines)
    for step in (s for s in module.steps if s.phase == "onsite" and s.station):
        assert worksheets.station_text(step.station, "zh") in safety
    for word in ("集合点", "厕所", "包头", "成人", "步行"):
        assert word in safety, word
    notice = " ".join(zh_docs["four-bins-notice"].lines)
    assert "儿童个人信息网络保护规定" in notice
    assert f"{handouts.retention_days()}天" in notice
    for word in ("昵称或座号", "姓名", "删除", "纸质任务单", "签字"):
        assert word in notice, word


def test_picture_sheet_with_pinyin_only_for_grades_1_2(zh_docs) -> None:
    lines = zh_docs["four-bins-pictures"].lines
    assert {"厨余垃圾", "可回收物", "有害垃圾", "其他垃圾"} <= set(lines)
    words = handouts.picture_words(get_module("four-bins"), "zh")
    assert all(pinyin for pairs in words.values() for _, pinyin in pairs)
    assert handouts.pictures_doc(get_module("water-and-stone"), "zh") is None


def test_every_handout_prints_for_every_module_in_both_languages(tmp_path, monkeypatch) -> None:
    module = get_module("carbon-ledger")
    monkeypatch.setattr(worksheets, "load_modules", lambda: (module,))
    written = worksheets.worksheets(tmp_path, variants=2)
    names = {p.name for p in written}
    for lang in ("zh", "en"):
        for kind in ("worksheet", "worksheet-v2", "guide", "prep", "safety", "notice", "evaluation"):
            assert f"carbon-ledger-{kind}-{lang}.pdf" in names
    assert not any("pictures" in n for n in names)
    assert all(page_count(p.read_bytes()) >= 1 for p in written)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_model_challenge_prints_its_rule(lang: str) -> None:
    # the rule is what stops a corner of the sliders from winning; a printed sheet without it would set a
    # different task from the one on the join page
    from parkloop.school.dashboard import constraint_lines

    module = get_module("carbon-ledger")
    model_questions = [q for q in module.questions if q.kind == "model"]
    assert model_questions
    rules = [rule for q in model_questions for rule in constraint_lines(q, lang)]
    assert rules
    printed = "".join(worksheets.worksheet_doc(module, lang).lines).replace(" ", "")
    for rule in rules:
        assert rule.replace(" ", "")[:12] in printed, rule
