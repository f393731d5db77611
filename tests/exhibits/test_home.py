"""The home page's logic: its title, the plan's numbers in a sentence, the tiles in rows by group."""

from __future__ import annotations

import pytest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.exhibits.home import page_title, tile_rows, today_text
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
    assert format_quantity(totals["waste_treated_t_per_year"], "t", lang) in text
    assert format_quantity(totals["net_electricity_kwh_per_year"], "kWh", lang) in text
    assert format_quantity(totals["reclaimed_water_m3_per_year"], "m3", lang) in text
    assert page_title(lang) == t("home.title", lang) != t("nav.home", lang)
    if lang == "en":
        assert contains_cjk(text + page_title(lang), CJK_ALLOWLIST) == []
