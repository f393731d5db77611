"""Languages and number formatting for visitors — pure functions, no Streamlit.

The Streamlit side (reading ``?lang=``, session state, the browser locale) lives in
:mod:`parkloop.ui.session`; it calls :func:`choose_lang` here so the choice itself is testable.

Number rules follow the project glossary, §12 "Number formatting":

* Chinese keeps 万 (10^4) and 亿 (10^8): ``18万 t``, ``1亿 kWh``, ``1.2亿``, ``9.8万``.
* English groups digits in threes with commas below a million and uses the long words above it:
  ``180,000``, ``1.07 million``, ``100 million`` — never ``180K`` or ``100M``.
* Visitors see figures rounded to a few significant figures (3 by default); the exact value is one
  tap away (``format_number(..., exact=True)``).
* A space separates number and unit symbol in English (``3,000 t``); Chinese writes unit words unspaced
  (``18万吨``, ``4000吨/日``) and no digit grouping below 1万; percentages take no space (``95%``).

Every function is per call and per language: nothing here touches ``gettext.install`` or the
process locale, because all Streamlit sessions share one process.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import cache, lru_cache

from babel.core import Locale
from babel.numbers import format_compact_decimal, format_decimal

from parkloop import settings

SUPPORTED_LANGS: tuple[str, ...] = settings.LANGUAGES
DEFAULT_LANG = str(settings.default("default_lang"))
"""The project's default language: the ``default_lang`` setting's default, where a bad setting falls back."""
BABEL_LOCALES: dict[str, str] = settings.LOCALES

MINUS = "\u2212"  # a real minus sign reads better than a hyphen in tables
NBSP = "\u00a0"  # between a number and its unit, so "18万 t" never breaks across lines
DEFAULT_SIG_FIGS = 3

_LANG_PATTERN = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_].*)?$")


# --------------------------------------------------------------------------------------------
# choosing the language
# --------------------------------------------------------------------------------------------
def normalize_lang(value: object) -> str | None:
    """Map a language tag to a supported language, or ``None`` if it is not one of ours.

    Accepts what browsers and URLs send: ``"zh"``, ``"zh-CN"``, ``"zh_Hans_CN"``, ``"EN-gb"``.
    Anything else (``"fr"``, ``""``, ``None``, ``"<script>"``, a list) gives ``None`` — never an error.
    """
    if value in SUPPORTED_LANGS:  # what nearly every call passes: a page's own language
        return value  # type: ignore[return-value]
    if isinstance(value, list | tuple):
        value = value[-1] if value else None
    if not isinstance(value, str) or len(value) > 40:
        return None
    match = _LANG_PATTERN.match(value.strip())
    if not match:
        return None
    lang = match.group(1).lower()
    return lang if lang in SUPPORTED_LANGS else None


def choose_lang(
    query_value: object = None,
    session_value: object = None,
    browser_locale: object = None,
    default: object = DEFAULT_LANG,
) -> str:
    """The language for this run: ``?lang=`` → session state → browser locale → settings default.

    The first value that names a supported language wins; unsupported or malformed values are
    skipped silently. If even ``default`` is unusable the project default ``"zh"`` is used.
    """
    for candidate in (query_value, session_value, browser_locale, default):
        lang = normalize_lang(candidate)
        if lang:
            return lang
    return DEFAULT_LANG


def other_lang(lang: str) -> str:
    """The other supported language (``"zh"`` ↔ ``"en"``)."""
    return "en" if normalize_lang(lang) == "zh" else "zh"


def babel_locale(lang: str) -> Locale:
    """The Babel locale of ``lang`` (``zh_Hans_CN``, ``en_GB``), parsed once per process: Babel parses a
    locale given as text on every call, and every number on every rerun went through here."""
    return _parsed_locale(
        BABEL_LOCALES.get(normalize_lang(lang) or DEFAULT_LANG, BABEL_LOCALES[DEFAULT_LANG])
    )


@cache
def _parsed_locale(code: str) -> Locale:
    return Locale.parse(code)


# --------------------------------------------------------------------------------------------
# numbers
# --------------------------------------------------------------------------------------------
def round_sig(value: float, sig: int = DEFAULT_SIG_FIGS) -> float:
    """Round to ``sig`` significant figures (``round_sig(1_095_000, 2) == 1_100_000``)."""
    if sig < 1:
        raise ValueError("sig must be >= 1")
    if value == 0 or not math.isfinite(value):
        return value
    digits = sig - int(math.floor(math.log10(abs(value)))) - 1
    rounded = round(value, digits)
    # round() on floats can leave 1.0700000000000001e6; a second pass through repr-rounding cleans it.
    return float(f"{rounded:.{max(sig, 1)}g}") if digits < 0 else rounded


def _sign(value: float, signed: bool) -> str:
    if value < 0:
        return MINUS
    if signed and value > 0:
        return "+"
    return ""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def format_number(
    value: float | int | None,
    lang: str,
    *,
    sig: int | None = DEFAULT_SIG_FIGS,
    exact: bool = False,
    signed: bool = False,
    max_decimals: int = 6,
) -> str:
    """A number for visitors in ``lang``.

    ``format_number(180_000, "zh") == "18万"``; ``format_number(180_000, "en") == "180,000"``;
    ``format_number(100_000_000, "en") == "100 million"``; ``format_number(98_000, "zh") == "9.8万"``.

    ``exact=True`` (or ``sig=None``) keeps every digit (up to ``max_decimals`` decimals) with the
    locale's grouping — the figure shown behind "Where does this number come from?".
    ``signed=True`` puts ``+`` before positive values (for changes). ``None``, NaN and infinities
    give ``"—"``: a missing number is shown as missing, never as 0.
    """
    if not _is_number(value):
        return "—"
    lang = normalize_lang(lang) or DEFAULT_LANG
    sign = _sign(value, signed)
    magnitude = abs(value)
    if exact or sig is None:
        body = format_decimal(
            round(magnitude, max_decimals),
            locale=babel_locale(lang),
            decimal_quantization=False,
            group_separator=_grouped(magnitude, lang),
        )
        return sign + body

    magnitude = round_sig(magnitude, sig)
    if magnitude == 0:
        return "0"
    return sign + _rounded_text(magnitude, lang, sig)


@lru_cache(maxsize=4096)
def _rounded_text(magnitude: float, lang: str, sig: int) -> str:
    """A positive number already rounded to ``sig`` significant figures, as text in ``lang``. Cached:
    rounded numbers repeat (a slider's positions, every page's plan figures), and Babel looks its
    patterns up again for every number (issue 18: 6 % of a slider move)."""
    locale = babel_locale(lang)
    if lang == "zh" and magnitude >= 10_000:
        return format_compact_decimal(magnitude, locale=locale, format_type="short", fraction_digits=sig)
    if lang == "en" and magnitude >= 1_000_000:
        return format_compact_decimal(magnitude, locale=locale, format_type="long", fraction_digits=sig)
    return format_decimal(
        magnitude, locale=locale, decimal_quantization=False, group_separator=_grouped(magnitude, lang)
    )


def _grouped(magnitude: float, lang: str) -> bool:
    """Whether to group digits: Chinese groups no number below 1万 (4000, not 4,000: the content
    review); English always groups."""
    return not (lang == "zh" and magnitude < 10_000)


def format_percent(
    fraction: float | None,
    lang: str,
    *,
    decimals: int = 1,
    signed: bool = False,
) -> str:
    """A share or a change as a percentage: ``format_percent(0.95, "en") == "95%"``.

    ``fraction`` is a ratio (0.95 → 95%, -0.06 → −6%). Trailing zeros are dropped
    (``0.953`` → ``95.3%``, ``0.95`` → ``95%``). No space before ``%`` (glossary §12).
    """
    if not _is_number(fraction):
        return "—"
    lang = normalize_lang(lang) or DEFAULT_LANG
    percent = round(abs(fraction) * 100, decimals)
    sign = _sign(round(fraction * 100, decimals), signed)
    body = format_decimal(percent, locale=babel_locale(lang), decimal_quantization=False)
    return f"{sign}{body}%"


# --------------------------------------------------------------------------------------------
# units
# --------------------------------------------------------------------------------------------
# Unit symbols as the model names them (ASCII, e.g. "t CO2e/yr") → how a visitor reads them. Chinese
# writes its units in words, one form on every page (吨/日、吨/年、千瓦时, glossary §9 and the content
# review): the symbols t/d, t/a, kWh are for English and for tables' own headings. English keeps "t/yr"
# (glossary §9: not "t/a").
_UNIT_SYMBOLS: dict[str, dict[str, str]] = {
    "t": {"zh": "吨", "en": "t"},
    "t/yr": {"zh": "吨/年", "en": "t/yr"},
    "t/a": {"zh": "吨/年", "en": "t/yr"},
    "t/d": {"zh": "吨/日", "en": "t/d"},
    "t/h": {"zh": "吨/小时", "en": "t/h"},
    "kWh": {"zh": "千瓦时", "en": "kWh"},
    "kWh/yr": {"zh": "千瓦时/年", "en": "kWh/yr"},
    "kWh/a": {"zh": "千瓦时/年", "en": "kWh/yr"},
    "kWh/t": {"zh": "千瓦时/吨", "en": "kWh/t"},
    "kW": {"zh": "千瓦", "en": "kW"},
    "MW": {"zh": "兆瓦", "en": "MW"},
    "m3": {"zh": "立方米", "en": "m³"},
    "m3/yr": {"zh": "立方米/年", "en": "m³/yr"},
    "m3/d": {"zh": "立方米/日", "en": "m³/d"},
    "Nm3": {"zh": "标准立方米", "en": "Nm³"},
    "Nm3/yr": {"zh": "标准立方米/年", "en": "Nm³/yr"},
    "Nm3/d": {"zh": "标准立方米/日", "en": "Nm³/d"},
    "mg/L": {"zh": "毫克/升", "en": "mg/L"},
    "t CO2e/yr": {"zh": "吨CO₂e/年", "en": "t CO₂e/yr"},
    "t CO2/yr": {"zh": "吨CO₂/年", "en": "t CO₂/yr"},
    "t CH4/yr": {"zh": "吨CH₄/年", "en": "t CH₄/yr"},
    "t CO2e": {"zh": "吨CO₂e", "en": "t CO₂e"},
    "t CO2": {"zh": "吨CO₂", "en": "t CO₂"},
    "kg CO2e/t": {"zh": "千克CO₂e/吨", "en": "kg CO₂e/t"},
    "yuan/yr": {"zh": "元/年", "en": "yuan/yr"},
    "yuan": {"zh": "元", "en": "yuan"},
    "kWh/kWp/yr": {"zh": "千瓦时/千瓦/年", "en": "kWh/kWp/yr"},
    "t/t": {"zh": "吨/吨", "en": "t/t"},
}

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def unit_symbol(unit: str | None, lang: str) -> str:
    """How ``unit`` is printed in ``lang``; unknown units pass through with CO2/m3 prettified."""
    if not unit:
        return ""
    lang = normalize_lang(lang) or DEFAULT_LANG
    known = _UNIT_SYMBOLS.get(unit.strip())
    if known:
        return known[lang]
    pretty = re.sub(r"\b(CO|CH|N)(\d)", lambda m: m.group(1) + m.group(2).translate(_SUBSCRIPTS), unit)
    pretty = re.sub(r"m3\b", "m³", pretty)
    if lang == "zh":
        pretty = re.sub(r"/(yr|a)\b", "/年", pretty)
        pretty = re.sub(r"\byuan\b", "元", pretty)
        pretty = re.sub(r"\bkWh\b", "千瓦时", pretty)
        pretty = re.sub(r"\bt(?=/|$)", "吨", pretty)
        pretty = re.sub(r"/d\b", "/日", pretty)
    return pretty


def _is_percent_unit(unit: str | None) -> bool:
    return (unit or "").strip() in {"%", "percent"}


def format_quantity(
    value: float | int | None,
    unit: str | None,
    lang: str,
    *,
    sig: int | None = DEFAULT_SIG_FIGS,
    exact: bool = False,
    signed: bool = False,
) -> str:
    """Number and unit: ``format_quantity(180_000, "t CO2", "zh") == "18万吨CO₂"``,
    ``format_quantity(180_000, "t CO2", "en") == "180,000\u00a0t\u00a0CO₂"``.

    In English the space between number and unit is a no-break space (glossary §12 asks for a space; a
    line break there would strand the unit); Chinese writes its unit words unspaced after the number.

    ``unit="%"`` means ``value`` is already in percent (``95`` → ``95%``), as the plan writes its
    targets; use :func:`format_percent` for ratios.
    """
    if _is_percent_unit(unit):
        if not _is_number(value):
            return "—"
        return format_percent(value / 100, lang, signed=signed, decimals=3 if exact else 1)
    number = format_number(value, lang, sig=sig, exact=exact, signed=signed)
    symbol = unit_symbol(unit, lang)
    if number == "—" or not symbol:
        return number
    if contains_cjk(symbol[0]):  # 18万吨, 5.21亿千瓦时/年: Chinese units follow the number unspaced
        return f"{number}{symbol}"
    return f"{number}{NBSP}{symbol.replace(' ', NBSP)}"


# --------------------------------------------------------------------------------------------
# plan references
# --------------------------------------------------------------------------------------------
_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}


def _cn_numeral_to_int(text: str) -> int:
    """Small Chinese numerals as used in section headings: 一 … 十九, 二十 …."""
    if text == "十":
        return 10
    if text.startswith("十"):
        return 10 + _CN_DIGITS[text[1]]
    if len(text) >= 2 and text[1] == "十":
        return _CN_DIGITS[text[0]] * 10 + (_CN_DIGITS[text[2]] if len(text) > 2 else 0)
    return _CN_DIGITS[text]


def plan_section_label(ref: str | None, lang: str) -> str:
    """A section reference of the plan, readable in ``lang``.

    The model cites the plan the way the Chinese document numbers itself (``"表1-1 #3; 二(一)1"``).
    Chinese pages show that as is; English pages get the same numbers in Arabic figures
    (``"Table 1-1 #3; section 2(1)1"``) so that no Chinese appears in English text.
    """
    if not ref:
        return ""
    ref = ref.strip()
    if (normalize_lang(lang) or DEFAULT_LANG) == "zh":
        return ref
    parts = [part.strip() for part in re.split(r"[;；]", ref) if part.strip()]
    return "; ".join(_plan_part_en(part) for part in parts)


def _plan_part_en(part: str) -> str:
    def numeral(match: re.Match[str]) -> str:
        try:
            return str(_cn_numeral_to_int(match.group(0)))
        except (KeyError, IndexError):
            return match.group(0)

    text = part.replace("（", "(").replace("）", ")")
    text = re.sub(r"附表\s*", "appendix table ", text)
    text = re.sub(r"附件\s*", "appendix ", text)
    text = re.sub(r"表\s*", "Table ", text)
    text = re.sub(r"[一二三四五六七八九十]+", numeral, text)
    text = text.replace("、", ".").replace("，", ", ").replace("：", ": ")
    if re.match(r"^\d", text):
        text = "section " + text
    return text


_WAN_YI = re.compile(r"(\d+(?:\.\d+)?)\s*([万亿])")
_PLAN_REF = re.compile(
    r"(?:附?表\s*\d+-\d+(?:\s*#\d+)?|[一二三四五六七八九十]+[(（][一二三四五六七八九十]+[)）]\d*)"
)


_CJK_WORD = re.compile(
    r"[^\s,;:()（）]*[\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]+[^\s,;:()（）]*"
)


def english_safe(text: str, allow: Iterable[str] = ()) -> str:
    """Make a data note readable in English text: 14万 → 140,000, 1亿 → 100 million, plan sections in
    Arabic figures (二(二)2 → section 2(2)2); any other Chinese (outside ``allow``) is dropped."""
    if not text:
        return ""

    def wan_yi(match: re.Match[str]) -> str:
        factor = 10_000 if match.group(2) == "万" else 100_000_000
        return format_number(float(match.group(1)) * factor, "en", sig=None)

    text = _WAN_YI.sub(wan_yi, text)
    text = _PLAN_REF.sub(lambda m: _plan_part_en(m.group(0)), text)
    if contains_cjk(text, allow):
        kept = tuple(allow)

        def drop(match: re.Match[str]) -> str:
            word = match.group(0)
            return word if any(term in word for term in kept) and not contains_cjk(word, kept) else ""

        # drop whole words that hold Chinese (公告2025年第47号 goes entirely, not leaving "202547")
        text = _CJK_WORD.sub(drop, text)
        text = re.sub(r"\(\s*\)", "", text)
        text = re.sub(r"\s+([,;.)])", r"\1", text)
        text = re.sub(r"[,;:]\s*$", "", text.strip())
        text = re.sub(r"\s{2,}", " ", text)
    return text.strip()


def contains_cjk(text: str, allow: Iterable[str] = ()) -> list[str]:
    """The runs of CJK characters in ``text`` that are not in ``allow`` (empty list = clean)."""
    cleaned = text
    for term in sorted(allow, key=len, reverse=True):
        cleaned = cleaned.replace(term, " ")
    return CJK_RUN.findall(cleaned)


# Han ideographs, CJK punctuation, full-width forms, kana and hangul: none of them belong in English text.
CJK_RUN = re.compile(
    "[\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+"
)
