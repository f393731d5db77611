"""The park's look, declared once: its colours, one type scale for kiosk and phone, Beijing's four bin
colours, and the CSS that carries them where Streamlit's theme cannot (no Streamlit import here).

Streamlit's own theme (``[theme]`` in ``.streamlit/config.toml`` and ``kiosk/streamlit-kiosk.toml``, the
same table in both) sets what Streamlit draws: the primary colour (buttons, sliders, the selected
language), the text colour, the headings' sizes from :data:`HEADING_SIZES`, and the badge and alert
palette, whose green, blue, red and grey are the bins' colours. :data:`PARK` holds the same colours for
the project's own HTML; a test keeps the TOML and this module equal and every text colour at least
4.5:1 on the background it is used on (WCAG 2.2 AA).

**The type scale** is a major third (each step 1.25 × the one below), in ``rem``: a phone's root is
16 px, a kiosk's 18.3 px (``parkloop.kiosk.screen.KIOSK_CSS``, and its text-size control scales it), so
the same steps read from a step back on a kiosk and fit a phone. :func:`theme_css` declares them as CSS
variables ``--pl-step-0`` (body text) … ``--pl-step-4`` (the title) for the project's own elements (the
home page's tiles and its invitation to play), so no page invents a size of its own.

**The bins** (glossary §10): 厨余垃圾 green, 可回收物 blue, 有害垃圾 red, 其他垃圾 grey. The colours
come from ``data/sorting_items.toml`` (``[bins.*] colour``), which the sorting game, the worksheets'
PDFs and the journeys read; :func:`theme_css` gives them to every other page that shows a bin
(``--pl-bin-<id>``, the cards of ``/my-garbage``) and the theme's badge palette repeats them.

:func:`theme_css` is appended to the frame's CSS (``parkloop.ui.frame.inject_css``), drawn before the
first paint. It changes no size Streamlit lays out before it arrives (the headings are the theme's).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

PARK: dict[str, str] = {
    "primary": "#0f766e",  # teal: the park's colour (5.5:1 on white), as parkloop.ui.charts.COLOURS["teal"]
    "primary_dark": "#115e59",  # teal text on a teal-tinted background (7.3:1 on the surface)
    "deep": "#064e3b",  # the attract screen's background (white on it 9.7:1)
    "text": "#1f2937",  # near-black (14.7:1 on white)
    "muted": "#4b5563",  # captions, source lines (7.6:1 on white)
    "background": "#ffffff",
    "surface": "#f0fdfa",  # widgets' and tiles' background: a breath of teal
    "border": "#99d5cc",  # tiles' and cards' edge (decorative: the words carry the meaning)
}
"""The park's colours for the project's own HTML (the theme's table in the two TOML files repeats them)."""

TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("primary", "background"),
    ("primary", "surface"),
    ("primary_dark", "surface"),
    ("text", "background"),
    ("text", "surface"),
    ("muted", "background"),
    ("muted", "surface"),
    ("background", "primary"),
    ("background", "deep"),
)
"""(text, background) pairs of :data:`PARK` that the project uses; each must be ≥ 4.5:1."""

RATIO = 1.25
"""The type scale's step: a major third."""
STEPS = (0, 1, 2, 3, 4)
HEADING_SIZES: tuple[str, ...] = ("2.441rem", "1.563rem", "1.25rem", "1rem", "1rem", "1rem")
"""h1–h6 on the scale (steps 4, 2, 1, 0, 0, 0): the theme's ``headingFontSizes``. A page has its title
(h1) and its sections (h2, ``st.header``): no level is skipped (a screen reader's outline, Lighthouse's
heading order), and a section heading keeps the size it had as Streamlit's h3. Nothing a visitor reads
is below step 0 but Streamlit's own small print (0.875rem: 14 px on a phone, 16 px on a kiosk)."""

BIN_IDS = ("food", "recyclable", "hazardous", "residual")
MY_GARBAGE_BINS = {
    "food_waste": "food",
    "recyclables": "recyclable",
    "hazardous": "hazardous",
    "residual": "residual",
}
"""The bins' names on ``/my-garbage`` (its cards' keys ``bin-<name>``) → the sorting game's bin ids."""
THEME_PALETTE = {"green": "food", "blue": "recyclable", "red": "hazardous", "gray": "residual"}
"""Streamlit's badge and alert palette (``greenColor``, ``greenTextColor`` …) → the bin it repeats."""


def step_rem(step: int) -> float:
    """The size of ``step`` on the scale [rem]: ``1.25 ** step``."""
    return round(RATIO**step, 3)


def luminance(colour: str) -> float:
    """The relative luminance of ``#rrggbb`` (WCAG 2.2)."""
    value = colour.lstrip("#")
    channels = [int(value[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """The contrast ratio of two colours (1 to 21; text needs ≥ 4.5, large text and shapes ≥ 3)."""
    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@lru_cache(maxsize=1)
def bin_colours() -> dict[str, str]:
    """Beijing's four bins' colours, ``{bin id: "#rrggbb"}``, from ``data/sorting_items.toml``."""
    from parkloop.exhibits.sorting import load_sorting_data

    return {bin_id: spec.colour for bin_id, spec in load_sorting_data().bins.items()}


def _bin_css(colours: Mapping[str, str]) -> str:
    variables = "".join(f"--pl-bin-{bin_id}:{colours[bin_id]};" for bin_id in BIN_IDS)
    cards = "".join(
        f".st-key-bin-{name}{{border-top:6px solid var(--pl-bin-{bin_id})!important}}"
        for name, bin_id in MY_GARBAGE_BINS.items()
    )
    return f":root{{{variables}}}{cards}"


_CSS = """
:root{--pl-primary:__primary__;--pl-primary-dark:__primary_dark__;--pl-text:__text__;--pl-muted:__muted__;
--pl-surface:__surface__;--pl-border:__border__;--pl-deep:__deep__;__steps__}
.stApp [data-testid="stButtonGroup"] button[data-selected="true"],
.stApp [data-testid="stButtonGroup"] button[data-selected="true"] *{color:var(--pl-primary-dark)}
.stApp [data-testid="stCaptionContainer"],.stApp [data-testid="stCaptionContainer"] *{color:var(--pl-muted)}
.stApp [data-testid="stMarkdownContainer"] a{color:var(--pl-primary-dark)}
.stApp [data-testid="stVerticalBlockBorderWrapper"]:has(> div > [class*="st-key-tile-"]),
.stApp [class*="st-key-tile-"]{border-color:var(--pl-border)}
"""


@lru_cache(maxsize=1)
def theme_css() -> str:
    """The theme's CSS (one ``<style>``): the park's colours and the type scale as CSS variables, the
    selected segmented control in the park's dark teal, the bins' colours on every card of a bin."""
    steps = "".join(f"--pl-step-{step}:{step_rem(step)}rem;" for step in STEPS)
    css = _CSS.replace("__steps__", steps)
    for name, colour in PARK.items():
        css = css.replace(f"__{name}__", colour)
    compact = "".join(line.strip() for line in css.strip().splitlines())
    return f"<style>{compact}{_bin_css(bin_colours())}</style>"
