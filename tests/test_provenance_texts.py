"""Provenance notes, model warnings and source titles in both languages, and the checks that keep them so."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from parkloop import cli
from parkloop.content import CONTENT_DIR, clear_cache
from parkloop.i18n import contains_cjk
from parkloop.model import load_scenario
from parkloop.model.messages import WARNINGS, parse_warning, warning, warning_fields
from parkloop.provenance import (
    check_provenance_texts,
    check_source_titles,
    describe_provenance,
    load_sources,
    note_locations,
    provenance_to_dict,
    source_label,
    warning_text,
)

SOURCES = load_sources()


def test_the_shipped_notes_warnings_and_titles_are_complete() -> None:
    assert check_provenance_texts() == []
    assert check_source_titles() == []


@pytest.mark.parametrize("name", ["baseline-2023", "plan-2026"])
def test_every_scenario_note_reads_in_the_visitors_language(name: str) -> None:
    scenario = load_scenario(name)
    for key, provenance in scenario.provenance.items():
        zh = describe_provenance(provenance_to_dict(provenance), "zh", SOURCES)
        en = describe_provenance(provenance_to_dict(provenance), "en", SOURCES)
        assert contains_cjk(zh.label), (key, zh.label)
        if zh.detail:
            assert contains_cjk(zh.detail), (key, zh.detail)
            # no English prose left: between the Chinese at most a formula, a standard, a symbol
            for run in re.split(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’—…]+", zh.detail):
                words = re.findall(r"[A-Za-z]{3,}", run)
                assert len(words) < 3, (key, zh.detail)
        assert contains_cjk(en.label + en.detail) == [], (key, en.label, en.detail)


def test_every_note_location_has_both_languages() -> None:
    locations = note_locations()
    assert len(locations) > 150  # scenarios, schema defaults and factors
    keys = {location.key for location in locations}
    assert "prov.note.plan-2026.incineration.tonnes_per_day" in keys
    assert "prov.note.default.leachate.cod_removal" in keys
    assert "prov.note.factors.constants.biodiesel_t_co2_per_t_oil" in keys


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    clear_cache()
    yield root
    clear_cache()


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_missing_chinese_note_is_named(content_copy: Path) -> None:
    po = content_copy / "zh" / "messages" / "provenance.po"
    _edit(po, 'msgid "prov.note.plan-2026.leachate.m3_per_day"', 'msgid "prov.note.plan-2026.leachate.gone"')
    problems = check_provenance_texts(content_copy)
    assert any("prov.note.plan-2026.leachate.m3_per_day: no zh text" in p for p in problems), problems
    assert any("prov.note.plan-2026.leachate.gone: no data file writes this note" in p for p in problems)


def test_a_changed_data_note_asks_for_new_words(content_copy: Path) -> None:
    po = content_copy / "en" / "messages" / "provenance.po"
    text = po.read_text(encoding="utf-8")
    key = "prov.note.plan-2026.solar.kwp"
    fingerprint = re.search(rf'en-hash: (\w+)\nmsgid "{re.escape(key)}"', text).group(1)
    _edit(po, f'en-hash: {fingerprint}\nmsgid "{key}"', f'en-hash: 0000000000\nmsgid "{key}"')
    problems = check_provenance_texts(content_copy)
    assert any(f"en/messages/provenance.po: {key}: the data's note changed" in p for p in problems), problems


def test_an_english_copy_in_the_chinese_catalog_is_named(content_copy: Path) -> None:
    po = content_copy / "zh" / "messages" / "provenance.po"
    _edit(po, 'msgstr "各厂全年运行；不考虑检修停运。"', 'msgstr "the plants run all year"')
    problems = check_provenance_texts(content_copy)
    assert any("scenario.days_per_year: the Chinese note has no Chinese" in p for p in problems), problems


def test_a_warning_without_words_or_with_other_numbers_is_named(content_copy: Path) -> None:
    _edit(content_copy / "zh" / "messages" / "model.po", "{effluent}", "{value}")
    _edit(
        content_copy / "en" / "messages" / "model.po",
        'msgid "warning.kitchen_waste.steam_unused"',
        'msgid "x"',
    )
    problems = check_provenance_texts(content_copy)
    assert any("zh/messages: warning.leachate.cod_above_limit: placeholders" in p for p in problems), problems
    assert any(
        "en/messages: warning.kitchen_waste.steam_unused: the model's warning has no en" in p
        for p in problems
    )


@pytest.mark.parametrize("key", sorted(WARNINGS))
def test_every_warning_round_trips_and_reads_in_both_languages(key: str) -> None:
    fields = {name: 123.4 for name in warning_fields(key)}
    english = warning(key, **fields)
    assert parse_warning(english) == (key, {name: "123" for name in fields})
    zh, en = warning_text(english, "zh"), warning_text(english, "en")
    assert contains_cjk(zh) and english not in zh and "{" not in zh
    assert contains_cjk(en) == [] and "{" not in en
    for name in fields:
        assert "123" in zh and "123" in en, name


def test_an_unknown_warning_passes_through() -> None:
    assert parse_warning("something else happened") is None
    assert warning_text("something else happened", "zh") == "something else happened"


def test_the_model_still_says_its_warnings_in_the_same_english() -> None:
    """The golden files and the command line keep the words they always had."""
    assert warning("leachate.cod_above_limit", effluent=120.2, limit=100.0) == (
        "leachate: the treated water holds 120 mg/L COD, above the 100 mg/L of GB 16889 — raise cod_removal"
    )


def test_source_titles_per_language() -> None:
    assert (
        source_label("ipcc-2006-v5", "zh", SOURCES)
        == "《2006年IPCC国家温室气体清单指南》第5卷：废弃物（2006年）"
    )
    assert source_label("ipcc-2006-v5", "en", SOURCES).startswith("2006 IPCC Guidelines for National")
    assert "生态环境部" in source_label("mee-grid-baseline-2019", "zh", SOURCES)
    for source_id in SOURCES:
        assert contains_cjk(source_label(source_id, "zh", SOURCES)), source_id
        assert contains_cjk(source_label(source_id, "en", SOURCES)) == [], source_id
    bad = {"x": {"title": "中文标题"}, "y": {"title": "English", "title_zh": "English", "title_en": "英文"}}
    assert check_source_titles(bad) == [
        "data/sources.toml: x: title_zh missing or not Chinese",
        "data/sources.toml: x: a Chinese title needs title_en",
        "data/sources.toml: y: title_zh missing or not Chinese",
        "data/sources.toml: y: title_en holds Chinese characters",
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_sources_prints_every_note_in_the_language(lang: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["sources", "--lang", lang, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["figures"]
    assert len(rows) > 200
    for row in rows:
        shown = row["label"] + row["text"]
        if lang == "zh":
            assert contains_cjk(row["label"]), row
            assert not row["text"] or contains_cjk(row["text"]), row
        else:
            assert contains_cjk(shown) == [], row
    assert cli.main(["sources", "--lang", lang]) == 0
    assert "园区实施方案" in capsys.readouterr().out if lang == "zh" else True


def test_a_note_naming_a_project_file_is_named(content_copy: Path) -> None:
    po = content_copy / "zh" / "messages" / "provenance.po"
    _edit(po, 'msgstr "各厂全年运行；不考虑检修停运。"', 'msgstr "各厂全年运行，见factors.md。"')
    problems = check_provenance_texts(content_copy)
    assert any("scenario.days_per_year: the note names a project file (factors.md)" in p for p in problems)
