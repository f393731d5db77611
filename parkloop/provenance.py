"""Where a figure comes from, in the visitor's words: the one provenance module every page uses.

Every figure carries a provenance (``plan`` with its section and the plan's own words, ``cited`` with a
source in ``data/sources.toml``, ``derived`` — worked out from plan figures with a stated assumption —,
``illustrative`` with a reason, or a visitor's ``override``). Here it becomes the
label and detail a visitor reads in the "where from?" popover (glossary §13 "Honest figures"), in either
language. Pure (no Streamlit): :mod:`parkloop.ui.figures` draws what these functions return.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from parkloop.content import CJK_ALLOWLIST, CONTENT_DIR, MESSAGES_DIR, has_key, placeholders_of, t
from parkloop.i18n import (
    SUPPORTED_LANGS,
    contains_cjk,
    english_safe,
    format_number,
    normalize_lang,
    plan_section_label,
)
from parkloop.model.messages import WARNINGS, parse_warning, warning_fields
from parkloop.model.tomlfile import DataFileError, read_toml

NOTE_PREFIX = "prov.note."
"""Catalog keys of the provenance notes: ``prov.note.<scope>.<dotted key>``, the scope being the scenario
file that writes the note (``baseline-2023``, ``plan-2026``), ``default`` (the schema's default) or
``factors`` (``data/factors.toml``). Both catalogs hold every note
(``content/<lang>/messages/provenance.po``), each under a ``#. en-hash: …`` comment naming the data
file's English words it translates."""
WARNING_PREFIX = "warning."
"""Catalog keys of the model's warnings: ``warning.<key of parkloop.model.messages.WARNINGS>``."""


@dataclass(frozen=True)
class ProvenanceView:
    """One "where does this come from?" line: a label (Park plan / Source / Estimate) and detail."""

    kind: str  # plan | cited | derived | illustrative | override
    label: str
    detail: str = ""


def provenance_to_dict(provenance: Any) -> dict[str, str]:
    """A model ``Provenance`` (or a dict) as a plain, cacheable dict."""
    if isinstance(provenance, dict):
        return {key: str(provenance.get(key) or "") for key in ("kind", "ref", "note")}
    return {key: str(getattr(provenance, key, "") or "") for key in ("kind", "ref", "note")}


def load_sources(path: Path | None = None) -> dict[str, dict[str, Any]]:
    """``data/sources.toml`` as a dict (empty if it is missing or broken: a page must still draw)."""
    if path is None:
        from parkloop.model.paths import sources_file

        path = sources_file()
    try:
        return read_toml(path)
    except DataFileError:
        return {}


_PARENTHESISED = re.compile(r"\(([^()]*[A-Za-z][^()]*)\)")


def source_label(source_id: str, lang: str, sources: dict[str, dict[str, Any]]) -> str:
    """A cited source's name in ``lang``: its ``title_zh`` / ``title_en`` (``data/sources.toml``) where the
    entry has one; else its title (Chinese titles stay Chinese in zh), and in English the English gloss of
    a Chinese title or publisher, never Chinese characters. Falls back to the id."""
    entry = sources.get(source_id)
    if not entry:
        return source_id
    zh = normalize_lang(lang) == "zh"
    title = str(entry.get("title", "")).strip()
    year = entry.get("year")
    own = str(entry.get("title_zh" if zh else "title_en", "")).strip()
    if own and (zh or not contains_cjk(own)):
        name = own
    elif zh or not contains_cjk(title):
        name = title or source_id
    else:
        gloss = _PARENTHESISED.search(title)
        prefix = english_safe(title.split("(")[0]).strip(" ,;:")
        if gloss:
            name = f"{prefix} ({gloss.group(1).strip()})" if prefix else gloss.group(1).strip()
        else:
            publisher = _PARENTHESISED.search(str(entry.get("publisher", "")))
            name = publisher.group(1).strip() if publisher else (prefix or source_id)
        if contains_cjk(name):
            name = source_id
    if not year:
        return name
    return f"{name}（{year}年）" if zh and contains_cjk(name) else f"{name}, {year}"


def check_source_titles(sources: dict[str, dict[str, Any]] | None = None) -> list[str]:
    """Every source has a title a Chinese visitor reads (``title_zh``, in Chinese) and one an English
    visitor reads (``title_en`` where the title holds Chinese; no Chinese in it)."""
    sources = load_sources() if sources is None else sources
    problems = []
    for source_id, entry in sorted(sources.items()):
        title_zh = str(entry.get("title_zh", ""))
        if not contains_cjk(title_zh):
            problems.append(f"data/sources.toml: {source_id}: title_zh missing or not Chinese")
        if contains_cjk(str(entry.get("title", ""))) and not entry.get("title_en"):
            problems.append(f"data/sources.toml: {source_id}: a Chinese title needs title_en")
        if contains_cjk(str(entry.get("title_en", ""))):
            problems.append(f"data/sources.toml: {source_id}: title_en holds Chinese characters")
    return problems


def note_detail(kind: str, ref: str, note: str) -> str:
    """The words under a provenance's label: the note (plan, derived, cited) or the whole reason
    (illustrative: its "ref" is the reason's first part)."""
    if kind == "illustrative":
        return " — ".join(part for part in (ref, note) if part)
    return note


def _resolve_default(kind: str, ref: str, note: str) -> tuple[str, str, str]:
    """A schema default carries its real kind in the note (``"illustrative: …"``, ``"cited: id — …"``)."""
    if kind != "default":
        return kind, ref, note
    head, _, rest = note.partition(":")
    if head.strip() in {"plan", "cited", "derived", "illustrative"}:
        inner_ref, _, inner_note = rest.strip().partition(" — ")
        return head.strip(), inner_ref.strip(), inner_note.strip()
    return "illustrative", note, ""


def note_hash(english: str) -> str:
    """A short fingerprint of a note's English words: the catalogs name it, so a changed note is found."""
    return hashlib.sha1(english.encode("utf-8")).hexdigest()[:10]


@dataclass(frozen=True)
class NoteLocation:
    """One provenance note the data writes: its catalog key and its English words as the data has them."""

    key: str
    kind: str
    ref: str
    english: str


def note_locations() -> list[NoteLocation]:
    """Every provenance note a visitor can be shown: the scenario files' ``[provenance]`` tables, the
    schema defaults and ``data/factors.toml`` (notes without words, a bare plan section, are left out)."""
    from parkloop.model.factors import load_factors
    from parkloop.model.paths import scenario_dir
    from parkloop.model.scenario import SCHEMA, Provenance

    found: list[tuple[str, str]] = []
    for path in sorted(scenario_dir().glob("*.toml")):
        if path.stem.startswith("_"):
            continue
        tables = read_toml(path).get("provenance", {})
        for table, entries in sorted(tables.items()):
            found.extend((f"{path.stem}.{table}.{key}", text) for key, text in sorted(entries.items()))
    for table, specs in SCHEMA.items():
        found.extend((f"default.{table}.{key}", spec.default_provenance) for key, spec in specs.items())
    found.extend((f"factors.{key}", text) for key, text in load_factors().provenance.items())
    locations = []
    for where, text in found:
        try:
            prov = Provenance.parse(str(text))
        except ValueError:
            continue  # `parkloop check` reports a missing provenance elsewhere
        english = note_detail(prov.kind, prov.ref, prov.note)
        if english:
            locations.append(NoteLocation(NOTE_PREFIX + where, prov.kind, prov.ref, english))
    return locations


@lru_cache(maxsize=4)
def _note_index(_data: Path) -> dict[str, str]:
    """English words of a note → its catalog key (the first location that writes those words); cached
    per data folder (``_data``: the scenarios' folder, so a test's own data folder gets its own index)."""
    index: dict[str, str] = {}
    for location in note_locations():
        index.setdefault(location.english, location.key)
    return index


def note_text(english: str, lang: str) -> str:
    """A provenance note in ``lang``: its catalog text when the data's English words are in the catalogs,
    else the words themselves (made readable in English: no Chinese, 万 as digits)."""
    if not english:
        return ""
    from parkloop.model.paths import scenario_dir

    try:
        key = _note_index(scenario_dir()).get(english)
    except DataFileError:
        key = None
    if key and has_key(key, lang):
        text = t(key, lang)
    else:
        text = english
    return english_safe(text, CJK_ALLOWLIST) if normalize_lang(lang) == "en" else text


def warning_text(english: str, lang: str) -> str:
    """One of the model's warnings (its English words) in ``lang``: the catalog's ``warning.<key>`` with
    the numbers filled in as ``lang`` writes them; words that are no known warning pass through."""
    parsed = parse_warning(english)
    if parsed is None:
        return english_safe(english, CJK_ALLOWLIST) if normalize_lang(lang) == "en" else english
    key, fields = parsed
    numbers = {}
    for name, written in fields.items():
        try:
            numbers[name] = format_number(float(written.replace(",", "")), lang)
        except ValueError:
            numbers[name] = written
    return t(WARNING_PREFIX + key, lang, **numbers)


def describe_provenance(
    provenance: dict[str, str] | None, lang: str, sources: dict[str, dict[str, Any]]
) -> ProvenanceView:
    """Turn a scenario/factor provenance into the words a visitor reads (glossary §13 "Honest figures"),
    the note in ``lang`` (:func:`note_text`)."""
    if not provenance:
        return ProvenanceView("illustrative", t("prov.unknown", lang))
    kind, ref, note = _resolve_default(
        provenance.get("kind", ""), provenance.get("ref", ""), provenance.get("note", "")
    )
    english = normalize_lang(lang) == "en"
    if kind == "plan":
        label = t("prov.plan", lang, section=plan_section_label(ref, lang))
        return ProvenanceView("plan", label, note_text(note, lang))
    if kind == "derived":
        label = t("prov.derived", lang, section=plan_section_label(ref, lang))
        return ProvenanceView("derived", label, note_text(note, lang))
    if kind == "cited":
        source_id = ref.split()[0] if ref else ""
        label = t("prov.cited", lang, source=source_label(source_id, lang, sources))
        if sources.get(source_id, {}).get("verified") is False:
            label += t("prov.unverified", lang)
        return ProvenanceView("cited", label, note_text(note, lang))
    if kind == "override":
        detail = english_safe(note, CJK_ALLOWLIST) if english else note
        return ProvenanceView("override", t("prov.override", lang), detail)
    return ProvenanceView(
        "illustrative", t("prov.illustrative", lang), note_text(note_detail("illustrative", ref, note), lang)
    )


# --------------------------------------------------------------------------------------------
# checking: every note and every warning in both languages
# --------------------------------------------------------------------------------------------
def _catalog_hashes(path: Path) -> dict[str, str]:
    """``{msgid: en-hash}`` of a provenance catalog (the ``#. en-hash: …`` comment above each note)."""
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, charset="utf-8")
    hashes = {}
    for message in catalog:
        for comment in message.auto_comments:
            if comment.startswith("en-hash:"):
                hashes[str(message.id)] = comment.partition(":")[2].strip()
    return hashes


PROJECT_FILE = re.compile(r"(?<![A-Za-z0-9_.-])[A-Za-z0-9_-]+\.(?:md|toml|py|po|csv|json)(?![A-Za-z0-9_])")
"""A file name in a note's words ("factors.md"): the data's English may name one for developers; the
words a visitor reads under "Where from?" never do: say what the source is."""


def check_provenance_texts(root: Path | str | None = None) -> list[str]:
    """Every provenance note and every model warning has its words in both languages (one line per
    problem): a note's catalog entries exist, name the data's present English words (``en-hash``), and
    the Chinese is Chinese; no catalog note is left without a data location; each warning has its
    ``warning.<key>`` with the warning's numbers as placeholders; no note a visitor reads names a project
    file (:data:`PROJECT_FILE`)."""
    base = Path(root).resolve() if root is not None else CONTENT_DIR
    problems: list[str] = []
    locations = note_locations()
    wanted = {location.key for location in locations}
    for lang in SUPPORTED_LANGS:
        path = base / lang / MESSAGES_DIR / "provenance.po"
        rel = f"{lang}/{MESSAGES_DIR}/provenance.po"
        if not path.is_file():
            problems.append(f"{rel}: missing (every provenance note needs its words in {lang})")
            continue
        hashes = _catalog_hashes(path)
        for location in locations:
            if not has_key(location.key, lang, root=base):
                problems.append(f"{rel}: {location.key}: no {lang} text for the note {location.english!r}")
                continue
            if hashes.get(location.key) != note_hash(location.english):
                problems.append(
                    f"{rel}: {location.key}: the data's note changed since it was translated "
                    f"(en-hash {note_hash(location.english)}); update its words in both languages"
                )
                continue
            text = t(location.key, lang, root=base)
            if lang == "zh" and not contains_cjk(text):
                problems.append(f"{rel}: {location.key}: the Chinese note has no Chinese in it")
            elif named := PROJECT_FILE.search(text):
                problems.append(
                    f"{rel}: {location.key}: the note names a project file ({named.group(0)}); a visitor "
                    "does not know it: say what the source is"
                )
        for key in sorted(set(hashes) - wanted):
            if key.startswith(NOTE_PREFIX):
                problems.append(f"{rel}: {key}: no data file writes this note any more; remove it")
        for key in sorted(WARNINGS):
            catalog_key = WARNING_PREFIX + key
            if not has_key(catalog_key, lang, root=base):
                problems.append(
                    f"{lang}/{MESSAGES_DIR}: {catalog_key}: the model's warning has no {lang} text"
                )
                continue
            fields = placeholders_of(t(catalog_key, lang, root=base))
            if fields != warning_fields(key):
                problems.append(
                    f"{lang}/{MESSAGES_DIR}: {catalog_key}: placeholders {sorted(fields)} differ from the "
                    f"model's {sorted(warning_fields(key))}"
                )
    return problems
