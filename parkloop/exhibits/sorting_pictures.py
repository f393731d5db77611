"""The sorting game's pictures, as inline SVG: no image files to serve, nothing fetched at run time.

Most pictures are Microsoft's Fluent Emoji Flat (MIT, ``licenses/fluent-emoji-flat.txt``), read from the
pinned npm package ``@iconify-json/fluent-emoji-flat`` that ``make run`` / ``make test`` install into
``node_modules`` (``npm ci``). A few are drawn by the project (``parkloop:<name>``): things the set has no
clear picture of (a plastic bottle, a drink can, a button cell, a rechargeable battery) and the bins.

Without ``node_modules`` (npm missing) every Fluent picture is a plain drawn bag, so the game still works;
:func:`missing_pictures` lets ``python -m parkloop check`` and the tests say so.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from parkloop.settings import REPO_ROOT

ICON_SET = REPO_ROOT / "node_modules" / "@iconify-json" / "fluent-emoji-flat" / "icons.json"
OWN_PREFIX = "parkloop:"
VIEWBOX = 32  # Fluent Emoji Flat icons are drawn on a 32 x 32 grid; the project's pictures too

# The bins' own symbols, inside a bin drawn in the bin's colour: a leaf (food), the recycling arrows,
# a warning sign (hazardous) and a waste basket (residual).
BIN_SYMBOLS = {
    "food": "fallen-leaf",
    "recyclable": "recycling-symbol",
    "hazardous": "warning",
    "residual": "wastebasket",
}
EXTRA_ICONS = (
    "glowing-star",
    "party-popper",
    "trophy",
    "speaker-high-volume",
    "backhand-index-pointing-down",
)

_BATTERY = (
    '<path fill="#9b9b9b" d="M13 4V2.8c0-.44.31-.8.7-.8h4.6c.39 0 .7.36.7.8V4h3.23C23.2 4 24 4.8 24 5.77'
    'v22.46c0 .98-.8 1.77-1.77 1.77H9.77C8.8 30 8 29.2 8 28.23V5.77C8 4.79 8.8 4 9.77 4z"/>'
    '<path fill="#00a6ed" d="M24 6H8v22h16z"/>'
)
OWN: dict[str, str] = {
    # a clear plastic bottle with a blue cap and a label
    "plastic-bottle": (
        '<path fill="#0074ba" d="M13 2h6v3h-6z"/>'
        '<path fill="#bfe6fb" stroke="#5aa9d6" stroke-width="1" d="M13 5h6v2.5c0 1 3 2.5 3 5.5v14.5'
        'c0 1.4-1.1 2.5-2.5 2.5h-7C11.1 30 10 28.9 10 27.5V13c0-3 3-4.5 3-5.5z"/>'
        '<path fill="#00a6ed" d="M10 16h12v6H10z"/>'
        '<path fill="#fff" opacity=".7" d="M12 24h1.5v4H12z"/>'
    ),
    # an aluminium drink can
    "drink-can": (
        '<path fill="#b4acbc" d="M10 5.5C10 4.1 12.7 3 16 3s6 1.1 6 2.5V7H10z"/>'
        '<path fill="#f8312f" d="M9 7h14v20c0 1.7-3.1 3-7 3s-7-1.3-7-3z"/>'
        '<path fill="#ca0b4a" d="M9 25h14v2c0 1.7-3.1 3-7 3s-7-1.3-7-3z"/>'
        '<ellipse cx="16" cy="7" fill="#d3d3d3" rx="7" ry="2"/>'
        '<path fill="#fff" d="M12 12h8v2h-8zm1 4h6v6h-6z" opacity=".9"/>'
    ),
    # a button cell: a silver coin with a plus sign
    "button-battery": (
        '<ellipse cx="16" cy="19" fill="#8d8d8d" rx="13" ry="8"/>'
        '<ellipse cx="16" cy="16" fill="#d3d3d3" rx="13" ry="8"/>'
        '<ellipse cx="16" cy="16" fill="#e6e6e6" rx="10" ry="6"/>'
        '<path fill="#636363" d="M15 12.5h2v2.5h3v2h-3v2.5h-2V17h-3v-2h3z"/>'
    ),
    # a battery with a lightning bolt: it can be charged again
    "rechargeable-battery": (
        _BATTERY + '<path fill="#ffb02e" stroke="#6d4534" stroke-width=".6" d="M18 8l-7 11h4.5l-2 9 8-12.5'
        'h-4.7z"/>'
    ),
    # two halves of a cracked eggshell (Fluent's egg is a whole egg)
    "eggshells": (
        '<path fill="#f4f0e6" stroke="#a08a6b" stroke-width="1" d="M3 17c0 6 4 10 9 10s9-4 9-10l-2.5 2-2-3'
        '-2.5 3-2-3-2.5 3-2-3z"/>'
        '<path fill="#f4f0e6" stroke="#a08a6b" stroke-width="1" d="M14 13c0-6 3.5-10 7.5-10S29 7 29 13'
        'l-2 1.5-1.8-2.5-2 2.5-1.8-2.5-2 2.5-1.8-2.5-2 2.5z"/>'
        '<path fill="#fde68a" d="M8 22.5c0 1.5 1.8 2.5 4 2.5s4-1 4-2.5-1.8-2-4-2-4 .5-4 2z" opacity=".7"/>'
    ),
    # a pale star: the item was put in the right bin for the child (the gold one is Fluent's glowing star)
    "empty-star": (
        '<path fill="#f3f4f6" stroke="#9ca3af" stroke-width="1.5" stroke-linejoin="round" '
        'd="M16 3l3.9 8 8.6 1.2-6.3 6 1.6 8.6L16 22.7l-7.8 4.1 1.6-8.6-6.3-6 8.6-1.2z"/>'
    ),
    # what a Fluent picture falls back to without node_modules: a plain bag (no hint of its bin)
    "bag": (
        '<path fill="#d3d3d3" stroke="#636363" stroke-width="1" d="M8 11h16l2 17c0 1.1-.9 2-2 2H8'
        'c-1.1 0-2-.9-2-2z"/><path fill="none" stroke="#636363" stroke-width="1.5" d="M12 11c0-5 8-5 8 0"/>'
    ),
}


@lru_cache(maxsize=2)
def _icons(path: Path, names: frozenset[str]) -> dict[str, str]:
    """The bodies of ``names`` from the icon set (aliases resolved); ``{}`` without the file. Only the
    names asked for are kept: the whole set is 9 MB."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    icons, aliases = raw.get("icons", {}), raw.get("aliases", {})
    bodies: dict[str, str] = {}
    for name in names:
        parent = name if name in icons else aliases.get(name, {}).get("parent", "")
        if parent in icons:
            bodies[name] = str(icons[parent]["body"])
    return bodies


@lru_cache(maxsize=1)
def _wanted() -> frozenset[str]:
    """Every icon the game draws: the items' pictures (``data/sorting_items.toml``), the bins' symbols
    and the stars, the celebration and the read-aloud speaker."""
    from parkloop.exhibits.sorting import load_sorting_data  # the items name their pictures

    names = {item.picture for item in load_sorting_data().items}
    names |= set(BIN_SYMBOLS.values()) | set(EXTRA_ICONS)
    return frozenset(name for name in names if not name.startswith(OWN_PREFIX))


def body(name: str) -> str:
    """The SVG body of a picture (32 x 32): the project's own, or the icon set's, else the plain bag."""
    if name.startswith(OWN_PREFIX):
        return OWN.get(name.removeprefix(OWN_PREFIX), OWN["bag"])
    return _icons(ICON_SET, _wanted()).get(name) or OWN["bag"]


def missing_pictures(names: Iterable[str], icon_set: Path | None = None) -> list[str]:
    """The names that would be drawn as the plain bag (unknown, or the icon set is not installed)."""
    names = list(names)
    found = _icons(icon_set or ICON_SET, frozenset(n for n in names if not n.startswith(OWN_PREFIX)))
    return [
        name
        for name in names
        if (name.removeprefix(OWN_PREFIX) not in OWN if name.startswith(OWN_PREFIX) else name not in found)
    ]


def svg(name: str, *, size: int | str = "100%", css_class: str = "") -> str:
    """One picture as an inline ``<svg>``, decorative (the name is always written beside it)."""
    cls = f' class="{html.escape(css_class)}"' if css_class else ""
    drawn = body(name)
    if drawn is OWN["bag"] and name != OWN_PREFIX + "bag":
        cls += ' data-parkloop-fallback="1"'  # the picture is not installed: tests and check look for this
    return (
        f'<svg{cls} xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEWBOX} {VIEWBOX}" width="{size}" '
        f'height="{size}" aria-hidden="true" focusable="false">{drawn}</svg>'
    )


def bin_svg(bin_id: str, colour: str, *, size: int | str = "100%") -> str:
    """A bin in its colour (lid, body, a white disc with the bin's symbol), 64 x 64."""
    symbol = body(BIN_SYMBOLS.get(bin_id, OWN_PREFIX + "bag"))
    return (
        f'<svg class="pl-bin-pic" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="{size}" '
        f'height="{size}" aria-hidden="true" focusable="false">'
        f'<rect x="6" y="8" width="52" height="9" rx="3" fill="{colour}" stroke="#111827" stroke-width="2"/>'
        f'<rect x="24" y="3" width="16" height="6" rx="2" fill="{colour}" stroke="#111827" stroke-width="2"/>'
        f'<path d="M10 17h44l-4 42c-.2 1.7-1.6 3-3.3 3H17.3c-1.7 0-3.1-1.3-3.3-3z" fill="{colour}" '
        'stroke="#111827" stroke-width="2"/>'
        '<circle cx="32" cy="38" r="15" fill="#ffffff"/>'
        f'<g transform="translate(20 26) scale(0.75)">{symbol}</g></svg>'
    )
