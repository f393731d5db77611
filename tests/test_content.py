"""parkloop.content: the real content passes its checks; broken content is caught with file and key named;
``t`` and ``page_text`` never raise."""

from __future__ import annotations

import ast
import logging
import shutil
from pathlib import Path

import pytest

from parkloop import content
from parkloop.content import CONTENT_DIR, check_content, markdown_sections, page_section, page_text, t

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fresh_cache():
    content.clear_cache()
    yield
    content.clear_cache()


@pytest.fixture
def broken_content(tmp_path: Path) -> Path:
    """A copy of the real content folder, ready to be broken by a test."""
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    return root


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


# --- the real content ----------------------------------------------------------------------------
def test_real_content_has_no_problems() -> None:
    assert check_content() == []


def test_both_languages_have_the_catalog_and_page_texts() -> None:
    for lang in ("zh", "en"):
        assert (CONTENT_DIR / lang / "messages" / "core.po").is_file()
        assert (CONTENT_DIR / lang / "pages" / "targets.md").is_file()


def _keys_used_in_code() -> set[str]:
    """String literals passed as the first argument of t(...) in app.py, exhibits/ and parkloop/."""
    files = [REPO / "app.py", *(REPO / "exhibits").rglob("*.py"), *(REPO / "parkloop").rglob("*.py")]
    keys = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "t"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.add(node.args[0].value)
    return keys


def test_every_key_the_code_uses_exists_in_both_languages() -> None:
    used = _keys_used_in_code()
    assert "targets.title" in used  # the scan works
    for lang in ("zh", "en"):
        missing = sorted(key for key in used if not content.has_key(key, lang))
        assert missing == [], f"{lang}/messages lacks {missing}"


def test_every_target_and_total_has_words() -> None:
    from parkloop.exhibits.targets import COMPARISON_TOTALS, TARGET_INPUTS

    target_ids = (
        "capacity",
        "green_power",
        "intensity",
        "water_reuse",
        "synergy",
        "co2_reduction",
        "output_value",
        "platform",
        "accounting",
    )
    for lang in ("zh", "en"):
        for target_id in target_ids:
            assert content.has_key(f"targets.indicator.{target_id}", lang)
            assert content.has_key(f"targets.note.{target_id}_note", lang)
        for key, _ in COMPARISON_TOTALS:
            assert content.has_key(f"totals.{key}", lang)
        for keys in TARGET_INPUTS.values():
            for key in keys:
                assert content.has_key(f"input.{key}", lang), key


# --- t / page_text ---------------------------------------------------------------------------------
def test_t_fills_placeholders() -> None:
    assert t("units.points", "en", value="25.2") == "25.2 percentage points"
    assert t("units.points", "zh", value="25.2") == "25.2个百分点"
    assert t("targets.status.short", "en", gap="3") == "✗ Short by 3"


def test_t_never_raises(broken_content: Path, caplog: pytest.LogCaptureFixture) -> None:
    shutil.rmtree(broken_content / "en" / "messages")
    shutil.rmtree(broken_content / "zh" / "messages")
    write(broken_content / "en" / "messages" / "x.po", 'msgid "only.here"\nmsgstr "English only {name}"\n')
    write(broken_content / "zh" / "messages" / "x.po", 'msgid "only.zh_only"\nmsgstr "只有中文"\n')
    with caplog.at_level(logging.WARNING, logger="parkloop.content"):
        # missing in zh → the English text, with a warning
        assert t("only.here", "zh", root=broken_content, name="x") == "English only x"
        # missing everywhere → the key itself
        assert t("no.such.key", "en", root=broken_content) == "no.such.key"
        # a placeholder nobody filled stays visible instead of raising
        assert t("only.here", "en", root=broken_content) == "English only {name}"
        # unsupported language → the default (zh)
        assert t("only.zh_only", "fr", root=broken_content) == "只有中文"
    assert "only.here" in caplog.text and "no.such.key" in caplog.text


def test_t_survives_a_broken_catalog(broken_content: Path) -> None:
    write(broken_content / "zh" / "messages" / "targets.po", 'msgid "targets.title\nmsgstr "oops')
    assert t("targets.title", "zh", root=broken_content) == t("targets.title", "en")


def test_page_sections() -> None:
    intro = page_section("targets", "intro", "en")
    assert intro.startswith("The plan of the Beijing Chaoyang Circular Economy Industrial Park")
    assert "<!--" not in intro
    assert page_section("targets", "no-such-section", "zh") == ""
    assert page_text("no-such-page", "en") == ""
    assert markdown_sections("a\n<!-- section: x -->\nb\n<!-- section: y -->\nc") == {
        "": "a",
        "x": "b",
        "y": "c",
    }


# --- check_content catches each kind of problem, naming file and key -----------------------------
def test_missing_file_is_named(broken_content: Path) -> None:
    (broken_content / "en" / "pages" / "targets.md").unlink()
    assert "en/pages/targets.md: missing (present in zh/)" in check_content(broken_content)


def test_missing_key_is_named(broken_content: Path) -> None:
    path = broken_content / "en" / "messages" / "targets.po"
    path.write_text(
        path.read_text(encoding="utf-8").replace('msgid "targets.page_title"\nmsgstr "2026 targets"\n', ""),
        encoding="utf-8",
    )
    problems = check_content(broken_content)
    assert (
        "en/messages/targets.po: targets.page_title: missing (present in zh/messages/targets.po)" in problems
    )


def test_missing_markdown_section_is_named(broken_content: Path) -> None:
    path = broken_content / "zh" / "pages" / "targets.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("<!-- section: net_negative -->", ""), encoding="utf-8")
    problems = check_content(broken_content)
    assert "zh/pages/targets.md: section net_negative: missing (present in en/pages/targets.md)" in problems


def test_placeholder_mismatch_is_named(broken_content: Path) -> None:
    path = broken_content / "en" / "messages" / "core.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace('msgstr "{value} percentage points"', 'msgstr "{amount} percentage points"'),
        encoding="utf-8",
    )
    problems = check_content(broken_content)
    assert any(
        p.startswith("en/messages/core.po: units.points: placeholders ['amount'] differ from zh ['value']")
        for p in problems
    ), problems


def test_chinese_in_english_is_named(broken_content: Path) -> None:
    path = broken_content / "en" / "messages" / "targets.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgstr "✓ Met"', 'msgstr "✓ Met 已达到"'), encoding="utf-8")
    problems = check_content(broken_content)
    assert (
        "en/messages/targets.po: targets.status.met: Chinese characters in English text: 已达到" in problems
    )


def test_allowed_chinese_terms_pass(broken_content: Path) -> None:
    path = broken_content / "en" / "messages" / "targets.po"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('msgstr "✓ Met"', 'msgstr "✓ Met (公众说碳)"'), encoding="utf-8")
    assert check_content(broken_content) == []


def test_untranslated_text_bad_catalog_and_bad_toml_are_named(broken_content: Path) -> None:
    path = broken_content / "zh" / "messages" / "core.po"
    path.write_text(path.read_text(encoding="utf-8").replace('msgstr "语言"', 'msgstr ""'), encoding="utf-8")
    write(broken_content / "zh" / "extra.toml", "x = = 1")
    write(broken_content / "en" / "extra.toml", 'x = "1"')
    write(broken_content / "zh" / "messages" / "bad.po", 'msgid "a"\nmsgstr "甲"\nmsgid "b\nmsgstr ""\n')
    write(broken_content / "en" / "messages" / "bad.po", 'msgid "a"\nmsgstr "A"\n')
    problems = check_content(broken_content)
    assert "zh/messages/core.po: lang.label: missing (present in en/messages/core.po)" in problems
    assert any(p.startswith("zh/extra.toml: not valid TOML") for p in problems), problems
    assert any(p.startswith("zh/messages/bad.po: not a valid gettext catalog") for p in problems), problems


def test_a_key_defined_twice_is_named(broken_content: Path) -> None:
    for lang in ("zh", "en"):
        write(broken_content / lang / "messages" / "dup.po", 'msgid "app.name"\nmsgstr "X"\n')
    problems = check_content(broken_content)
    assert "zh/messages/dup.po: app.name: already defined in zh/messages/core.po" in problems


def test_missing_language_folder(tmp_path: Path) -> None:
    write(tmp_path / "zh" / "messages" / "core.po", 'msgid "a"\nmsgstr "甲"\n')
    problems = check_content(tmp_path)
    assert "en/: folder missing" in problems
    assert "en/messages/core.po: missing (present in zh/)" in problems
