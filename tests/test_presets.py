"""The exhibit states that QR-tour stations (data/tours.toml) and lessons (lessons/*/lesson.toml) open.

A preset is a dict of an exhibit's URL keys. The exhibits check every URL value and silently fall back to
their defaults, so a stale or mistyped preset would never show an error: the visitor would just see the
wrong state. These tests open each exhibit the way the app does (``app.py`` first, then the page) and
check that (a) the exhibit exists, (b) every key is one the exhibit actually reads and writes back, and
(c) every value survives a run unchanged (an out-of-range or off-step value is rewritten).

The keys are discovered, not listed: an exhibit's URL widgets write their values into the query
parameters on every run. Some keys only exist in some states (the park's map toggle only on a phone, the
system exhibit's sliders only for "your own plan"), so a key also counts as used when opening the preset
without it makes the exhibit write it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.exhibits.sorting import load_sorting_data, round_items
from parkloop.pages import BY_SLUG
from parkloop.school.lessons import load_modules
from parkloop.tours.data import load_tours
from tests.apptest import open_page as open_app_page

FRAME_PARAMS = frozenset({"lang", "mode"})
MODES = ("web", "phone")


@dataclass(frozen=True)
class Preset:
    id: str  # the test id: "tour-bunker", "four-bins-park-map"
    where: str  # for messages: "tour station bunker", "lesson four-bins preset park-map"
    exhibit: str
    params: tuple[tuple[str, str], ...]
    modes: tuple[str, ...]  # the modes the preset is opened in

    @property
    def as_dict(self) -> dict[str, str]:
        return dict(self.params)


def _presets() -> list[Preset]:
    found: list[Preset] = []
    for station in load_tours().stations.values():
        # a station's QR code always opens the exhibit in phone mode (parkloop.ui.tours)
        params = tuple(station.params.items())
        found.append(
            Preset(f"tour-{station.id}", f"tour station {station.id}", station.exhibit, params, ("phone",))
        )
    for module in load_modules():
        for preset in module.presets.values():
            # a lesson's link keeps the teacher's mode: a large screen or a phone
            params = tuple((key, str(value)) for key, value in preset.params.items())
            where = f"lesson {module.id} preset {preset.id}"
            found.append(Preset(f"{module.id}-{preset.id}", where, preset.exhibit, params, MODES))
    return found


PRESETS = _presets()
IDS = [p.id for p in PRESETS]


def open_exhibit(slug: str, mode: str, params: dict[str, str]) -> AppTest:
    """The exhibit as a link opens it: the frame runs first, then the page (AppTest knows pages by
    url_path only after a first run)."""
    return open_app_page(BY_SLUG[slug].script, {"lang": "zh", "mode": mode, **params})


@cache
def written_keys(slug: str, mode: str, params: tuple[tuple[str, str], ...] = ()) -> frozenset[str]:
    """The URL keys the exhibit holds after one run opened with ``params``."""
    at = open_exhibit(slug, mode, dict(params))
    assert not at.exception, [e.message for e in at.exception]
    return frozenset(at.query_params) - FRAME_PARAMS


def default_keys(slug: str) -> frozenset[str]:
    """The keys an exhibit writes when opened with no parameters, on a large screen or a phone."""
    return frozenset().union(*(written_keys(slug, mode) for mode in MODES))


def unused_keys(preset: Preset) -> list[str]:
    """The preset's keys the exhibit neither writes by default nor writes when the key is left out."""
    unused = []
    for key in preset.as_dict:
        if key in default_keys(preset.exhibit):
            continue
        rest = tuple(item for item in preset.params if item[0] != key)
        if not any(key in written_keys(preset.exhibit, mode, rest) for mode in preset.modes):
            unused.append(key)
    return unused


def same_value(shown: object, wanted: str) -> bool:
    """The URL writes numbers its own way ("3000" for "3000.0"): compare numbers as numbers."""
    shown = shown[-1] if isinstance(shown, list) and shown else shown
    if not isinstance(shown, str):
        return False
    try:
        return math.isclose(float(shown), float(wanted), rel_tol=1e-9, abs_tol=1e-9)
    except ValueError:
        return shown == wanted


def rewritten_values(preset: Preset, mode: str) -> dict[str, tuple[str, object]]:
    """Key → (preset value, value after a run) for every value the exhibit did not keep."""
    at = open_exhibit(preset.exhibit, mode, preset.as_dict)
    assert not at.exception, [e.message for e in at.exception]
    return {
        key: (wanted, at.query_params.get(key))
        for key, wanted in preset.params
        if not same_value(at.query_params.get(key), wanted)
    }


def test_there_are_presets_to_check() -> None:
    assert any(p.where.startswith("tour") for p in PRESETS)
    assert any(p.where.startswith("lesson") for p in PRESETS)
    assert sum(1 for p in PRESETS if p.params) >= 10, "most stations and lessons open a particular state"


@pytest.mark.parametrize("preset", PRESETS, ids=IDS)
def test_preset_exhibit_exists(preset: Preset) -> None:
    assert preset.exhibit in BY_SLUG, f"{preset.where}: no exhibit {preset.exhibit!r}"
    assert BY_SLUG[preset.exhibit].path.exists()


@pytest.mark.parametrize("preset", PRESETS, ids=IDS)
def test_preset_keys_are_used_by_the_exhibit(preset: Preset) -> None:
    assert not unused_keys(preset), (
        f"{preset.where}: {unused_keys(preset)} not among {preset.exhibit!r}'s URL keys "
        f"{sorted(default_keys(preset.exhibit))}"
    )


@pytest.mark.parametrize("preset", PRESETS, ids=IDS)
def test_preset_values_survive_a_run(preset: Preset) -> None:
    for mode in preset.modes:
        assert not rewritten_values(preset, mode), f"{preset.where} ({mode}): value rewritten (preset, shown)"


# ------------------------------------------------------------------------------------------------
# the checks themselves can fail: a wrong key or value is caught
# ------------------------------------------------------------------------------------------------
def test_an_unknown_key_is_caught() -> None:
    preset = Preset("test", "test", "power", (("t", "4000"), ("tonnes", "4000")), ("phone",))
    assert unused_keys(preset) == ["tonnes"]


@pytest.mark.parametrize(
    ("key", "value"),
    [("t", "3050"), ("t", "99999"), ("food", "abc"), ("plast", "-1")],
    ids=["off-step", "out-of-range", "not-a-number", "negative"],
)
def test_a_bad_value_is_caught(key: str, value: str) -> None:
    preset = Preset("test", "test", "power", ((key, value),), ("web",))
    assert list(rewritten_values(preset, "web")) == [key]


def test_numbers_compare_as_numbers() -> None:
    assert same_value("3000", "3000.0")
    assert same_value("0.5", "0.50")
    assert not same_value("3100", "3050")
    assert same_value("plan", "plan") and not same_value("own", "plan")
    assert not same_value(None, "1")


# ------------------------------------------------------------------------------------------------
# a story a preset must keep telling
# ------------------------------------------------------------------------------------------------
def test_four_bins_round_holds_the_quiz_items() -> None:
    """The lesson's fixed round shows the things its quiz asks about (battery, peel, tissue, bottle),
    so the class can discuss them; a change to the item list or the shuffle would break that quietly."""
    module = next(m for m in load_modules() if m.id == "four-bins")
    seed = int(module.presets["sorting-start"].params["round"])
    items = set(round_items(load_sorting_data(), seed))
    assert {"banana_peel", "used_tissue", "plastic_bottle"} <= items, items
    assert items & {"rechargeable_battery", "button_battery"}, items
