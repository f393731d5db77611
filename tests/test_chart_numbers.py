"""Numbers on chart axes per language: 万 and 亿 in Chinese, thousands and "million" in English."""

from __future__ import annotations

import json
import re

import pytest

from parkloop.ui.charts import AXIS_LABEL_EXPR, counted_rows, horizontal_bars, number_axis, sankey_hover

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


def test_counted_rows_carry_whole_units_and_the_words_of_the_language() -> None:
    rows = [{"item": "a", "kt": 400.0}, {"item": "b", "kt": 1_234.5}, {"item": "c", "kt": None}]
    zh, en = counted_rows(rows, "kt", "zh", scale=1000.0), counted_rows(rows, "kt", "en", scale=1000.0)
    assert [row["amount"] for row in zh] == [400_000.0, 1_234_500.0, None]
    assert [row["amount_text"] for row in zh] == ["40万", "123万", "—"]
    assert [row["amount_text"] for row in en] == ["400,000", "1.23 million", "—"]
    assert zh[0]["item"] == "a" and rows[0] == {"item": "a", "kt": 400.0}  # the view's rows stay as they are


def test_a_sankeys_hover_counts_as_the_language_does() -> None:
    links = [("a", "b", 314_000.0), ("b", "c", 2_500.0)]
    labels = {"a": "甲", "b": "乙", "c": "丙"}
    assert sankey_hover(links, labels, " GJ", "zh") == ["甲 → 乙：31.4万 GJ", "乙 → 丙：2500 GJ"]
    assert sankey_hover(links, labels, " GJ", "en") == ["甲 → 乙: 314,000 GJ", "乙 → 丙: 2,500 GJ"]


GROUPED_THOUSANDS = re.compile(r"\d,\d{3}")


def _chart_specs(at) -> list[dict]:
    specs = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        specs += spec.get("layer") or [spec]
    return specs


@pytest.mark.parametrize("script", ["exhibits/steam.py", "exhibits/power.py"])
def test_steam_and_power_charts_count_in_wan_in_chinese(script: str) -> None:
    """The axes carry the 万/亿 expression, the tooltips (and so the chart's table) the page's own words:
    a Vega tooltip format such as ",.1f" would group 400,000 in threes."""
    from tests.apptest import open_page

    at = open_page(script, {"lang": "zh"})
    assert not at.exception
    charted = 0
    for layer in _chart_specs(at):
        encoding = layer.get("encoding", {})
        tooltips = [tip for tip in encoding.get("tooltip") or [] if isinstance(tip, dict)]
        if not tooltips:
            continue  # the zero line under the bars
        charted += 1
        values = [v for k, v in encoding.items() if k in {"x", "y"} and v.get("type") == "quantitative"]
        assert values and all(v["axis"]["labelExpr"] == AXIS_LABEL_EXPR["zh"] for v in values)
        assert all(
            "format" not in tip and tip["type"] == "nominal" for tip in tooltips if tip["field"] != "year"
        )
    assert charted >= 1


@pytest.mark.parametrize("script", ["exhibits/biogas.py", "exhibits/water.py"])
def test_sankey_hover_on_a_chinese_page_uses_wan(script: str) -> None:
    from tests.apptest import open_page, page_sankeys, tables

    at = open_page(script, {"lang": "zh"})
    assert not at.exception
    hovers = [text for chart in page_sankeys(at) for text in chart.hovers.values()]
    assert hovers and all("：" in text for text in hovers)
    assert not [text for text in hovers if GROUPED_THOUSANDS.search(text)]
    cells = [str(cell) for table in tables(at) for cell in table.to_numpy().ravel()]
    assert cells and not [cell for cell in cells if GROUPED_THOUSANDS.search(cell)]  # the table under it too
