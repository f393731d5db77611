"""One Chinese style, checked: the rules of the content review and the glossary that a machine can see.

``python -m parkloop check`` runs :func:`check_style` over every Chinese content file
(``content/zh/messages/*.po``, ``content/zh/pages/*.md``, ``content/zh/lessons/*.md``) and fails on:

* **渗滤液** — the plan writes 渗沥液, and so does every page;
* **half-width punctuation next to Chinese** — ``,.:;!?()`` touching a Chinese character (the plan's own
  section numbers such as 二(一)1 and 表1-1 are quoted as the plan writes them and pass);
* **a space between Chinese and a number** (a numeral or a ``{placeholder}`` filled with one) — the
  glossary writes 18万吨, 提高至95%, unspaced;
* **digit grouping below 1万** — 1250千瓦时, not 1,250千瓦时;
* **mixed unit forms on one page** — one file writes 吨/日 *or* t/d, 吨/年 *or* t/a, 千瓦时 *or* kWh,
  never both (Chinese text writes the words; a page whose tables need the symbols uses them throughout).

A page is one file: a catalog domain or a Markdown text. Pure (no Streamlit), tested in
``tests/test_style.py`` on texts made to break each rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

HAN = "\u3400-\u4dbf\u4e00-\u9fff"
WRONG_FORMS: dict[str, str] = {"渗滤液": "渗沥液"}
"""A word → the form every Chinese text writes instead."""

UNIT_FORMS: dict[str, dict[str, str]] = {
    "吨/日": {
        "吨/日": r"吨/日",
        "吨/天": r"吨/天",
        "t/d": r"(?<![A-Za-z])t/d\b",
        "t/日": r"(?<![A-Za-z])t/日",
    },
    "吨/年": {
        "吨/年": r"吨/年",
        "t/a": r"(?<![A-Za-z])t/a\b",
        "t/yr": r"(?<![A-Za-z])t/yr\b",
        "t/年": r"(?<![A-Za-z])t/年",
    },
    "千瓦时": {"千瓦时": r"千瓦时", "kWh": r"kWh", "kW·h": r"kW·h"},
}
"""For each unit, the forms a Chinese text might write it in (a regular expression each)."""

# What is quoted, not written: the ids of a lesson's option lists ("- b: …"), Markdown link targets,
# code, {placeholders}, URLs, the plan's numbering.
_QUOTED = re.compile(
    r"(?m)^\s*-\s+[A-Za-z0-9_.-]+:|\]\([^)]*\)|`[^`]*`|\{[^{}]*\}|https?://\S+|<[^>]*>"
    r"|[一二三四五六七八九十]+\([一二三四五六七八九十]+\)\d*(?:、\d+)*|附?表\d+-\d+(?:\s*#\d+)?"
)
_HALF_WIDTH = re.compile(rf"(?<=[{HAN}])[,.:;!?()]|[,:;!?()](?=[{HAN}])")
_SPACED_NUMERAL = re.compile(rf"[{HAN}][ \u00a0]+\d|\d[ \u00a0]+(?=[{HAN}])")
_GROUPED_SMALL = re.compile(r"(?<![\d,.])\d,\d{3}(?![\d,])")


_FIELD = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")


def _unquoted(text: str) -> str:
    return _QUOTED.sub(" ", text)


def text_problems(text: str) -> list[str]:
    """What one Chinese text breaks, one phrase each (``[]`` when it follows every rule)."""
    problems = []
    for wrong, right in WRONG_FORMS.items():
        if wrong in text:
            problems.append(f"{wrong} → {right}")
    plain = _unquoted(text)
    for match in _HALF_WIDTH.finditer(plain):
        around = plain[max(0, match.start() - 6) : match.end() + 6].replace("\n", " ")
        problems.append(f"half-width {match.group(0).strip()!r} next to Chinese: …{around}…")
    numbers = _unquoted(_FIELD.sub("0", text))  # a {placeholder} is filled with a number (or a word)
    for match in _SPACED_NUMERAL.finditer(numbers):
        problems.append(f"space between Chinese and a number: {match.group(0)!r} (write them unspaced)")
    for match in _GROUPED_SMALL.finditer(plain):
        problems.append(
            f"digit grouping below 1万: {match.group(0)!r} (write {match.group(0).replace(',', '')})"
        )
    return problems


def unit_forms(texts: Iterable[str]) -> dict[str, dict[str, int]]:
    """For each unit of :data:`UNIT_FORMS`, how often the texts write each of its forms."""
    joined = _unquoted("\n".join(texts))
    counts: dict[str, dict[str, int]] = {}
    for unit, forms in UNIT_FORMS.items():
        found = {form: len(re.findall(pattern, joined)) for form, pattern in forms.items()}
        counts[unit] = {form: count for form, count in found.items() if count}
    return counts


def page_problems(name: str, texts: Mapping[str, str]) -> list[str]:
    """Every problem of one page (``texts``: key → Chinese text), one line each, named ``name: key: …``."""
    problems = [f"{name}: {key}: {problem}" for key, text in texts.items() for problem in text_problems(text)]
    for unit, forms in unit_forms(texts.values()).items():
        if len(forms) > 1:
            shown = ", ".join(f"{form} ×{count}" for form, count in sorted(forms.items()))
            problems.append(f"{name}: mixed unit forms for {unit} on one page: {shown} (write one)")
    return problems


def _page_texts(path: Path) -> dict[str, str]:
    if path.suffix == ".po":
        from parkloop.content import _read_po

        return _read_po(path)
    from parkloop.content import markdown_sections

    sections = markdown_sections(path.read_text(encoding="utf-8"))
    return {("#" if key == "" else f"section {key}"): body for key, body in sections.items() if body}


def check_style(root: Path | str | None = None) -> list[str]:
    """Every style problem of the Chinese content, one line each (``[]`` when all is well)."""
    from parkloop.content import CONTENT_DIR

    base = (Path(root) if root is not None else CONTENT_DIR).resolve() / "zh"
    problems: list[str] = []
    for path in sorted([*base.rglob("*.po"), *base.rglob("*.md")]):
        try:
            texts = _page_texts(path)
        except Exception as error:  # a broken catalog is the content check's to report
            problems.append(f"zh/{path.relative_to(base).as_posix()}: cannot read: {error}")
            continue
        problems.extend(page_problems(f"zh/{path.relative_to(base).as_posix()}", texts))
    return problems


__all__ = ["UNIT_FORMS", "WRONG_FORMS", "check_style", "page_problems", "text_problems", "unit_forms"]
