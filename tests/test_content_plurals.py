"""Plural entries (gettext ``msgid_plural`` / ``msgstr[n]``): :func:`parkloop.content.tn` picks the form a
count takes (English two forms, Chinese one), and ``check_content`` fails on an entry missing a form."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from parkloop import content
from parkloop.content import CONTENT_DIR, check_content, plural_rule, t, tn

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _fresh_cache():
    content.clear_cache()
    yield
    content.clear_cache()


@pytest.fixture
def copied(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, root)
    return root


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_languages_plural_rules() -> None:
    assert plural_rule("zh")[0] == 1 and plural_rule("en")[0] == 2
    english = plural_rule("en")[1]
    assert [english(n) for n in (0, 1, 2, 21)] == [1, 0, 1, 1]


@pytest.mark.parametrize(
    "key, fields",
    [
        ("sorting.left", {}),
        ("classes.teacher.answered", {}),
        ("classes.teacher.wrong_item", {"option": "b"}),
        ("classes.unanswered", {}),
    ],
)
def test_one_and_two_differ_in_english_and_not_in_chinese(key: str, fields: dict[str, str]) -> None:
    def said(n: int, lang: str) -> str:
        return tn(key, n, lang, n=str(n), count=str(n), **fields)

    one, two = said(1, "en"), said(2, "en")
    assert one != two.replace("2", "1")  # not just the number: the words change
    assert "1" in one and "2" in two
    assert said(1, "zh").replace("1", "N") == said(2, "zh").replace("2", "N")


def test_the_sorting_game_says_one_thing_left() -> None:
    assert tn("sorting.left", 1, "en", n="1") == "1 thing left to sort."
    assert tn("sorting.left", 3, "en", n="3") == "3 things left to sort."


def test_tn_on_a_plain_key_and_on_a_missing_key_never_raises() -> None:
    assert tn("sorting.hint", 2, "en") == t("sorting.hint", "en")
    assert tn("no.such.key", 1, "zh") == "no.such.key"
    assert tn("sorting.left", float("nan"), "en", n="?") == "? things left to sort."


def _literal_keys(function: str) -> set[str]:
    files = [REPO / "app.py", *(REPO / "exhibits").rglob("*.py"), *(REPO / "parkloop").rglob("*.py")]
    keys = set()
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == function
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                keys.add(node.args[0].value)
    return keys


def test_code_reads_plural_entries_with_tn_and_only_with_tn() -> None:
    plural_keys = set(content._plurals("en", CONTENT_DIR)) | set(content._plurals("zh", CONTENT_DIR))
    assert {"sorting.left", "classes.teacher.answered"} <= plural_keys
    assert sorted(_literal_keys("t") & plural_keys) == []
    read_with_tn = _literal_keys("tn")
    assert "sorting.left" in read_with_tn
    for lang in ("zh", "en"):
        assert sorted(read_with_tn - set(content._plurals(lang, CONTENT_DIR))) == []


@pytest.mark.parametrize("domain", ["classes", "sorting", "air"])
def test_no_count_in_english_is_written_with_s_in_brackets(domain: str) -> None:
    assert "(s)" not in (CONTENT_DIR / "en" / "messages" / f"{domain}.po").read_text(encoding="utf-8")


def test_the_check_fails_on_a_plural_entry_missing_its_english_plural(copied: Path) -> None:
    _replace(copied / "en/messages/sorting.po", 'msgstr[1] "{n} things left to sort."\n', "")
    problems = check_content(copied)
    assert any(
        "en/messages/sorting.po: sorting.left: 1 plural form(s)" in p and "needs 2" in p for p in problems
    )


def test_the_check_fails_on_an_empty_plural_form(copied: Path) -> None:
    _replace(copied / "en/messages/sorting.po", 'msgstr[0] "{n} thing left to sort."', 'msgstr[0] ""')
    assert any("sorting.left: 1 plural form(s)" in p for p in check_content(copied))


def test_the_check_fails_on_a_second_form_in_chinese(copied: Path) -> None:
    _replace(
        copied / "zh/messages/sorting.po",
        'msgstr[0] "还剩{n}样东西。"\n',
        'msgstr[0] "还剩{n}样东西。"\nmsgstr[1] "还剩{n}样东西。"\n',
    )
    assert any("zh/messages/sorting.po" in p for p in check_content(copied))


def test_the_check_fails_on_a_wrong_plural_header(copied: Path) -> None:
    _replace(copied / "zh/messages/sorting.po", "nplurals=1; plural=0;", "nplurals=2; plural=(n != 1);")
    _replace(
        copied / "zh/messages/sorting.po",
        'msgstr[0] "还剩{n}样东西。"\n',
        'msgstr[0] "还剩{n}样东西。"\nmsgstr[1] "x"\n',
    )
    problems = check_content(copied)
    assert any(
        "zh/messages/sorting.po: the header's Plural-Forms gives 2 forms; zh has 1" in p for p in problems
    )
    assert any("sorting.left: 2 plural form(s) filled in; zh needs 1" in p for p in problems)


def test_the_check_fails_when_one_language_has_a_plain_text(copied: Path) -> None:
    path = copied / "zh/messages/sorting.po"
    _replace(path, 'msgid_plural "sorting.left"\nmsgstr[0] "还剩{n}样东西。"', 'msgstr "还剩{n}样东西。"')
    problems = check_content(copied)
    assert any(
        "en/messages/sorting.po: sorting.left: a plural entry here but a plain text in zh" in p
        for p in problems
    )


def test_the_check_fails_on_forms_with_different_placeholders(copied: Path) -> None:
    _replace(
        copied / "en/messages/sorting.po",
        'msgstr[0] "{n} thing left to sort."',
        'msgstr[0] "One thing left."',
    )
    assert any(
        "sorting.left: the plural forms have different placeholders" in p for p in check_content(copied)
    )


def test_the_check_fails_on_chinese_in_an_english_singular_form(copied: Path) -> None:
    _replace(
        copied / "en/messages/sorting.po", 'msgstr[0] "{n} thing left to sort."', 'msgstr[0] "{n} 样 left."'
    )
    assert any("sorting.left[0]: Chinese characters in English text" in p for p in check_content(copied))
