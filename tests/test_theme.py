"""The park's look: one theme in both Streamlit configs, every text colour readable, one type scale, the
four bins' colours taken from the sorting game's data everywhere a page shows a bin."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from parkloop.exhibits.journey import BIN_COLOURS as JOURNEY_BINS
from parkloop.model.tomlfile import read_toml
from parkloop.ui import theme

REPO = Path(__file__).resolve().parents[1]


def _theme(path: Path) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["theme"]


def test_the_phone_and_the_kiosk_have_the_same_theme() -> None:
    web, kiosk = _theme(REPO / ".streamlit" / "config.toml"), _theme(REPO / "kiosk" / "streamlit-kiosk.toml")
    assert web == kiosk
    assert web["primaryColor"] == theme.PARK["primary"]
    assert web["textColor"] == theme.PARK["text"]
    assert web["secondaryBackgroundColor"] == theme.PARK["surface"]
    assert tuple(web["headingFontSizes"]) == theme.HEADING_SIZES


def test_the_kiosk_launcher_passes_the_heading_sizes_as_json() -> None:
    from parkloop.kiosk import launch

    flags = launch.streamlit_flags(launch.load_config())
    assert '--theme.headingFontSizes=["2.441rem", "1.563rem", "1.25rem", "1rem", "1rem", "1rem"]' in flags


@pytest.mark.parametrize(("text", "background"), theme.TEXT_PAIRS)
def test_every_text_colour_of_the_park_is_readable(text: str, background: str) -> None:
    assert theme.contrast(theme.PARK[text], theme.PARK[background]) >= 4.5, (text, background)


def test_the_theme_colours_are_readable_on_white_and_on_their_backgrounds() -> None:
    web = _theme(REPO / ".streamlit" / "config.toml")
    white = web["backgroundColor"]
    assert theme.contrast(web["primaryColor"], white) >= 4.5  # teal text, and white text on teal buttons
    assert theme.contrast(web["textColor"], web["secondaryBackgroundColor"]) >= 4.5
    assert theme.contrast(web["linkColor"], white) >= 4.5
    for colour in ("green", "blue", "red", "gray"):
        text, tint = web[f"{colour}TextColor"], web[f"{colour}BackgroundColor"]
        assert theme.contrast(text, tint) >= 4.5, colour  # badges and alerts
        assert theme.contrast(web[f"{colour}Color"], white) >= 4.5, colour


def test_contrast_is_the_wcag_formula() -> None:
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the classic AA grey
    assert theme.contrast("#777777", "#ffffff") < 4.5


def test_the_bins_come_from_the_sorting_games_data() -> None:
    bins = {
        name: spec["colour"] for name, spec in read_toml(REPO / "data" / "sorting_items.toml")["bins"].items()
    }
    assert theme.bin_colours() == bins == JOURNEY_BINS
    web = _theme(REPO / ".streamlit" / "config.toml")
    for colour, bin_id in theme.THEME_PALETTE.items():  # the badges of /my-garbage's bin cards
        assert web[f"{colour}Color"] == web[f"{colour}TextColor"] == bins[bin_id], colour
    css = theme.theme_css()
    for name, bin_id in theme.MY_GARBAGE_BINS.items():
        assert f"--pl-bin-{bin_id}:{bins[bin_id]}" in css
        assert f".st-key-bin-{name}{{border-top:6px solid var(--pl-bin-{bin_id})" in css


def test_my_garbage_names_the_bins_the_theme_colours() -> None:
    source = (REPO / "exhibits" / "my_garbage.py").read_text(encoding="utf-8")
    for name in theme.MY_GARBAGE_BINS:
        assert f'"{name}"' in source  # its cards are keyed bin-<name>


def test_one_type_scale() -> None:
    assert [theme.step_rem(step) for step in theme.STEPS] == [1.0, 1.25, 1.562, 1.953, 2.441]
    assert theme.HEADING_SIZES[:3] == ("2.441rem", "1.563rem", "1.25rem")
    css = theme.theme_css()
    for step in theme.STEPS:
        assert f"--pl-step-{step}:{theme.step_rem(step)}rem;" in css
    assert css.startswith("<style>") and css.endswith("</style>") and css.count("<style>") == 1


def test_no_page_skips_a_heading_level() -> None:
    """Sections are st.header (h2) under the page's h1: st.subheader (h3) straight under h1 skips one."""
    pages = [*REPO.glob("exhibits/*.py"), *REPO.glob("parkloop/**/*.py"), REPO / "app.py"]
    assert [p.name for p in pages if "st.subheader(" in p.read_text(encoding="utf-8")] == []
