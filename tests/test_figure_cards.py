"""The figure cards' HTML (parkloop/ui/figures.py): what a visitor reads, nothing a figure's words could
turn into markup, and one HTML block (Markdown ends a block at a blank line)."""

from __future__ import annotations

from parkloop.content import t
from parkloop.exhibits.figures import Figure
from parkloop.ui.figures import card_html, figures_html
from tests.apptest import read_figures

TRICKY = Figure(
    "fig-tricky",
    "Label <b>bold</b>\n\nsecond line",
    "1 $x$ **2**",
    {"kind": "cited", "ref": "", "note": "<script>alert(1)</script>"},
    "first paragraph\n\nsecond & last",
)


def test_a_card_shows_its_words_escaped_and_keeps_its_key() -> None:
    html = card_html(TRICKY, "en")
    assert "<b>" not in html and "<script>" not in html
    assert 'class="parkloop-figure st-key-fig-tricky"' in html
    (card,) = read_figures(html)
    assert card.key == "fig-tricky"
    assert card.label == "Label <b>bold</b>  second line"  # the words, as text
    assert card.value == "1 $x$ **2**"
    assert card.where_from == t("prov.where_from", "en")
    assert card.detail[-2:] == ["first paragraph", "second & last"]  # the assumption, a paragraph each


def test_the_badge_names_the_kind_of_source_in_its_colour() -> None:
    plan = Figure("fig-p", "x", "1", {"kind": "plan", "ref": "二(一)2", "note": ""})
    model = Figure("fig-m", "x", "1", "model")
    assert "parkloop-badge-blue" in card_html(plan, "zh")
    assert "parkloop-badge-gray" in card_html(model, "zh")
    assert read_figures(card_html(model, "zh"))[0].detail[0] == t("prov.model", "zh")


def test_all_cards_are_one_block_in_the_order_given() -> None:
    groups = [[TRICKY, Figure("fig-b", "b", "2")], [Figure("fig-c", "c", "3")]]
    html = figures_html(groups, "en", "columns")
    assert "\n" not in html  # the label's blank line became a space, the assumption two paragraphs
    assert [card.key for card in read_figures(html)] == ["fig-tricky", "fig-b", "fig-c"]
    assert html.count('class="parkloop-figure-group"') == 2
    assert html.startswith('<div class="parkloop-figures parkloop-figures-columns">')
