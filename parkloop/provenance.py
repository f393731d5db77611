"""Where a figure comes from, in the visitor's words: the one provenance module every page uses.

Every figure carries a provenance (``plan`` with its section and the plan's own words, ``cited`` with a
source in ``data/sources.toml``, ``derived`` — worked out from plan figures with a stated assumption —,
``illustrative`` with a reason, or a visitor's ``override``). Here it becomes the
label and detail a visitor reads in the "where from?" popover (glossary §13 "Honest figures"), in either
language. Pure (no Streamlit): :mod:`parkloop.ui.figures` draws what these functions return.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.i18n import contains_cjk, english_safe, normalize_lang, plan_section_label
from parkloop.model.tomlfile import DataFileError, read_toml


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
    """A cited source's name in ``lang``: its title (Chinese titles stay Chinese in zh); in English the
    English gloss of a Chinese title or publisher, never Chinese characters. Falls back to the id."""
    entry = sources.get(source_id)
    if not entry:
        return source_id
    title = str(entry.get("title", "")).strip()
    year = entry.get("year")
    if normalize_lang(lang) == "zh" or not contains_cjk(title):
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
    return f"{name}, {year}" if year else name


def describe_provenance(
    provenance: dict[str, str] | None, lang: str, sources: dict[str, dict[str, Any]]
) -> ProvenanceView:
    """Turn a scenario/factor provenance into the words a visitor reads (glossary §13 "Honest figures")."""
    if not provenance:
        return ProvenanceView("illustrative", t("prov.unknown", lang))
    kind, ref, note = provenance.get("kind", ""), provenance.get("ref", ""), provenance.get("note", "")
    if kind == "default":  # a schema default carries its real kind in the note: "illustrative: …"
        head, _, rest = note.partition(":")
        if head.strip() in {"plan", "cited", "derived", "illustrative"}:
            kind, ref, note = head.strip(), rest.strip(), ""
        else:
            kind = "illustrative"
    english = normalize_lang(lang) == "en"

    def readable(text: str) -> str:
        return english_safe(text, CJK_ALLOWLIST) if english else text

    if kind == "plan":
        label = t("prov.plan", lang, section=plan_section_label(ref, lang))
        return ProvenanceView("plan", label, readable(note))
    if kind == "derived":
        label = t("prov.derived", lang, section=plan_section_label(ref, lang))
        return ProvenanceView("derived", label, readable(note))
    if kind == "cited":
        source_id = ref.split()[0] if ref else ""
        label = t("prov.cited", lang, source=source_label(source_id, lang, sources))
        if sources.get(source_id, {}).get("verified") is False:
            label += t("prov.unverified", lang)
        return ProvenanceView("cited", label, readable(note))
    if kind == "override":
        return ProvenanceView("override", t("prov.override", lang), readable(note))
    detail = " — ".join(part for part in (ref, note) if part)
    return ProvenanceView("illustrative", t("prov.illustrative", lang), readable(detail))
