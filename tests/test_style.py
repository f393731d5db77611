"""parkloop.style: the Chinese style check fails on each rule it names, and the shipped content passes."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkloop.style import check_style, page_problems, text_problems, unit_forms


def test_the_shipped_chinese_content_follows_the_style() -> None:
    assert check_style() == []


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("渗滤液来自三个地方。", "渗滤液 → 渗沥液"),
        ("园区一年处理垃圾,送出电。", "half-width ','"),
        ("这是估计值.", "half-width '.'"),
        ("来源:方案", "half-width ':'"),
        ("真棒!", "half-width '!'"),
        ("焚烧厂(清洁焚烧中心)", "half-width '('"),
        ("每年减少 18万吨", "space between Chinese and a number"),
        ("约 {waste}垃圾", "space between Chinese and a number"),
        ("处理 2026 年", "space between Chinese and a number"),
        ("发电1,250千瓦时", "digit grouping below 1万"),
    ],
)
def test_each_rule_fails(text: str, named: str) -> None:
    problems = text_problems(text)
    assert any(named in problem for problem in problems), problems


@pytest.mark.parametrize(
    "text",
    [
        "园区一年约处理226万吨垃圾（估计值）。",
        "方案二(一)1提出，到2026年底……",  # the plan's own numbering is quoted as the plan writes it
        "表1-1 #5的目标：提高至95%。",
        "- b: 化学能：燃烧时放出",  # a lesson's option id before the Chinese text
        "COD 排放减少88%，GB 16889的限值。",  # Latin words may keep their space
        "每小时{per_hour}，共{year}。",
        "18万吨就是180,000吨。",  # five digits and more may be grouped
        "厨余垃圾=chú yú lā jī; 香蕉皮=xiāng jiāo pí",  # the picture sheet's pinyin list
    ],
)
def test_good_chinese_passes(text: str) -> None:
    assert text_problems(text) == []


def test_mixed_unit_forms_on_one_page_fail_and_one_form_passes() -> None:
    mixed = {"a": "每天处理4000吨/日。", "b": "餐厨垃圾厂（400t/d）"}
    problems = page_problems("zh/messages/x.po", mixed)
    assert problems == [
        "zh/messages/x.po: mixed unit forms for 吨/日 on one page: t/d ×1, 吨/日 ×1 (write one)"
    ]
    assert page_problems("zh/messages/x.po", {"a": "4000吨/日", "b": "400吨/日"}) == []
    assert page_problems("zh/messages/x.po", {"a": "4000 t/d", "b": "400 t/d"}) == []  # a table's one form
    assert unit_forms(["9.8万t/a", "14万吨/年", "107万 kWh", "107万千瓦时"]) == {
        "吨/日": {},
        "吨/年": {"t/a": 1, "吨/年": 1},
        "千瓦时": {"千瓦时": 1, "kWh": 1},
    }


def test_check_style_names_the_file_and_key(tmp_path: Path) -> None:
    messages, pages = tmp_path / "zh" / "messages", tmp_path / "zh" / "pages"
    messages.mkdir(parents=True)
    pages.mkdir(parents=True)
    (messages / "water.po").write_text(
        'msgid "water.title"\nmsgstr "渗滤液变清水"\n\nmsgid "water.ok"\nmsgstr "渗沥液变清水。"\n',
        encoding="utf-8",
    )
    (pages / "steam.md").write_text(
        "<!-- section: intro -->\n提高9.8万t/a。\n\n<!-- section: more -->\n共9.8万吨/年.\n", encoding="utf-8"
    )
    problems = check_style(tmp_path)
    assert "zh/messages/water.po: water.title: 渗滤液 → 渗沥液" in problems
    assert not any("water.ok" in problem for problem in problems)
    assert any(p.startswith("zh/pages/steam.md: section more: half-width '.'") for p in problems), problems
    assert (
        "zh/pages/steam.md: mixed unit forms for 吨/年 on one page: t/a ×1, 吨/年 ×1 (write one)" in problems
    )
