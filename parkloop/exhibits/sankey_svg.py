"""The Sankey diagrams (/biogas, /water, /system) drawn on the server as inline SVG — no Streamlit, no
chart library, no script, so they are tested as text, sent as a few kilobytes and painted with the page.

What a diagram shows is data: its nodes (:class:`Node`: words, colour, hover text) and its bands between
them (:class:`Band`: an amount, a colour, a hover text). This module only draws them
(:func:`sankey_html`), twice: a wide picture (kiosk, laptop) and a narrow one for a phone
(``max-width: 640px``), one of them shown by CSS (:data:`SANKEY_CSS`) — the same way the journeys do.
Both carry ``role="img"`` and an ``aria-label`` that says every flow with its amount; each node and band
also has a ``<title>`` (its hover text with a mouse). The chart's table under it gives the same flows in
words for a keyboard or a screen reader.

Layout, as in d3-sankey (Bostock), simplified and deterministic:

- **columns**: a node's column is the longest path to it from a node nothing flows into; a node nothing
  flows out of stands in the last column (ends on the right, as a reader expects). A link that would
  close a loop is left out of this count and drawn back as a loop.
- **heights**: one scale for the whole picture (``px per unit``), the largest that lets every column fit
  the picture's height with its gaps — so widths compare across columns. A node is at least as tall as
  its words, so the words of two small nodes never overlap; if even that does not fit, the picture grows.
- **order in a column**: the first column as given; every next one by where its flows come from (the
  weighted mean height of their sources), so bands cross as little as a single pass can make them.
- **bands**: leave a node in the order of where they go and enter it in the order of where they come
  from, each as thick as its amount (at least 1 px, so a trickle stays visible).
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from parkloop.exhibits.journey_svg import text_px

INK = "#111827"
MIN_BAND = 1.0  # [px] the thinnest band drawn
LOOP_DROP = 12.0  # [px] how far under the picture a band that loops back runs
CLOSING = set("）)，,、。：:；;")


@dataclass(frozen=True)
class Node:
    """A node: its id (what bands name), its words, its fill colour (any CSS colour) and hover text."""

    id: str
    label: str
    colour: str
    hover: str = ""


@dataclass(frozen=True)
class Band:
    """A flow between two nodes (by id): its amount, its colour (any CSS colour), opacity and hover text."""

    source: str
    target: str
    value: float
    colour: str
    hover: str = ""
    opacity: float = 1.0


@dataclass(frozen=True)
class Geometry:
    """One picture's sizes [px in the picture]."""

    name: str  # "wide" or "tall": the CSS class pl-wide / pl-tall
    width: float
    height: float
    font_px: float
    node_w: float = 20.0
    pad: float = 18.0
    margin: float = 6.0
    gap: float = 6.0  # between a node and its words
    end_words: float = 0.0
    """[px] kept free right of the last column for its words (a phone's picture: no gap is shared);
    0: the last column's words stand left of it, over its bands."""
    max_lines: int = 3


@dataclass
class _Placed:
    node: Node
    column: int
    value: float
    lines: list[str] = field(default_factory=list)
    x: float = 0.0
    y: float = 0.0
    h: float = 0.0

    @property
    def centre(self) -> float:
        return self.y + self.h / 2


def wrap(text: str, width: float, size: float, max_lines: int) -> list[str]:
    """``text`` in lines that fit ``width`` at ``size`` px, at most ``max_lines`` (the last takes the rest):
    Latin words break at spaces; Chinese into lines of equal length (生活/垃圾, not 生活垃/圾), a closing
    bracket or comma never starting a line."""
    if text_px(text, size) <= width or max_lines <= 1:
        return [text]
    if " " not in text:
        if all(ord(char) < 0x2E80 for char in text):
            return [text]  # one Latin word: never cut
        count = min(max_lines, math.ceil(text_px(text, size) / width))
        per = math.ceil(len(text) / count)
        lines = [text[i : i + per] for i in range(0, len(text), per)]
        for i in range(1, len(lines)):
            while lines[i][:1] in CLOSING and len(lines[i]) > 1:
                lines[i - 1], lines[i] = lines[i - 1] + lines[i][0], lines[i][1:]
        return lines
    tokens = text.split(" ")
    lines: list[str] = []
    line = ""
    for i, token in enumerate(tokens):
        candidate = f"{line} {token}" if line else token
        if line and text_px(candidate, size) > width:
            lines.append(line)
            if len(lines) == max_lines - 1:
                lines.append(" ".join(tokens[i:]))
                return lines
            line = token
        else:
            line = candidate
    return [*lines, line] if line else lines


def columns(nodes: Sequence[str], bands: Sequence[Band]) -> tuple[dict[str, int], set[int]]:
    """Each node's column, and the indices of the bands left out of the count because they close a loop."""
    out: dict[str, list[int]] = {n: [] for n in nodes}
    for i, band in enumerate(bands):
        out[band.source].append(i)
    back: set[int] = set()
    state: dict[str, int] = {}  # 1 on the path being walked, 2 done

    def walk(node: str) -> None:  # depth-first, in the given order: a band to a node on the path is a loop
        state[node] = 1
        for i in out[node]:
            target = bands[i].target
            if state.get(target) == 1:
                back.add(i)
            elif target not in state:
                walk(target)
        state[node] = 2

    for node in nodes:
        if node not in state:
            walk(node)
    forward = [band for i, band in enumerate(bands) if i not in back]
    depth = {n: 0 for n in nodes}
    for _ in nodes:  # longest path: relax |nodes| times (a few dozen nodes at most)
        changed = False
        for band in forward:
            if depth[band.target] < depth[band.source] + 1:
                depth[band.target] = depth[band.source] + 1
                changed = True
        if not changed:
            break
    last = max(depth.values(), default=0)
    sources = {band.source for band in forward}
    return {n: (depth[n] if n in sources else last) for n in nodes}, back


def _scale(placed: Sequence[_Placed], inner: float, geo: Geometry, line_px: float) -> float:
    """The largest px per unit that fits every column in ``inner`` px, each node at least as tall as its
    words (bisection: the height a column needs grows with the scale)."""
    by_column: dict[int, list[_Placed]] = {}
    for p in placed:
        by_column.setdefault(p.column, []).append(p)

    def needed(column: list[_Placed], scale: float) -> float:
        return _column_height(column, scale, line_px, geo.pad)

    best = float("inf")
    for column in by_column.values():
        total = sum(p.value for p in column) or 1.0
        low, high = 0.0, max(inner - geo.pad * (len(column) - 1), 1.0) / total
        if needed(column, high) <= inner:
            best = min(best, high)
            continue
        for _ in range(40):
            middle = (low + high) / 2
            low, high = (middle, high) if needed(column, middle) <= inner else (low, middle)
        best = min(best, low)
    return 0.0 if best == float("inf") else best


Box = tuple[float, float, float, float]  # left, top, right, bottom


def _overlap(box: Box, others: Sequence[Box]) -> float:
    """The area ``box`` shares with ``others`` [px²]; a touch of less than a pixel is none (the widths of
    words are estimates)."""
    left, top, right, bottom = box
    area = 0.0
    for other in others:
        width = min(right, other[2]) - max(left, other[0]) - 1.0
        if width > 0:
            height = min(bottom, other[3]) - max(top, other[1]) - 1.0
            if height > 0:
                area += width * height
    return area


def _candidates(
    p: _Placed, last: bool, geo: Geometry, line_px: float, stacked_ok: bool
) -> list[tuple[str, list[str], Box]]:
    """Where ``p``'s words may go (each as its kind, its lines, its box), best first: beside it on its
    side (right; left of the last column when no room is kept for it) on one line, two, three …, or as
    many as the room to the picture's edge needs; with ``stacked_ok``, under it, then over it (starting
    at it, ending at it, or centred on it); last, beside it on the other side."""
    right_x = p.x + geo.node_w + geo.gap
    wrapped = []
    for count in range(1, geo.max_lines + 1):
        width = text_px(p.node.label, geo.font_px) / count
        lines = wrap(p.node.label, width * 1.15 if count > 1 else float("inf"), geo.font_px, count)
        if count == 1 or len(lines) == count:
            wrapped.append(lines)
    wrapped.append(wrap(p.node.label, geo.width - geo.margin - right_x, geo.font_px, geo.max_lines))
    wrapped = [(lines, max(text_px(line, geo.font_px) for line in lines)) for lines in wrapped]

    def beside(side: str) -> list[tuple[list[str], Box]]:
        options = []
        for lines, w in wrapped:
            x = right_x if side == "right" else p.x - geo.gap - w
            top = p.centre - line_px * len(lines) / 2
            options.append((lines, (x, top, x + w, top + line_px * len(lines))))
        return options

    def stacked() -> list[tuple[list[str], Box]]:
        options = []
        for below in (True, False):
            for lines, w in wrapped:
                h = line_px * len(lines)
                top = p.y + p.h + 1 if below else p.y - 1 - h
                for x in (p.x, p.x + geo.node_w - w, p.x + geo.node_w / 2 - w / 2):
                    options.append((lines, (x, top, x + w, top + h)))
        return options

    first, other = ("left", "right") if last else ("right", "left")
    return (
        [("beside", *o) for o in beside(first)]
        + [("stacked", *o) for o in (stacked() if stacked_ok else [])]
        + [("other", *o) for o in beside(other)]
    )


def place_labels(
    placed: Sequence[_Placed], last: int, geo: Geometry, line_px: float, stacked_ok: bool
) -> tuple[list[tuple[list[str], Box]], float]:
    """Each node's words, and the area where words still overlap words [px²]. Of :func:`_candidates` that
    stay in the picture, the first that is free of other words and nodes beside its node; else one
    beside it over another node only (its white outline keeps it readable there); else one free under or
    over its node, or on its other side; else the one that overlaps other words least."""
    rects = {id(p): (p.x, p.y, p.x + geo.node_w, p.y + p.h) for p in placed}
    taken: list[Box] = []
    chosen: dict[int, tuple[list[str], Box]] = {}
    clash = 0.0
    for p in sorted(placed, key=lambda p: p.column):  # left to right
        options = _candidates(
            p, p.column == last and last > 0 and not geo.end_words, geo, line_px, stacked_ok
        )
        inside = [o for o in options if o[2][0] >= 0 and o[2][2] <= geo.width and o[2][1] >= 0] or options
        nodes = [box for key, box in rects.items() if key != id(p)]

        best, best_tier = inside[0], (9, 0.0)
        for option in inside:  # the first of the best tier: the order is the preference
            kind, _, box = option
            words = _overlap(box, taken)
            if words:
                tier = (3, words)
            else:
                covered = _overlap(box, nodes) > 0
                tier = (int(covered), 0.0) if kind == "beside" else (2 + int(covered), 0.0)
            if tier < best_tier:
                best, best_tier = option, tier
                if tier == (0, 0.0):
                    break
        _, lines, box = best
        clash += _overlap(box, taken)
        taken.append(box)
        chosen[id(p)] = (lines, box)
    return [chosen[id(p)] for p in placed], clash


def _label(lines: list[str], box: Box, geo: Geometry, line_px: float) -> str:
    top = box[1] + line_px / 2
    spans = "".join(
        f'<tspan x="{box[0]:.1f}" y="{top + i * line_px:.1f}">{html.escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text dominant-baseline="central" font-size="{geo.font_px:g}" '
        f'fill="{INK}" stroke="#fff" stroke-width="3" stroke-linejoin="round" paint-order="stroke" '
        f'aria-hidden="true">{spans}</text>'
    )


def _band_path(x0: float, y0: float, x1: float, y1: float, width: float, loop: bool, bottom: float) -> str:
    """A band ``width`` px thick from (``x0``, ``y0``) to (``x1``, ``y1``) (the centres of its ends), as a
    filled outline: a thick stroke would fold over itself where a band turns steeply."""
    half = width / 2
    if loop:  # back to an earlier column: out to the right, under the picture, in from the left
        return (
            f"M{x0:.1f} {y0:.1f}C{x0 + 40:.1f} {y0:.1f} {x0 + 40:.1f} {bottom:.1f} {x0:.1f} {bottom:.1f}"
            f"L{x1:.1f} {bottom:.1f}C{x1 - 40:.1f} {bottom:.1f} {x1 - 40:.1f} {y1:.1f} {x1:.1f} {y1:.1f}"
        )
    middle = (x0 + x1) / 2
    top0, top1, low0, low1 = y0 - half, y1 - half, y0 + half, y1 + half
    return (
        f"M{x0:.1f} {top0:.1f}C{middle:.1f} {top0:.1f} {middle:.1f} {top1:.1f} {x1:.1f} {top1:.1f}"
        f"L{x1:.1f} {low1:.1f}C{middle:.1f} {low1:.1f} {middle:.1f} {low0:.1f} {x0:.1f} {low0:.1f}Z"
    )


def layout_svg(nodes: Sequence[Node], bands: Sequence[Band], geo: Geometry, alt: str) -> str:
    """One picture (``geo``) of the diagram, as an ``<svg>`` element. Where some words find no free
    place, the picture is drawn again with more room between the nodes (and taller), up to four times:
    a phone's picture of a big flow grows down, which a phone scrolls, rather than stack words on words."""
    roomier = [replace(geo, pad=geo.pad * 1.6**i, height=geo.height * 1.2**i) for i in range(4)]
    tries = []
    for stacked_ok in (False, True):  # words beside their node first, however much room that takes
        for option in roomier:
            svg, clash = _draw(nodes, bands, option, alt, stacked_ok)
            if clash <= 0:
                return svg
            tries.append((clash, svg))
    return min(tries, key=lambda attempt: attempt[0])[1]


@dataclass
class _Layout:
    """Where one try put the nodes: by id, the last column, the looping bands, px per unit, height."""

    placed: dict[str, _Placed]
    last: int
    back: set[int]
    scale: float
    height: float


def _slot(p: _Placed, scale: float, line_px: float) -> float:
    """The height a node takes in its column: its amount, or its words when they are taller."""
    return max(p.value * scale, len(p.lines) * line_px)


def _column_height(column: Sequence[_Placed], scale: float, line_px: float, pad: float) -> float:
    """The height a column of nodes takes: their slots and the gaps between them."""
    return sum(_slot(p, scale, line_px) for p in column) + pad * (len(column) - 1)


def _place_nodes(nodes: Sequence[Node], bands: Sequence[Band], geo: Geometry, line_px: float) -> _Layout:
    """Columns, the scale, and each node's box (module docstring: layout)."""
    column_of, back = columns([n.id for n in nodes], bands)
    last = max(column_of.values(), default=0)
    inflow = {n.id: 0.0 for n in nodes}
    outflow = {n.id: 0.0 for n in nodes}
    for band in bands:
        outflow[band.source] += band.value
        inflow[band.target] += band.value
    spacing = (geo.width - 2 * geo.margin - geo.node_w - geo.end_words) / max(last, 1)
    words_w = spacing - geo.node_w - 2 * geo.gap if last else geo.width / 2

    def words(node: Node) -> list[str]:
        at_end = column_of[node.id] == last and geo.end_words > 0
        room = geo.end_words - geo.gap - geo.margin if at_end else words_w
        return wrap(node.label, room, geo.font_px, geo.max_lines)

    placed = {n.id: _Placed(n, column_of[n.id], max(inflow[n.id], outflow[n.id]), words(n)) for n in nodes}
    inner = geo.height - 2 * geo.margin
    scale = _scale(list(placed.values()), inner, geo, line_px)
    by_column = [[p for p in placed.values() if p.column == c] for c in range(last + 1)]
    used = [_column_height(column, scale, line_px, geo.pad) for column in by_column]
    inner = max([inner, *used])  # the picture grows when the words alone do not fit
    order = {n.id: i for i, n in enumerate(nodes)}
    for c, column in enumerate(by_column):
        if c > 0:  # by where its flows come from: the weighted mean height of their sources
            column.sort(key=lambda p, c=c: (_mean_source(p, placed, bands, c), order[p.node.id]))
        y = geo.margin + (inner - used[c]) / 2
        for p in column:
            slot = _slot(p, scale, line_px)
            p.h = max(p.value * scale, MIN_BAND)
            p.x = geo.margin + c * spacing
            p.y = y + (slot - p.h) / 2
            y += slot + geo.pad
    return _Layout(placed, last, back, scale, inner + 2 * geo.margin)


def _mean_source(p: _Placed, placed: dict[str, _Placed], bands: Sequence[Band], column: int) -> float:
    weights = [
        (b.value, placed[b.source].centre)
        for b in bands
        if b.target == p.node.id and placed[b.source].column < column
    ]
    total = sum(w for w, _ in weights)
    return sum(w * y for w, y in weights) / total if total > 0 else float("inf")


def _band_ends(layout: _Layout, bands: Sequence[Band]) -> tuple[dict[int, float], dict[int, float]]:
    """Where each band (by index) leaves its source and enters its target: the centre of its end."""
    placed, start, end = layout.placed, {}, {}
    for p in placed.values():
        outgoing = sorted(
            (i for i, b in enumerate(bands) if b.source == p.node.id),
            key=lambda i: placed[bands[i].target].centre,
        )
        incoming = sorted(
            (i for i, b in enumerate(bands) if b.target == p.node.id),
            key=lambda i: placed[bands[i].source].centre,
        )
        for indices, at in ((outgoing, start), (incoming, end)):
            offset = p.y + (p.h - sum(bands[i].value for i in indices) * layout.scale) / 2
            for i in indices:  # the side with less (a node's value is the larger side) is centred
                width = bands[i].value * layout.scale
                at[i] = offset + width / 2
                offset += width
    return start, end


def _bands_svg(layout: _Layout, bands: Sequence[Band], geo: Geometry) -> str:
    start, end = _band_ends(layout, bands)
    below = layout.height + (LOOP_DROP if layout.back else 0.0)
    paths = []
    for i in sorted(range(len(bands)), key=lambda i: -bands[i].value):  # thin bands on top
        b = bands[i]
        source, target = layout.placed[b.source], layout.placed[b.target]
        width = max(b.value * layout.scale, MIN_BAND)
        loop = i in layout.back
        path = _band_path(source.x + geo.node_w, start[i], target.x, end[i], width, loop, below)
        title = f"<title>{html.escape(b.hover)}</title>" if b.hover else ""
        colour = html.escape(b.colour)
        paint = (  # a loop is a stroke (its outline would cross itself), a band a filled outline
            f'fill="none" stroke="{colour}" stroke-opacity="{b.opacity:g}" stroke-width="{width:.1f}"'
            if loop
            else f'fill="{colour}" fill-opacity="{b.opacity:g}"'
        )
        paths.append(
            f'<path d="{path}" {paint} data-source="{html.escape(b.source)}" '
            f'data-target="{html.escape(b.target)}" data-value="{b.value:.12g}">{title}</path>'
        )
    return f'<g class="pl-bands">{"".join(paths)}</g>'


def _nodes_svg(layout: _Layout, geo: Geometry) -> str:
    rects = []
    for p in layout.placed.values():
        title = f"<title>{html.escape(p.node.hover)}</title>" if p.node.hover else ""
        rects.append(
            f'<rect x="{p.x:.1f}" y="{p.y:.1f}" width="{geo.node_w:g}" height="{p.h:.1f}" '
            f'fill="{html.escape(p.node.colour)}" data-node="{html.escape(p.node.id)}">{title}</rect>'
        )
    return f"<g>{''.join(rects)}</g>"


def _draw(
    nodes: Sequence[Node], bands: Sequence[Band], geo: Geometry, alt: str, stacked_ok: bool
) -> tuple[str, float]:
    """:func:`layout_svg`'s one try: the picture, and the area of words that overlap something [px²]."""
    line_px = geo.font_px * 1.2
    layout = _place_nodes(nodes, bands, geo, line_px)
    words, clash = place_labels(list(layout.placed.values()), layout.last, geo, line_px, stacked_ok)
    labels = "".join(_label(lines, box, geo, line_px) for lines, box in words)
    height = layout.height + (LOOP_DROP + geo.margin if layout.back else 0.0)
    return (
        f'<svg class="pl-{geo.name}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {geo.width:g} {height:.0f}" role="img" aria-label="{html.escape(alt)}" '
        f'style="max-width:{geo.width * 1.15:.0f}px">'
        f"{_bands_svg(layout, bands, geo)}{_nodes_svg(layout, geo)}<g>{labels}</g></svg>",
        clash,
    )


WIDE_WIDTH, TALL_WIDTH = 1000.0, 360.0  # [px in the picture]; the wide one is drawn at most 1.15× that


@dataclass(frozen=True)
class Size:
    """One picture's sizes [px in the picture]: its height (it grows if the words need more), the words,
    the gap between two nodes of a column, a node's width."""

    height: float
    font_px: float = 16.0
    pad: float = 18.0
    node_w: float = 20.0


PHONE = Size(height=520.0, font_px=13.0, pad=12.0, node_w=12.0)
"""The phone's picture: 360 px across, so smaller words and nodes (13 px words drawn at about 13 px)."""


def sankey_html(
    nodes: Sequence[Node],
    bands: Sequence[Band],
    *,
    alt: str,
    lang: str,
    wide: Size,
    tall: Size = PHONE,
    ident: str = "",
) -> str:
    """The diagram as one ``<figure class="pl-sankey">`` holding a wide and a phone's ``<svg>`` (CSS shows
    one), sized by ``wide`` and ``tall``. Nodes no band touches are left out; ``ident`` becomes the
    figure's ``data-chart``."""
    used = {band.source for band in bands} | {band.target for band in bands}
    shown = [node for node in nodes if node.id in used]
    pictures = (
        Geometry("wide", WIDE_WIDTH, wide.height, wide.font_px, wide.node_w, wide.pad, end_words=210.0),
        Geometry(
            "tall",
            TALL_WIDTH,
            tall.height,
            tall.font_px,
            tall.node_w,
            tall.pad,
            gap=4.0,
            end_words=104.0,
            max_lines=4,
        ),
    )
    return (
        f'<figure class="pl-sankey" lang="{html.escape(lang)}" data-chart="{html.escape(ident)}">'
        + "".join(layout_svg(shown, bands, geo, alt) for geo in pictures)
        + "</figure>"
    )


SANKEY_CSS = (
    ".pl-sankey{margin:0 0 .5rem}"
    ".pl-sankey svg{display:block;width:100%;height:auto}"
    ".pl-sankey .pl-tall{display:none}"
    ".pl-sankey .pl-bands path:hover{fill-opacity:.75;stroke-opacity:.75}"
    "@media (max-width:640px){.pl-sankey .pl-wide{display:none}.pl-sankey .pl-tall{display:block}}"
)
"""The diagrams' style: one picture by the screen's width; a band under the mouse darkens."""
