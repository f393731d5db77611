"""The sorting game's pictures and words as HTML blocks, without Streamlit: an item's card, a bin, the
short feedback, the star tally and the end-of-round celebration.

Every block is decorative around a real button the page draws on top of it (the button's label is the
name, for screen readers and keyboards); names and short lines carry pinyin (``<ruby>``) when asked.
"""

from __future__ import annotations

import html

from parkloop.content import t
from parkloop.exhibits.sorting import (
    Game,
    Placement,
    SortingData,
    bin_name,
    item_name,
    short_feedback,
    stars_text,
)
from parkloop.exhibits.sorting_pictures import OWN_PREFIX, bin_svg, svg
from parkloop.pinyin import ruby_html

EMPTY_STAR = OWN_PREFIX + "empty-star"


def words_html(text: str, pinyin: bool) -> str:
    """Escaped text, with pinyin over its Chinese characters when ``pinyin``."""
    return ruby_html(text) if pinyin else html.escape(text)


def item_card_html(data: SortingData, item_id: str, lang: str, *, picked: bool, pinyin: bool) -> str:
    """An item's card: its picture, its name and, while it is the picked one, a "▶ picked" badge."""
    item = data.by_id[item_id]
    badge = (
        f'<span class="pl-card-badge">▶ {html.escape(t("sorting.picked_badge", lang))}</span>'
        if picked
        else ""
    )
    state = " pl-picked" if picked else ""
    return (
        f'<div class="pl-card{state}" data-parkloop-item="{html.escape(item_id)}">'
        f'<div class="pl-card-pic">{svg(item.picture, size=64, css_class="pl-pic")}</div>'
        f'<div class="pl-card-name">{words_html(item_name(item_id, lang), pinyin)}</div>{badge}</div>'
    )


def bin_card_html(data: SortingData, bin_id: str, lang: str, *, pinyin: bool) -> str:
    """A bin: drawn in its colour with its symbol, its name on a strip of the same colour, its colour
    in words under it."""
    colour = data.bins[bin_id].colour
    return (
        f'<div class="pl-bin" data-parkloop-bin="{html.escape(bin_id)}" style="border-color:{colour}">'
        f'<div class="pl-bin-art">{bin_svg(bin_id, colour, size=44)}</div>'
        f'<div class="pl-bin-name" style="background:{colour}">'
        f"{words_html(bin_name(bin_id, lang), pinyin)}</div>"
        f'<div class="pl-bin-sub">{words_html(t(f"sorting.bin_sub.{bin_id}", lang), pinyin)}</div></div>'
    )


def bin_contents_html(data: SortingData, game: Game, bin_id: str) -> str:
    """Small pictures of what is in a bin so far (the names are written under them by the page)."""
    pictures = "".join(
        f'<span class="pl-mini" data-parkloop-in="{html.escape(item_id)}">'
        f"{svg(data.by_id[item_id].picture, size=32)}</span>"
        for item_id in game.in_bin(bin_id)
    )
    return f'<div class="pl-bin-contents" aria-hidden="true">{pictures}</div>'


def feedback_html(data: SortingData, placement: Placement, lang: str, *, pinyin: bool) -> str:
    """The two short lines after a move, beside the item's picture; a star when it was right."""
    first, second = short_feedback(placement, lang)
    kind = "pl-right" if placement.correct else "pl-helped"
    star = f'<span class="pl-fb-star">{svg("glowing-star", size=44)}</span>' if placement.correct else ""
    return (
        f'<div class="pl-feedback {kind}" data-parkloop-feedback="{html.escape(placement.item)}" '
        f'role="status"><span class="pl-fb-pic">{svg(data.by_id[placement.item].picture, size=44)}</span>'
        f'<span class="pl-fb-lines"><span class="pl-fb-line">{words_html(first, pinyin)}</span>'
        f'<span class="pl-fb-line">{words_html(second, pinyin)}</span></span>{star}</div>'
    )


def ask_html(picture: str, words: str) -> str:
    """What to do now, beside a picture (the picked thing, or a hand pointing at the things)."""
    return (
        '<div class="pl-feedback pl-ask" role="status">'
        f'<span class="pl-fb-pic">{svg(picture, size=44)}</span>'
        f'<span class="pl-fb-lines"><span class="pl-fb-line">{html.escape(words)}</span></span></div>'
    )


def tally_html(game: Game, lang: str) -> str:
    """One star per item of the round: gold when it went in the right bin at the first try, pale when
    it was put right for the child, a dot while it waits. No clock, no points lost."""
    marks = []
    for item_id in game.order:
        if item_id in game.right_first:
            marks.append(f'<span class="pl-tally-mark pl-got">{svg("glowing-star", size=38)}</span>')
        elif item_id in game.placed:
            marks.append(f'<span class="pl-tally-mark pl-helped">{svg(EMPTY_STAR, size=38)}</span>')
        else:
            marks.append('<span class="pl-tally-mark pl-wait"></span>')
    label = html.escape(stars_text(game, lang))
    return f'<div class="pl-tally" role="img" aria-label="{label}">{"".join(marks)}</div>'


def celebration_html(game: Game, lang: str, *, pinyin: bool) -> str:
    """The end of a round: party poppers, "太棒了！", the stars won, and confetti (still when the visitor
    asks for reduced motion)."""
    confetti = "".join(
        f'<i class="pl-confetti pl-c{n % 6}" style="left:{(n * 37) % 100}%"></i>' for n in range(18)
    )
    stars = "".join(svg("glowing-star", size=56, css_class="pl-win-star") for _ in range(game.stars))
    return (
        '<div class="pl-celebrate" data-parkloop-celebrate="1">'
        f'<div class="pl-confetti-box" aria-hidden="true">{confetti}</div>'
        f'<div class="pl-celebrate-row">{svg("party-popper", size=64, css_class="pl-popper")}'
        f'<span class="pl-celebrate-word">{words_html(t("sorting.celebrate", lang), pinyin)}</span>'
        f"{svg('trophy', css_class='pl-popper')}</div>"
        f'<div class="pl-win-stars" aria-hidden="true">{stars}</div>'
        f'<div class="pl-win-count">{words_html(stars_text(game, lang), pinyin)}</div></div>'
    )
