"""parkloop.csvsafe: one rule for CSV cells — formula-like text escaped, "-12" too; numbers stay numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parkloop.csvsafe import FORMULA_PREFIXES, escape_cell, unescape_cell


@pytest.mark.parametrize("text", ["=cmd|' /C calc'!A0", "-12", "-2+3", "+SUM(A1)", "@import", "\tx", "\rx"])
def test_formula_like_text_is_escaped(text: str) -> None:
    assert escape_cell(text) == "'" + text
    assert unescape_cell(escape_cell(text)) == text


@pytest.mark.parametrize("text", ["power", "2026-05-01", "12", "3.5", "kiosk-1", "小明", "", "'quoted"])
def test_plain_text_is_untouched(text: str) -> None:
    assert escape_cell(text) == text
    assert unescape_cell(text) == text


def test_numbers_stay_numbers_and_none_is_empty() -> None:
    assert escape_cell(-925000.0) == "-925000"
    assert escape_cell(-12) == "-12"
    assert escape_cell(0.1234567) == "0.123457"
    assert escape_cell(float("nan")) == escape_cell(float("inf")) == ""
    assert escape_cell(None) == ""


@given(st.text(max_size=30).filter(lambda text: not text.startswith("'")))
def test_no_escaped_text_starts_like_a_formula(text: str) -> None:
    escaped = escape_cell(text)
    assert not escaped.startswith(FORMULA_PREFIXES)
    assert unescape_cell(escaped) == text
