"""parkloop.i18n: language choice and number formatting, with the worked examples of glossary §12."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from parkloop.i18n import (
    MINUS,
    NBSP,
    choose_lang,
    contains_cjk,
    english_safe,
    format_number,
    format_percent,
    format_quantity,
    normalize_lang,
    other_lang,
    plan_section_label,
    round_sig,
    unit_symbol,
)

REPO = Path(__file__).resolve().parents[1]


# --- glossary §12: the plan's figures in both languages ------------------------------------------
@pytest.mark.parametrize(
    ("value", "zh", "en"),
    [
        (180_000, "18万", "180,000"),  # 18万 t CO2 = 180,000 t
        (100_000_000, "1亿", "100 million"),  # 1亿 kWh = 100 million kWh
        (1_070_000, "107万", "1.07 million"),  # 107万 kWh = 1.07 million kWh
        (98_000, "9.8万", "98,000"),  # 9.8万 t/a steam = 98,000 t a year
        (3_000, "3000", "3,000"),  # 3,000 t/d: Chinese groups no number below 1万
        (140_000, "14万", "140,000"),  # 14万 t/a digestate
        (50_000, "5万", "50,000"),  # 5万 Nm3/d biogas
        (23_800, "2.38万", "23,800"),  # 2.38万 t/d
        (120_000_000, "1.2亿", "120 million"),  # the design's "1.2亿 kWh"
        (1_000_000_000, "10亿", "1 billion"),  # 10亿 = one billion
        (1_095_000, "110万", "1.1 million"),  # 3,000 t/d × 365 ≈ "about 1.1 million tonnes"
    ],
)
def test_glossary_examples(value: float, zh: str, en: str) -> None:
    assert format_number(value, "zh") == zh
    assert format_number(value, "en") == en


def test_english_never_uses_short_forms_or_wan() -> None:
    for value in (12_345, 180_000, 2_500_000, 100_000_000, 7.5e9):
        text = format_number(value, "en")
        assert not any(short in text for short in ("K", "M", "万", "亿")), text
        assert "thousand" not in text  # below a million English keeps the digits: 180,000


def test_quantities_have_a_no_break_space_before_the_unit() -> None:
    assert format_quantity(180_000, "t CO2", "en") == f"180,000{NBSP}t{NBSP}CO₂"
    assert format_quantity(100_000_000, "kWh/yr", "en") == f"100 million{NBSP}kWh/yr"
    assert format_quantity(3_000, "t/d", "en") == f"3,000{NBSP}t/d"


def test_chinese_quantities_write_their_units_in_words_unspaced() -> None:
    """The glossary's 18万吨, one form per page: 吨/日、吨/年、千瓦时, never t/d beside 吨/年."""
    assert format_quantity(180_000, "t CO2", "zh") == "18万吨CO₂"
    assert format_quantity(100_000_000, "kWh/yr", "zh") == "1亿千瓦时/年"
    assert format_quantity(4_000, "t/d", "zh") == "4000吨/日"
    assert format_quantity(2_263_000, "t", "zh") == "226万吨"
    assert format_quantity(1_800, "m3/d", "zh") == "1800立方米/日"
    assert format_quantity(120, "mg/L", "zh") == "120毫克/升"
    assert format_quantity(1_250, "kWh", "zh") == "1250千瓦时"  # not 1,250千瓦时
    for unit in ("t", "t/d", "t/yr", "t/a", "kWh", "kWh/yr", "t CO2e/yr", "kg CO2e/t", "m3/yr", "Nm3/d"):
        zh = format_quantity(12_345, unit, "zh")
        assert NBSP not in zh and not re.search(r"\bt/|kWh|/yr|/a\b", zh), (unit, zh)


def test_chinese_groups_no_number_below_ten_thousand() -> None:
    assert format_number(1_250, "zh") == "1250"
    assert format_number(9_999, "zh", exact=True) == "9999"
    assert format_number(1_250, "en") == "1,250"
    assert format_number(12_500, "zh", exact=True) == "12,500"  # from 1万 on the exact figure is grouped


def test_percentages_have_no_space() -> None:
    assert format_quantity(95, "%", "zh") == "95%"
    assert format_percent(0.95, "en") == "95%"
    assert format_percent(0.953, "en") == "95.3%"
    assert format_percent(-0.06, "zh", signed=True) == f"{MINUS}6%"
    assert format_percent(0.05, "en", signed=True) == "+5%"


def test_signs_and_rounding() -> None:
    assert format_number(-180_000, "zh") == f"{MINUS}18万"
    assert format_number(-180_000, "en", signed=True) == f"{MINUS}180,000"
    assert format_number(3_200, "en", signed=True) == "+3,200"
    assert format_number(0, "en", signed=True) == "0"
    assert format_number(328_483_060.65, "zh") == "3.28亿"
    assert format_number(328_483_060.65, "en") == "328 million"
    assert format_number(99_996_000, "zh") == "1亿"  # rounding may carry into the next unit
    assert format_number(0.5306, "en") == "0.531"
    assert format_number(269.79, "en", sig=2) == "270"


def test_exact_keeps_every_digit() -> None:
    assert format_number(328_483_060.65, "en", exact=True) == "328,483,060.65"
    assert format_number(0.5306, "zh", exact=True) == "0.5306"
    assert format_number(1_070_000, "zh", exact=True) == "1,070,000"


@pytest.mark.parametrize("missing", [None, float("nan"), float("inf"), "12", True])
def test_missing_numbers_show_as_missing(missing) -> None:
    assert format_number(missing, "en") == "—"
    assert format_quantity(missing, "t", "zh") == "—"
    assert format_percent(missing, "zh") == "—"


def test_round_sig() -> None:
    assert round_sig(1_095_000, 2) == 1_100_000
    assert round_sig(0.012345, 3) == pytest.approx(0.0123)
    assert round_sig(-98_765, 2) == -99_000
    with pytest.raises(ValueError):
        round_sig(1.0, 0)


def test_units_per_language() -> None:
    assert unit_symbol("t/yr", "zh") == "吨/年"
    assert unit_symbol("t/yr", "en") == "t/yr"
    assert unit_symbol("kg CO2/kWh", "en") == "kg CO₂/kWh"
    assert unit_symbol("yuan/kWh", "zh") == "元/千瓦时"
    assert unit_symbol("t C/yr", "zh") == "t C/年"
    assert unit_symbol("", "en") == ""


# --- choosing the language -----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("zh", "zh"),
        ("en", "en"),
        ("zh-CN", "zh"),
        ("zh_Hans_CN", "zh"),
        ("EN-gb", "en"),
        (" en ", "en"),
        ("fr", None),
        ("", None),
        (None, None),
        ("<script>", None),
        ("english", None),
        (["fr", "en"], "en"),
        (42, None),
        ("e" * 100, None),
    ],
)
def test_normalize_lang(value, expected) -> None:
    assert normalize_lang(value) == expected


def test_choose_lang_order() -> None:
    assert choose_lang("en", "zh", "zh-CN", "zh") == "en"  # ?lang= wins
    assert choose_lang(None, "en", "zh-CN", "zh") == "en"  # then the session
    assert choose_lang("xx", None, "en-US", "zh") == "en"  # odd ?lang= ignored, browser next
    assert choose_lang(None, None, "de-DE", "en") == "en"  # unsupported browser → settings default
    assert choose_lang(None, None, None, "nonsense") == "zh"  # even a bad default never errors
    assert other_lang("zh") == "en" and other_lang("en") == "zh"


# --- English text stays English ------------------------------------------------------------------
def test_plan_sections_in_english() -> None:
    assert plan_section_label("表1-1 #3; 二(一)1", "en") == "Table 1-1 #3; section 2(1)1"
    assert plan_section_label("一(二)", "en") == "section 1(2)"
    assert plan_section_label("三(十二)", "en") == "section 3(12)"
    assert plan_section_label("表1-1 #3; 二(一)1", "zh") == "表1-1 #3; 二(一)1"
    assert contains_cjk(plan_section_label("二(四)3；表1-1 #5", "en")) == []


def test_english_safe() -> None:
    assert english_safe("14万 t/a co-treated") == "140,000 t/a co-treated"
    assert english_safe("green power +107万 kWh (一(三))") == "green power +1,070,000 kWh (section 1(3))"
    assert english_safe("national grid average 2023, 公告2025年第47号") == "national grid average 2023"
    assert (
        english_safe("Beijing's 社会大课堂 programme", allow=["社会大课堂"])
        == "Beijing's 社会大课堂 programme"
    )


def test_babel_locales_are_parsed_once_per_process() -> None:
    """Babel parses a locale given as text on every call; every figure of every rerun is formatted here."""
    from babel.core import Locale

    from parkloop.i18n import babel_locale

    assert isinstance(babel_locale("zh"), Locale) and str(babel_locale("zh")) == "zh_Hans_CN"
    assert babel_locale("zh") is babel_locale("zh-CN") is babel_locale("fr")  # the default for the unknown
    assert babel_locale("en") is babel_locale("en-GB") and str(babel_locale("en")) == "en_GB"
