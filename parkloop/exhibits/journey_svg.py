"""The drawing of a journey (``#parkloop-journey``): stages as boxes with a small picture, flows as pipes
whose width is the amount, as one piece of HTML with inline SVG — no Streamlit, no script, no image
request, so it is tested as text and stays small (aim: ≤ 30 kB).

What a journey is (:class:`Journey`) is data: its stages with their place on a grid, the flows between
them with their amounts, the words. This module only draws it (:func:`journey_html`, its style
:func:`journey_css`), twice: a wide picture (kiosk, laptop) and a tall one (phone, ``max-width: 640px``),
one of them shown by CSS. Both carry ``role="img"`` and an ``aria-label`` that says the numbers; every
stage is focusable (a tap, a click or Tab), and a focused stage shows its one- or two-sentence explanation
under the picture (CSS ``:has(:focus)``, no script). A ``<details>`` list gives every step in words, as
the text alternative of the whole picture.

Widths: a flow's width is ``MAX_WIDTH × amount / scale`` where ``scale`` is fixed per kind of flow and per
journey (not the largest flow of the moment), so a slider that doubles every flow doubles every width.
Thin flows are drawn at least ``MIN_WIDTH`` wide; a flow of nothing is a thin dashed grey line.

Motion: the dots in the pipes move with CSS (``stroke-dashoffset``), slowly; under
``prefers-reduced-motion: reduce`` they stand still.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

MAX_WIDTH = 30.0  # [px in the picture] a flow as big as its scale
MIN_WIDTH = 2.5  # [px] the thinnest flow that is not nothing
DOT_PERIOD = 26  # [px] distance between the moving dots; the animation moves one period
EMPTY_COLOUR = "#9ca3af"
INK = "#111827"
NBSP = "\u00a0"  # parkloop.i18n puts one between a number and its unit


@dataclass(frozen=True)
class Geometry:
    """One layout's sizes [px in the picture]."""

    name: str  # "wide" or "tall": the CSS class pl-wide / pl-tall
    column: float  # distance between stage centres across
    row: float  # distance between stage centres down
    box_w: float
    box_h: float
    label_px: float
    number_px: float
    icon_scale: float = 1.25  # the 36 px pictures, drawn bigger
    margin: float = 12.0
    flows_across: bool = True  # the main direction of the picture: left → right (wide) or top → down


WIDE = Geometry("wide", column=192.0, row=166.0, box_w=134.0, box_h=134.0, label_px=16.0, number_px=16.0)
TALL = Geometry(
    "tall",
    column=126.0,
    row=162.0,
    box_w=104.0,
    box_h=128.0,
    label_px=14.0,
    number_px=14.0,
    icon_scale=1.15,
    flows_across=False,
)


@dataclass(frozen=True)
class Stage:
    """A step of the journey: a box with a picture (``icon``), its name, one number and its explanation.

    ``wide`` and ``tall`` are its place on each layout's grid (column, row; halves allowed). ``mix`` draws
    a stacked bar of shares ``(colour, share)`` under the name (what is in the garbage, by bin colour);
    ``dots`` a row of small squares (a count, each ``each``)."""

    key: str
    icon: str
    colour: str
    wide: tuple[float, float]
    tall: tuple[float, float]
    label: str = ""
    why: str = ""
    number: str = ""
    mix: tuple[tuple[str, float], ...] = ()
    dots: int = 0
    each: str = ""


@dataclass(frozen=True)
class Flow:
    """Something moving from one stage to another: ``amount`` in the unit of its ``kind``'s scale."""

    source: str
    target: str
    kind: str
    colour: str
    amount: float = 0.0


@dataclass(frozen=True)
class Journey:
    """Everything one picture shows, in the visitor's words and numbers."""

    page: str
    lang: str
    stages: tuple[Stage, ...]
    flows: tuple[Flow, ...]
    scales: Mapping[str, float]  # kind → the amount drawn MAX_WIDTH wide
    alt: str  # the whole picture in one or two sentences with its numbers
    hint: str  # "tap a step"
    steps_heading: str  # the <details> summary


def flow_width(amount: float, scale: float) -> float:
    """The width of a flow [px]: proportional to ``amount``, at most :data:`MAX_WIDTH`, at least
    :data:`MIN_WIDTH` when it is anything at all, ``0`` for nothing."""
    if amount <= 0 or scale <= 0:
        return 0.0
    return round(min(MAX_WIDTH, max(MIN_WIDTH, MAX_WIDTH * amount / scale)), 2)


# --------------------------------------------------------------------------------------------
# small pictures, drawn in a 36 × 36 box at the origin in the stage's colour
# --------------------------------------------------------------------------------------------
ICONS: dict[str, str] = {
    "bin": (
        '<path d="M7 10h22l-2 24H9z" fill="{c}"/><rect x="5" y="5" width="26" height="5" rx="2" fill="{c}"/>'
        '<path d="M14 15v14M18 15v14M22 15v14" stroke="#fff" stroke-width="2"/>'
    ),
    "truck": (
        '<rect x="2" y="10" width="21" height="15" rx="2" fill="{c}"/>'
        '<path d="M23 14h7l4 6v5H23z" fill="{c}"/><circle cx="9" cy="28" r="4" fill="#374151"/>'
        '<circle cx="28" cy="28" r="4" fill="#374151"/>'
    ),
    "bunker": (
        '<path d="M3 8h30l-5 24H8z" fill="none" stroke="{c}" stroke-width="3"/>'
        '<path d="M9 30c2-9 6-13 9-13s7 4 9 13z" fill="{c}"/>'
    ),
    "fire": (
        '<path d="M18 3c2 8 11 11 11 21a11 11 0 0 1-22 0c0-6 4-8 5-13 2 4 4 5 6 5-2-4-2-9 0-13z" '
        'fill="{c}"/><path d="M18 20c1 4 5 5 5 9a5 5 0 0 1-10 0c0-3 3-5 5-9z" fill="#fde68a"/>'
    ),
    "boiler": (
        '<rect x="6" y="8" width="24" height="26" rx="5" fill="{c}"/>'
        '<path d="M11 5c0 3 3 3 3 6M18 3c0 3 3 3 3 6M25 5c0 3 3 3 3 6" stroke="{c}" '
        'stroke-width="2" fill="none"/>'
        '<path d="M10 20c3-3 5 3 8 0s5 3 8 0" stroke="#fff" stroke-width="2" fill="none"/>'
    ),
    "turbine": (
        '<circle cx="18" cy="18" r="15" fill="none" stroke="{c}" stroke-width="3"/>'
        '<path d="M18 18 18 5a8 8 0 0 1 7 7zM18 18l13 0a8 8 0 0 1-7 7zM18 18v13a8 8 0 0 '
        '1-7-7zM18 18H5a8 8 0 0 1 7-7z" fill="{c}"/>'
    ),
    "bolt": ('<path d="M21 2 6 21h10l-3 13 16-20H19z" fill="{c}"/>'),
    "filter": (
        '<path d="M4 6h28l-10 13v11l-8 4V19z" fill="{c}"/><path d="M9 10h18" stroke="#fff" stroke-width="2"/>'
    ),
    "chimney": (
        '<rect x="14" y="12" width="9" height="23" fill="{c}"/>'
        '<circle cx="20" cy="8" r="4" fill="#cbd5e1"/>'
        '<circle cx="27" cy="5" r="3.5" fill="#e2e8f0"/>'
    ),
    "ash": (
        '<path d="M2 33c4-10 9-16 16-16s12 6 16 16z" fill="{c}"/>'
        '<circle cx="12" cy="26" r="2" fill="#fff"/><circle cx="22" cy="24" r="2" fill="#fff"/>'
        '<circle cx="18" cy="29" r="1.6" fill="#fff"/>'
    ),
    "bricks": (
        '<g fill="{c}"><rect x="2" y="24" width="15" height="8" rx="1"/>'
        '<rect x="19" y="24" width="15" height="8" rx="1"/>'
        '<rect x="10" y="14" width="15" height="8" rx="1"/>'
        '<rect x="2" y="4" width="15" height="8" rx="1"/>'
        '<rect x="19" y="4" width="15" height="8" rx="1"/></g>'
    ),
    "stones": (
        '<g fill="{c}"><circle cx="9" cy="27" r="6"/><circle cx="22" cy="28" r="5"/>'
        '<circle cx="30" cy="21" r="4"/><circle cx="15" cy="16" r="5"/>'
        '<circle cx="26" cy="11" r="3.5"/></g>'
    ),
    "rubble": (
        '<path d="M2 33 8 20l6 4 5-11 7 9 4-4 4 15z" fill="{c}"/>'
        '<rect x="6" y="4" width="9" height="7" fill="{c}" transform="rotate(-15 10 8)"/>'
    ),
    "crusher": (
        '<circle cx="11" cy="20" r="9" fill="none" stroke="{c}" stroke-width="4" '
        'stroke-dasharray="4 2.5"/>'
        '<circle cx="25" cy="20" r="9" fill="none" stroke="{c}" stroke-width="4" '
        'stroke-dasharray="4 2.5"/><path d="M13 2h10l-5 8z" fill="{c}"/>'
    ),
    "digester": (
        '<path d="M6 34V16a12 12 0 0 1 24 0v18z" fill="{c}"/>'
        '<circle cx="14" cy="22" r="2.5" fill="#fff"/><circle cx="21" cy="27" r="2" fill="#fff"/>'
        '<circle cx="22" cy="17" r="1.6" fill="#fff"/>'
    ),
    "bubble": (
        '<circle cx="14" cy="20" r="10" fill="{c}"/>'
        '<circle cx="26" cy="11" r="6" fill="{c}" opacity=".75"/>'
        '<circle cx="26" cy="28" r="4" fill="{c}" opacity=".6"/>'
    ),
    "flare": (
        '<rect x="16" y="18" width="5" height="17" fill="#4b5563"/>'
        '<path d="M18 2c1 5 7 7 7 12a7 7 0 0 1-14 0c0-4 3-5 4-9 1 3 2 3 3 3z" fill="{c}"/>'
    ),
    "engine": (
        '<circle cx="18" cy="18" r="10" fill="none" stroke="{c}" stroke-width="6" '
        'stroke-dasharray="5 3.3"/><circle cx="18" cy="18" r="6" fill="{c}"/>'
    ),
    "upgrade": (
        '<rect x="8" y="4" width="20" height="30" rx="9" fill="{c}"/>'
        '<path d="M18 26V12m-5 5 5-5 5 5" stroke="#fff" stroke-width="3" fill="none"/>'
    ),
    "gasflame": (
        '<path d="M18 4c3 7 9 10 9 17a9 9 0 0 1-18 0c0-5 3-7 4-11 1 3 3 4 5 4-1-3-1-6 0-10z" '
        'fill="{c}"/><rect x="5" y="31" width="26" height="3" rx="1.5" fill="#4b5563"/>'
    ),
    "drop": (
        '<path d="M18 3c6 9 11 15 11 21a11 11 0 0 1-22 0c0-6 5-12 11-21z" fill="{c}"/>'
        '<path d="M13 24a5 5 0 0 0 5 5" stroke="#fff" stroke-width="2" fill="none"/>'
    ),
    "tank": (
        '<rect x="4" y="10" width="28" height="24" rx="3" fill="none" stroke="{c}" '
        'stroke-width="3"/><path d="M6 21c4-4 7 4 12 0s8 4 12 0v11H6z" fill="{c}"/>'
    ),
    "landfill": (
        '<path d="M1 34c6-15 12-22 17-22s11 7 17 22z" fill="{c}"/>'
        '<rect x="22" y="4" width="4" height="14" fill="#4b5563"/>'
    ),
    "bowl": (
        '<path d="M3 17h30a15 13 0 0 1-30 0z" fill="{c}"/>'
        '<path d="M12 12c0-4 4-4 4-8M20 12c0-4 4-4 4-8" stroke="{c}" stroke-width="2" '
        'fill="none"/>'
    ),
    "sun": (
        '<circle cx="18" cy="18" r="8" fill="{c}"/>'
        '<path d="M18 1v6M18 29v6M1 18h6M29 18h6M6 6l4 4M26 26l4 4M6 30l4-4M26 10l4-4" '
        'stroke="{c}" stroke-width="3"/>'
    ),
    "panel": (
        '<path d="M7 8h26l-4 18H3z" fill="{c}"/>'
        '<path d="M11 8 7 26M20 8l-4 18M29 8l-4 18M5 17h26" stroke="#fff" stroke-width="1.5"/>'
        '<rect x="14" y="26" width="4" height="8" fill="#4b5563"/>'
    ),
    "factory": ('<path d="M2 34V16l9 6v-6l9 6v-6l9 6V4h5v30z" fill="{c}"/>'),
    "steam": (
        '<path d="M8 33c-4-5 4-8 0-13s4-8 0-13M18 33c-4-5 4-8 0-13s4-8 0-13M28 33c-4-5 4-8 '
        '0-13s4-8 0-13" stroke="{c}" stroke-width="3.5" fill="none" stroke-linecap="round"/>'
    ),
    "gasboiler": (
        '<rect x="6" y="3" width="24" height="31" rx="3" fill="{c}"/>'
        '<path d="M18 14c2 4 5 5 5 9a5 5 0 0 1-10 0c0-3 2-4 3-7 1 2 2 2 2 2z" fill="#fde68a"/>'
    ),
    "pipe": (
        '<path d="M2 14h32v9H2z" fill="{c}"/><path d="M8 10v17M28 10v17" stroke="#374151" stroke-width="3"/>'
    ),
    "ammonia": (
        '<rect x="9" y="8" width="18" height="26" rx="4" fill="{c}"/>'
        '<rect x="13" y="2" width="10" height="7" fill="{c}"/>'
        '<path d="M13 20h10" stroke="#fff" stroke-width="3"/>'
    ),
    "lost": (
        '<path d="M6 30c-3-5 3-8 0-13M14 30c-3-5 3-8 0-13" stroke="{c}" stroke-width="3" '
        'fill="none"/><path d="M20 12l12 12m0-12L20 24" stroke="{c}" stroke-width="3.5"/>'
    ),
}


def icon(name: str, colour: str = "currentColor") -> str:
    """The small picture ``name`` in ``colour``; unknown names draw nothing."""
    return ICONS.get(name, "").replace("{c}", colour)


@lru_cache(maxsize=64)
def icon_defs(names: tuple[str, ...]) -> str:
    """The pictures a journey uses, each once as a ``<symbol>`` (``#pl-i-<name>``) that both layouts
    ``<use>`` in their stage's colour: in a hidden SVG of no size (not ``display:none``, which would hide
    what refers to it in some browsers)."""
    symbols = "".join(
        f'<symbol id="pl-i-{name}" viewBox="0 0 36 36">{icon(name)}</symbol>' for name in dict.fromkeys(names)
    )
    return (
        '<svg class="pl-defs" width="0" height="0" aria-hidden="true" focusable="false" '
        f'style="position:absolute"><defs>{symbols}</defs></svg>'
    )


# --------------------------------------------------------------------------------------------
# words in boxes
# --------------------------------------------------------------------------------------------
def text_px(text: str, size: float) -> float:
    """A rough width of ``text`` [px]: a Chinese character is a square, a Latin letter about half."""
    return sum(size if ord(char) > 0x2E80 else size * 0.56 for char in text)


def label_lines(text: str, width: float, size: float) -> list[str]:
    """``text`` in at most two lines that fit ``width``: broken at the space nearest the middle (Latin)
    or in the middle (Chinese)."""
    if text_px(text, size) <= width or len(text) < 4:
        return [text]
    if " " in text:
        spaces = [i for i, char in enumerate(text) if char == " "]
        cut = min(spaces, key=lambda i: abs(i - len(text) / 2))
        return [text[:cut], text[cut + 1 :]]
    half = (len(text) + 1) // 2
    return [text[:half], text[half:]]


# --------------------------------------------------------------------------------------------
# one layout
# --------------------------------------------------------------------------------------------
def _centres(journey: Journey, geo: Geometry) -> dict[str, tuple[float, float]]:
    places = {stage.key: (stage.wide if geo.name == "wide" else stage.tall) for stage in journey.stages}
    left = min(col for col, _ in places.values())
    top = min(row for _, row in places.values())
    x0, y0 = geo.margin + geo.box_w / 2, geo.margin + geo.box_h / 2
    return {
        key: (x0 + (col - left) * geo.column, y0 + (row - top) * geo.row)
        for key, (col, row) in places.items()
    }


def flow_path(start: tuple[float, float], end: tuple[float, float], geo: Geometry) -> str:
    """A pipe from one stage's centre to another's (the boxes cover its ends): straight between
    neighbours, an S-curve in the picture's main direction otherwise; a pipe along a line of stages that
    would run through a box between them bends around it (right of a column, below a row)."""
    (x1, y1), (x2, y2) = start, end
    neighbours = (y1 == y2 and abs(x2 - x1) <= geo.column * 1.01) or (
        x1 == x2 and abs(y2 - y1) <= geo.row * 1.01
    )
    if neighbours:
        return f"M{x1:g} {y1:g}L{x2:g} {y2:g}"
    if x1 == x2:
        bulge = geo.column * 0.58
        return f"M{x1:g} {y1:g}C{x1 + bulge:g} {y1:g} {x2 + bulge:g} {y2:g} {x2:g} {y2:g}"
    if y1 == y2:
        bulge = geo.row * 0.62
        return f"M{x1:g} {y1:g}C{x1:g} {y1 + bulge:g} {x2:g} {y2 + bulge:g} {x2:g} {y2:g}"
    if geo.flows_across:
        mid = (x1 + x2) / 2
        return f"M{x1:g} {y1:g}C{mid:g} {y1:g} {mid:g} {y2:g} {x2:g} {y2:g}"
    mid = (y1 + y2) / 2
    return f"M{x1:g} {y1:g}C{x1:g} {mid:g} {x2:g} {mid:g} {x2:g} {y2:g}"


def _flow(flow: Flow, width: float, path: str) -> str:
    data = f'data-flow="{html.escape(flow.source)}-{html.escape(flow.target)}" data-width="{width:g}"'
    if width <= 0:
        return f'<path d="{path}" class="pl-e" stroke="{EMPTY_COLOUR}" {data}/>'
    dot = round(width * 0.5, 2)
    return (
        f'<path d="{path}" class="pl-p" stroke="{flow.colour}" stroke-width="{width:g}" {data}/>'
        f'<path d="{path}" class="pl-f" stroke-width="{dot:g}"/>'
    )


def _fitted(text: str, width: float, size: float) -> float:
    """The font size at which ``text`` fits ``width`` (never below 9 px)."""
    while size > 9 and text_px(text, size) > width:
        size -= 0.5
    return size


@lru_cache(maxsize=2048)
def _stage(stage: Stage, centre: tuple[float, float], geo: Geometry) -> str:
    """One stage's box. Cached by everything it shows (a stage's number has two significant figures, so
    most slider positions draw boxes drawn before): the picture is redrawn on every slider move."""
    x, y = centre[0] - geo.box_w / 2, centre[1] - geo.box_h / 2
    middle, icon_px = geo.box_w / 2, 36 * geo.icon_scale
    parts = [
        f'<g class="pl-s pl-s-{stage.key}" tabindex="0" data-stage="{stage.key}" '
        f'transform="translate({x:g} {y:g})">',
        f"<title>{html.escape(stage.label)}</title><desc>{html.escape(stage.why)}</desc>",
        f'<rect class="pl-r" width="{geo.box_w:g}" height="{geo.box_h:g}" rx="12" stroke="{stage.colour}"/>',
        f'<use href="#pl-i-{stage.icon}" x="{middle - icon_px / 2:g}" y="5" width="{icon_px:g}" '
        f'height="{icon_px:g}" color="{stage.colour}"/>',
    ]
    lines = label_lines(stage.label, geo.box_w - 10, geo.label_px)
    size = min(_fitted(line, geo.box_w - 8, geo.label_px) for line in lines)
    first = 5 + icon_px + 4 + size
    for number, line in enumerate(lines):
        parts.append(
            f'<text x="{middle:g}" y="{first + number * (size + 2):g}" class="pl-l" font-size="{size:g}">'
            f"{html.escape(line)}</text>"
        )
    parts.append(_number(stage.number, geo))
    parts.append(_marks(stage, geo))
    parts.append("</g>")
    return "".join(parts)


def _number_and_unit(text: str) -> list[str]:
    """A number and its unit apart: ``"1.4万标准立方米/日"`` → ``["1.4万", "标准立方米/日"]``."""
    if NBSP in text:
        return text.split(NBSP, 1)
    match = re.match(r"^([−+]?[\d.,]+[万亿]?)(\D.*)$", text)
    return [match.group(1), match.group(2)] if match else [text]


def _number(number: str, geo: Geometry) -> str:
    """The stage's number near the bottom of its box; a long one (``1.4万标准立方米/日``) in two lines,
    the number over its unit, rather than in letters too small to read."""
    if not number:
        return ""
    lines, size = [number], _fitted(number, geo.box_w - 8, geo.number_px)
    if size < geo.number_px * 0.85 and len(split := _number_and_unit(number)) == 2:
        lines = split
        size = min(_fitted(line, geo.box_w - 8, geo.number_px) for line in lines)
    bottom = geo.box_h - 19
    return "".join(
        f'<text x="{geo.box_w / 2:g}" y="{bottom - (len(lines) - 1 - i) * (size + 1):g}" class="pl-n" '
        f'font-size="{size:g}">{html.escape(line)}</text>'
        for i, line in enumerate(lines)
    )


def _marks(stage: Stage, geo: Geometry) -> str:
    """The mix bar or the dots along the bottom of a box."""
    inner, bottom = geo.box_w - 20, geo.box_h - 10
    if stage.mix:
        total = sum(share for _, share in stage.mix) or 1.0
        parts, x = [], 10.0
        for colour, share in stage.mix:
            width = inner * share / total
            if width > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{bottom:g}" width="{width:.1f}" height="6" fill="{colour}"/>'
                )
            x += width
        return '<g class="pl-mix">' + "".join(parts) + "</g>"
    if stage.dots:
        step = min(10.0, inner / stage.dots)
        start = (geo.box_w - step * stage.dots) / 2
        squares = "".join(
            f'<rect x="{start + i * step + 1:.1f}" y="{bottom:g}" width="{step - 2:.1f}" height="6"/>'
            for i in range(stage.dots)
        )
        return f'<g class="pl-dots" fill="{stage.colour}" data-dots="{stage.dots}">{squares}</g>'
    return ""


def layout_svg(journey: Journey, geo: Geometry) -> str:
    """One of the two pictures: pipes first, boxes over their ends."""
    centres = _centres(journey, geo)
    width = max(x for x, _ in centres.values()) + geo.box_w / 2 + geo.margin
    height = max(y for _, y in centres.values()) + geo.box_h / 2 + geo.margin
    pipes = []
    for flow in journey.flows:
        path = flow_path(centres[flow.source], centres[flow.target], geo)
        pipes.append(_flow(flow, flow_width(flow.amount, journey.scales[flow.kind]), path))
    boxes = [_stage(stage, centres[stage.key], geo) for stage in journey.stages]
    return (
        f'<svg class="pl-{geo.name}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" '
        f'role="img" aria-label="{html.escape(journey.alt)}" style="max-width:{width * 1.15:.0f}px">'
        + "".join(pipes)
        + "".join(boxes)
        + "</svg>"
    )


# --------------------------------------------------------------------------------------------
# the whole piece
# --------------------------------------------------------------------------------------------
CSS = """
.pl-j{margin:.5rem 0 1rem 0}
.pl-j svg{width:100%;height:auto;display:block;margin:0 auto;overflow:visible}
.pl-tall{display:none!important}
@media (max-width:640px){.pl-wide{display:none!important}.pl-tall{display:block!important}}
.pl-p{fill:none;stroke-linecap:round;stroke-linejoin:round;opacity:.85}
.pl-e{fill:none;stroke-width:1.5;stroke-dasharray:4 4}
.pl-f{fill:none;stroke:#fff;opacity:.8;stroke-linecap:round;stroke-dasharray:0 26;
animation:pl-move 2.4s linear infinite}
@keyframes pl-move{to{stroke-dashoffset:-26}}
@media (prefers-reduced-motion:reduce){.pl-f{animation:none}}
.pl-s{cursor:pointer;outline:none}
.pl-r{fill:#fff;stroke-width:2.5}
.pl-s:hover .pl-r{fill:#f0fdfa}
.pl-s:focus .pl-r{fill:#f0fdfa;stroke-width:5}
.pl-s:focus-visible .pl-r{stroke:#111827}
.pl-l{text-anchor:middle;fill:#111827;font-weight:600}
.pl-n{text-anchor:middle;fill:#111827;font-weight:700}
.pl-caps{min-height:3.2em;font-size:1.05rem;color:#1f2937;margin:.4rem 0;padding:.4rem .75rem;
border-left:4px solid #0f766e;background:#f0fdfa}
.pl-cap{display:none;margin:0}
.pl-hint{display:block}
.pl-j:has(.pl-s:focus) .pl-hint{display:none}
.pl-j details{font-size:1rem}
"""


@lru_cache(maxsize=16)
def journey_css(stage_keys: tuple[str, ...]) -> str:
    """The ``<style>`` of a page's journey: the layouts, the pipes' motion and the caption of each of
    ``stage_keys`` shown while its stage has focus. Sent apart from the picture (``st.html``): the frame
    hides a Markdown block holding a ``<style>``."""
    compact = " ".join(line.strip() for line in CSS.strip().splitlines())
    rules = "".join(f".pl-j:has(.pl-s-{key}:focus) .pl-c-{key}{{display:block}}" for key in stage_keys)
    return f"<style>{compact}{rules}</style>"


def _said(stage: Stage, lang: str) -> str:
    """``<strong>name</strong> — explanation`` (``：`` in Chinese), escaped."""
    dash = " — " if lang == "en" else "："
    return f"<strong>{html.escape(stage.label)}</strong>{dash}{html.escape(_why(stage, lang))}"


def _captions(journey: Journey) -> str:
    hint = f'<p class="pl-cap pl-hint">{html.escape(journey.hint)}</p>'
    captions = "".join(
        f'<p class="pl-cap pl-c-{stage.key}">{_said(stage, journey.lang)}</p>' for stage in journey.stages
    )
    return f'<div class="pl-caps" aria-live="polite">{hint}{captions}</div>'


def _why(stage: Stage, lang: str) -> str:
    """The stage's explanation, and what one of its squares stands for (Chinese joins without a space)."""
    if not stage.each:
        return stage.why
    return f"{stage.why}{' ' if lang == 'en' else ''}{stage.each}"


def _steps(journey: Journey) -> str:
    """Every step in words, with its number: the text alternative of the whole picture."""
    items = "".join(
        f"<li>{_said(stage, journey.lang)}{f' ({html.escape(stage.number)})' if stage.number else ''}</li>"
        for stage in journey.stages
    )
    return f"<details><summary>{html.escape(journey.steps_heading)}</summary><ol>{items}</ol></details>"


def journey_html(journey: Journey) -> str:
    """The journey as one piece of HTML (no blank line, so Markdown passes it through as it is); its
    style is :func:`journey_css`."""
    lang = "zh-Hans" if journey.lang == "zh" else journey.lang
    return (
        f'<figure id="parkloop-journey" class="pl-j" lang="{lang}" data-page="{html.escape(journey.page)}">'
        + icon_defs(tuple(stage.icon for stage in journey.stages))
        + layout_svg(journey, WIDE)
        + layout_svg(journey, TALL)
        + _captions(journey)
        + _steps(journey)
        + "</figure>"
    )
