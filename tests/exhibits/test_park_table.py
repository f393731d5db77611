"""The park map's arcs as a table (issue 15): one row per arc the map draws, each amount in its own unit.

Expected rows are worked from the model's own flows (``plant_arcs`` on ``evaluate``'s result), never read
back from the page's map.
"""

from __future__ import annotations

import pytest

from parkloop.content import t
from parkloop.exhibits.park import MAP_FLOWS, load_park_map, place_name, place_positions, plant_arcs
from parkloop.i18n import format_quantity
from tests.apptest import open_page as open_app_page
from tests.apptest import tables
from tests.exhibits._helpers import model_result


def _heads(lang: str) -> list[str]:
    return [t(f"a11y.flow_{name}", lang) for name in ("from", "to", "amount")]


def _table(at, lang: str) -> list[dict[str, str]]:
    found = [e for e in tables(at) if list(e.columns) == _heads(lang)]
    assert len(found) == 1, [list(e.columns) for e in tables(at)]
    return found[0].to_dict("records")


def _expected(lang: str, kinds: tuple[str, ...] = MAP_FLOWS) -> list[dict[str, str]]:
    positions = place_positions(load_park_map())
    source, target, amount = _heads(lang)
    return [
        {
            source: place_name(arc.source, lang),
            target: place_name(arc.target, lang),
            amount: format_quantity(arc.value, arc.unit, lang),
        }
        for arc in plant_arcs(model_result()["flows"], kinds)
        if arc.source in positions and arc.target in positions
    ]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_map_has_its_arcs_as_a_table_in_an_expander(lang: str) -> None:
    at = open_app_page("park.py", {"lang": lang})
    assert not at.exception
    assert t("a11y.chart_table", lang) in [e.label for e in at.expander]
    rows = _table(at, lang)
    assert rows == _expected(lang) and len(rows) >= 10
    units = {row[_heads(lang)[2]].split("/")[0].lstrip("0123456789.,万亿 \u00a0") for row in rows}
    assert len(units) >= 3, units  # tonnes, gigajoules, cubic metres: each amount in its own unit


def test_the_table_follows_the_flow_filter() -> None:
    at = open_app_page("park.py", {"lang": "en", "flow": "water"})
    assert _table(at, "en") == _expected("en", ("water",)) != _expected("en")
