"""Streamlit's icon font, cut down to the icons it can show in ParkLoop (served by ``make serve``).

Streamlit 1.67 draws its own icons (an expander's or a popover's chevron, ``:material/info:``) with the
*Material Symbols Rounded* font: 375 kB, 4,052 glyphs, fetched by every phone on its first page — more
than all of ParkLoop's own code and data. An icon is text (``expand_more``) that the font's ligatures
turn into one glyph, so the font cannot be cut by characters (every ligature is made of a–z and ``_``):
:func:`build` removes the ligatures of every icon nobody can ask for and lets fontTools drop the glyphs
nothing reaches any more.

Which icons can be asked for: every ``:material/…:`` in Streamlit's JavaScript (its built-in icons),
every name in the font that appears there as a string (more icons, and many ordinary words — more than
it uses, never fewer) and every ``:material/…:`` in ParkLoop's code. An icon outside these would show as
its name in letters; tests keep Streamlit's and the app's own icons inside. :func:`build` runs again
for a new Streamlit (the file is named by the hash Streamlit gives it, and rebuilt when Streamlit's
file or this list changes).

The result (about 46 kB) is written as ``<out>/static/media/<Streamlit's file name>``, so that Caddy can
serve it from that folder under the same address (``parkloop.serve``). Apache 2.0, as Google's original
(licenses/ keeps the notice).
"""

from __future__ import annotations

import hashlib
import importlib.util
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
STATIC = Path(importlib.util.find_spec("streamlit").origin).parent / "static" / "static"
"""Streamlit's built front end (found, not imported: only pages and the UI kit import Streamlit)."""
FONT_GLOB = "MaterialSymbols-Rounded.*.woff2"
MATERIAL_ICON = re.compile(r":material/([a-z0-9_]+):")  # the app's and Streamlit's (`:material/expand_more:`)
JS_STRING = re.compile(r"""["'`]([a-z0-9_]{2,60})["'`]""")


def streamlit_font(static: Path = STATIC) -> Path:
    """Streamlit's own icon font file."""
    return next((static / "media").glob(FONT_GLOB))


def app_icons(root: Path = REPO_ROOT) -> set[str]:
    """Every ``:material/…:`` icon in ParkLoop's Python and content."""
    names: set[str] = set()
    for folder in ("parkloop", "exhibits", "lessons", "content"):
        for path in (root / folder).rglob("*"):
            if path.suffix in {".py", ".po", ".toml", ".md"}:
                names |= set(MATERIAL_ICON.findall(path.read_text(encoding="utf-8", errors="ignore")))
    names |= set(MATERIAL_ICON.findall((root / "app.py").read_text(encoding="utf-8")))
    return names


def streamlit_strings(static: Path = STATIC) -> set[str]:
    """Every ``:material/…:`` and every short lower-case string literal in Streamlit's JavaScript (the
    icon names among them)."""
    strings: set[str] = set()
    for path in (static / "js").glob("*.js"):
        text = path.read_text(encoding="utf-8", errors="ignore")
        strings |= set(JS_STRING.findall(text)) | set(MATERIAL_ICON.findall(text))
    return strings


def _ligature_tables(font) -> Iterator:
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = getattr(table, "ExtSubTable", table)  # an extension lookup (type 7) wraps the table
            if getattr(table, "LookupType", None) == 4:
                yield table


def _namer(font):
    """A function giving a ligature's text (``expand_more``) from its first glyph and its entry."""
    letters = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    return lambda first, entry: "".join(letters.get(g, "\0") for g in (first, *entry.Component))


def ligatures(font) -> dict[str, str]:
    """The font's icons: the text of each ligature (``expand_more``) → its glyph."""
    name = _namer(font)
    return {
        name(first, entry): entry.LigGlyph
        for table in _ligature_tables(font)
        for first, entries in table.ligatures.items()
        for entry in entries
    }


def wanted(font, static: Path = STATIC, root: Path = REPO_ROOT) -> set[str]:
    """The icons the cut font keeps: in the font, and in Streamlit's strings or the app's icons."""
    return set(ligatures(font)) & (streamlit_strings(static) | app_icons(root))


def _key(source: Path, names: Iterable[str]) -> str:
    digest = hashlib.sha256(source.read_bytes())
    digest.update("\n".join(sorted(names)).encode())
    return digest.hexdigest()


def build(out: Path, static: Path = STATIC, root: Path = REPO_ROOT) -> Path:
    """Write the cut font to ``out/static/media/<Streamlit's name>`` unless it is there and current;
    returns its path."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    source = streamlit_font(static)
    target = out / "static" / "media" / source.name
    stamp = target.with_suffix(".key")
    font = TTFont(source)
    keep = wanted(font, static, root)
    key = _key(source, keep)
    if target.exists() and stamp.exists() and stamp.read_text() == key:
        return target
    name = _namer(font)
    for table in _ligature_tables(font):
        for first in list(table.ligatures):
            kept = [entry for entry in table.ligatures[first] if name(first, entry) in keep]
            if kept:
                table.ligatures[first] = kept
            else:
                del table.ligatures[first]
    options = subset.Options()
    options.layout_features = ["*"]
    options.flavor = "woff2"
    options.notdef_outline = True
    cutter = subset.Subsetter(options)
    cutter.populate(unicodes=[code for code in font.getBestCmap() if code < 0x80])  # the letters
    cutter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(target)
    stamp.write_text(key)
    return target
