"""Pinyin for young readers (parkloop/pinyin.py): readings from pypinyin, the hand-kept list
data/pinyin_overrides.toml, and the review gate — every polyphonic character the sorting game writes
pinyin over has been checked by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkloop.content import t
from parkloop.exhibits.sorting import (
    CATEGORIES,
    Game,
    Placement,
    load_sorting_data,
    short_feedback,
    stars_text,
)
from parkloop.pinyin import load_overrides, readings, ruby_html, unreviewed


def game_words() -> list[str]:
    """Every Chinese string the sorting game shows with pinyin: names, bins, short lines, the end."""
    data = load_sorting_data()
    words = []
    for item in data.items:
        words.append(t(f"sorting.item.{item.id}", "zh"))
        for chosen in CATEGORIES:
            words += short_feedback(Placement(item.id, chosen, item.category), "zh")
    for bin_id in CATEGORIES:
        words += [t(f"sorting.bin.{bin_id}", "zh"), t(f"sorting.bin_sub.{bin_id}", "zh")]
    words += [t("sorting.celebrate", "zh"), t("sorting.picked_badge", "zh")]
    return list(dict.fromkeys(words))


def syllables(text: str) -> str:
    return " ".join(reading for _, reading, _ in readings(text) if reading)


def test_every_polyphonic_character_of_the_game_was_checked_by_hand() -> None:
    problems = [problem for text in game_words() for problem in unreviewed(text)]
    assert problems == [], "add these to data/pinyin_overrides.toml after checking them:\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("香蕉皮", "xiāng jiāo pí"),
        ("其他垃圾", "qí tā lā jī"),
        ("可回收物", "kě huí shōu wù"),
        ("旧衣服", "jiù yī fu"),  # [phrases]: pypinyin alone says yī fú
        ("泡过的茶叶", "pào guo de chá yè"),
        ("鸡骨头", "jī gǔ tou"),
        ("烟头", "yān tóu"),
        ("干电池", "gān diàn chí"),
        ("空塑料瓶", "kōng sù liào píng"),
        ("差一点！帮你放好啦。", "chà yì diǎn bāng nǐ fàng hǎo la"),
    ],
)
def test_readings_of_a_sample_of_the_game_words(text: str, expected: str) -> None:
    assert syllables(text) == expected


def test_ruby_has_one_reading_per_character_and_keeps_punctuation() -> None:
    html = ruby_html("对啦！<b>")
    assert html.startswith('<span class="pl-py" lang="zh-CN">')
    assert "<ruby>对<rt>duì</rt></ruby><ruby>啦<rt>la</rt></ruby>！&lt;b&gt;" in html
    assert ruby_html(stars_text_sample()).count("<ruby>") == 2  # 星星 and no reading over digits


def stars_text_sample() -> str:
    return stars_text(Game.start(load_sorting_data(), 1), "zh")


def test_a_phrase_with_the_wrong_number_of_syllables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pinyin_overrides.toml"
    path.write_text('[phrases]\n"衣服" = "yī"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="one syllable per Chinese character"):
        load_overrides(path)


def test_an_unchecked_polyphonic_character_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "pinyin_overrides.toml"
    path.write_text('[checked]\n"行" = "xíng"\n', encoding="utf-8")
    overrides = load_overrides(path)
    assert unreviewed("银行", overrides) == ["行 (háng) in «银行»"]  # checked as xíng, read háng here
    assert unreviewed("行走", overrides) == []
