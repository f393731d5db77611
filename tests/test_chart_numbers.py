"""Numbers on chart axes per language: 万 and 亿 in Chinese, thousands and "million" in English."""

from __future__ import annotations

import re

import pytest

from parkloop.ui.charts import AXIS_LABEL_EXPR, horizontal_bars, number_axis

ROWS = [
    {"product": "砖", "tonnes": 412_345.0, "origin": "a"},
    {"product": "骨料", "tonnes": 1_234_567.0, "origin": "a"},
]


def _chart(lang: str):
    return horizontal_bars(
        ROWS,
        category="product",
        order=["砖", "骨料"],
        value="tonnes",
        value_title="t",
        colour="origin",
        colours={"a": "teal"},
        tooltip=[],
        lang=lang,
    )


def test_each_language_counts_in_its_own_units() -> None:
    assert "'万'" in AXIS_LABEL_EXPR["zh"] and "'亿'" in AXIS_LABEL_EXPR["zh"]
    assert "million" not in AXIS_LABEL_EXPR["zh"] and "," not in AXIS_LABEL_EXPR["zh"].split("'")[-2]
    assert "' million'" in AXIS_LABEL_EXPR["en"] and "万" not in AXIS_LABEL_EXPR["en"]
    assert number_axis("en").to_dict()["labelExpr"] == AXIS_LABEL_EXPR["en"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_bars_value_axis_uses_the_language(lang: str) -> None:
    axis = _chart(lang).to_dict()["encoding"]["x"]["axis"]
    assert axis["labelExpr"] == AXIS_LABEL_EXPR[lang] and "format" not in axis


@pytest.mark.parametrize(
    ("lang", "expected"), [("zh", ["20万", "100万", "120万"]), ("en", ["200,000", "1 million"])]
)
def test_the_axis_renders_as_the_language_reads(lang: str, expected: list[str]) -> None:
    """Drawn by Vega itself where vl-convert is installed (it is not a dependency: skipped otherwise)."""
    vl_convert = pytest.importorskip("vl_convert")
    svg = vl_convert.vegalite_to_svg(_chart(lang).to_json())
    labels = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert all(label in labels for label in expected), labels
    assert not any(re.fullmatch(r"\d{1,3}(,\d{3})+", label) for label in labels) if lang == "zh" else True
