"""The home page's logic: its title, the plan's numbers in a sentence, the tiles in rows by group."""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits.home import carbon_text, page_title, tile_rows, today_text
from parkloop.i18n import contains_cjk, format_quantity
from parkloop.model import evaluate, load_scenario
from parkloop.pages import EXHIBITS, GROUPS, PageSpec


@pytest.mark.parametrize("columns", [1, 2, 3])
def test_tiles_keep_their_order_in_rows(columns: int) -> None:
    for group in GROUPS:
        rows = tile_rows(group, columns)
        assert [spec for row in rows for spec in row] == [spec for spec in EXHIBITS if spec.group == group]
        assert all(len(row) == columns for row in rows[:-1]) and 0 < len(rows[-1]) <= columns


def test_a_short_last_row_and_no_row_for_an_empty_group() -> None:
    specs = [PageSpec(f"p{i}", f"exhibits/p{i}.py", "journey") for i in range(5)]
    assert [[s.slug for s in row] for row in tile_rows("journey", 3, specs)] == [
        ["p0", "p1", "p2"],
        ["p3", "p4"],
    ]
    assert tile_rows("school", 3, specs) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_today_quotes_the_plans_totals(lang: str) -> None:
    totals = evaluate(load_scenario("plan-2026")).totals
    text = today_text(totals, lang)
    # household waste only: (4000 + 800 + 400) t/d × 365 = 1 898 000 t; the illustrative 1000 t/d of
    # construction waste is not in it
    assert format_quantity(1_898_000, "t", lang) in text
    assert format_quantity(totals["waste_treated_t_per_year"], "t", lang) not in text
    assert format_quantity(totals["net_electricity_kwh_per_year"], "kWh", lang) in text
    assert format_quantity(totals["reclaimed_water_m3_per_year"], "m3", lang) in text
    assert page_title(lang) == t("home.title", lang) != t("nav.home", lang)
    if lang == "en":
        assert contains_cjk(text + page_title(lang), CJK_ALLOWLIST) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_carbon_names_both_ledgers_and_is_simulated(lang: str) -> None:
    totals = evaluate(load_scenario("plan-2026")).totals
    text = carbon_text(totals, lang).replace("\xa0", " ")
    # plan-2026 (python -m parkloop evaluate plan-2026): 92万 t emitted inside the fence, 47万 t avoided
    inventory, avoided = {"zh": ("92万吨CO₂e", "47万吨CO₂e"), "en": ("920,000 t CO₂e", "470,000 t CO₂e")}[
        lang
    ]
    assert inventory in text and avoided in text
    words = {
        "zh": ("园区自身", "替代减排", "（模拟）"),
        "en": ("the park itself emits", "avoided", "(simulated)"),
    }
    assert all(word in text for word in words[lang])
    assert all(
        marker in today_text(totals, lang) for marker in ("（模拟）", "(simulated)") if marker in words[lang]
    )
    net = format_quantity(totals["net_t_co2e_per_year"], "t CO2e", lang, sig=2).replace("\xa0", " ")
    assert net not in text  # the two ledgers are not netted
    assert "landfill" not in text.lower() and "填埋" not in text and "目标" not in text
    if lang == "en":
        assert contains_cjk(text, CJK_ALLOWLIST) == []


def test_every_tile_has_a_picture_and_a_few_words() -> None:
    from parkloop.exhibits import home
    from parkloop.exhibits.sorting_pictures import ICON_SET

    tiles = [spec for group in GROUPS for row in tile_rows(group, 3) for spec in row]
    assert tiles
    for spec in tiles:
        picture = home.tile_picture(spec.key)
        assert picture.startswith("<svg") and 'aria-hidden="true"' in picture
        if ICON_SET.exists():  # npm ci installed the pictures: none is the plain bag
            assert "data-parkloop-fallback" not in picture, spec.key
        zh, en = home.tile_text(spec.key, "zh"), home.tile_text(spec.key, "en")
        assert zh != f"home.tile.{spec.key}" and len(zh) <= 10, zh  # short words
        assert len(en.split()) <= 6, en
        assert contains_cjk(en, CJK_ALLOWLIST) == []
    assert home.tile_picture("no-such-page").count("data-parkloop-fallback") == 1


def test_a_child_is_invited_to_the_sorting_game_first() -> None:
    from parkloop.exhibits import home
    from parkloop.pages import BY_SLUG
    from parkloop.ui.theme import bin_colours

    assert BY_SLUG[home.START_PAGE].group == "people"
    assert t("home.start.title", "zh") == "来玩分类游戏！"
    assert len(t("home.start.body", "zh")) <= 15  # one short line
    pictures = home.start_pictures(bin_colours())
    assert pictures.count("<svg") == 4
    for colour in bin_colours().values():  # the bins in their colours (data/sorting_items.toml)
        assert f'fill="{colour}"' in pictures
