"""The cut icon font (parkloop.icon_font): every icon the app or Streamlit can ask for is still in it,
and nothing else is."""

from __future__ import annotations

from pathlib import Path

import pytest

from parkloop import icon_font

fontTools = pytest.importorskip("fontTools.ttLib")


@pytest.fixture(scope="module")
def cut(tmp_path_factory) -> Path:
    return icon_font.build(tmp_path_factory.mktemp("fonts"))


def test_the_app_icons_are_found_in_its_code() -> None:
    assert "info" in icon_font.app_icons(), "exhibits/targets.py asks for :material/info:"


def test_the_cut_font_keeps_every_icon_that_can_be_asked_for_and_drops_the_rest(cut: Path) -> None:
    whole = icon_font.ligatures(fontTools.TTFont(icon_font.streamlit_font()))
    kept = icon_font.ligatures(fontTools.TTFont(cut))
    wanted = set(whole) & (icon_font.streamlit_strings() | icon_font.app_icons())
    assert set(kept) == wanted
    assert icon_font.app_icons() <= set(kept)
    # Streamlit's own chevrons and dialog icons (its expander, popover, dialog and alerts)
    assert {"expand_more", "expand_less", "close", "error", "warning", "check"} <= set(kept)
    assert len(kept) < len(whole) / 4
    assert cut.stat().st_size < icon_font.streamlit_font().stat().st_size / 4
    assert cut.name == icon_font.streamlit_font().name and cut.parent.parts[-2:] == ("static", "media")


def test_a_second_build_reuses_the_file(cut: Path) -> None:
    before = cut.stat().st_mtime_ns
    assert icon_font.build(cut.parents[2]) == cut
    assert cut.stat().st_mtime_ns == before


def test_every_icon_streamlit_names_is_kept(cut: Path) -> None:
    import re

    named = set()
    for path in (icon_font.STATIC / "js").glob("*.js"):
        named |= set(
            re.findall(r":material/([a-z0-9_]+):", path.read_text(encoding="utf-8", errors="ignore"))
        )
    whole = icon_font.ligatures(fontTools.TTFont(icon_font.streamlit_font()))
    assert len(named & set(whole)) > 50
    assert named & set(whole) <= set(icon_font.ligatures(fontTools.TTFont(cut)))
