"""Every word a visitor reads: loading ``content/<lang>/`` and checking the two languages match.

Layout::

    content/zh/messages/<domain>.po  UI strings: gettext catalogs read with Babel; msgid is a stable
                                     dotted key ("targets.status.met"), msgstr the text with {placeholders}
    content/zh/pages/<page>.md       longer texts, Markdown, one file per page
    content/en/...                the same files, the same keys, the same placeholders

A text with a count is a plural entry (``msgid`` and ``msgid_plural`` both the key, ``msgstr[0]``… one per
plural form: one in Chinese, two in English, as each file's ``Plural-Forms`` header says); pages read it with
:func:`tn`, gettext's ``ngettext`` for keyed catalogs.

Pages call :func:`t` for short strings and :func:`page_text` for Markdown. Neither ever raises: a missing
key falls back to the other language (then to the key itself) and logs a warning, because a kiosk must
keep running; :func:`check_content` — run by ``tests/test_content.py`` — is where gaps fail loudly.

No Streamlit here: the cache is ``functools.lru_cache`` keyed by the content root.
"""

from __future__ import annotations

import gettext
import logging
import math
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from parkloop.i18n import (
    DEFAULT_LANG,
    SUPPORTED_LANGS,
    babel_locale,
    contains_cjk,
    normalize_lang,
    other_lang,
)
from parkloop.model.tomlfile import DataFileError, read_toml

log = logging.getLogger(__name__)

CONTENT_DIR = Path(__file__).resolve().parents[1] / "content"
MESSAGES_DIR = "messages"
TEXT_SUFFIXES = (".md", ".toml", ".po")

# Chinese terms English texts may keep deliberately (glossary §13: names visitors see on park signs or
# with no good English equivalent, one or two per screen). Everything else in an English text must be
# English. "中文" is the language switch's label for Chinese, which must read as Chinese in both languages.
CJK_ALLOWLIST: tuple[str, ...] = (
    "中文",
    "社会大课堂",
    "多流合一",
    "公众说碳",
    "邻避",
    "邻利",
    "厨余垃圾",
    "可回收物",
    "有害垃圾",
    "其他垃圾",
)

_FIELD_PATTERN = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_SECTION_MARKER = re.compile(r"^\s*<!--\s*section:\s*([A-Za-z0-9_.-]+)\s*-->\s*$")


# --------------------------------------------------------------------------------------------
# loading
# --------------------------------------------------------------------------------------------
def flatten(table: Mapping[str, Any], depth: int | None = None) -> dict[str, Any]:
    """Nested tables as one table with dotted keys, down to ``depth`` levels of keys (``None``: all the
    way); a table found deeper stays one value. ``depth=2`` keeps a scenario's compositions whole:

    >>> flatten({"a": {"b": 1, "c": {"d": 2}}})
    {'a.b': 1, 'a.c.d': 2}
    >>> flatten({"incineration": {"composition": {"food": 0.6}}}, depth=2)
    {'incineration.composition': {'food': 0.6}}
    """
    flat: dict[str, Any] = {}
    for key, value in table.items():
        if isinstance(value, Mapping) and (depth is None or depth > 1):
            below = flatten(value, None if depth is None else depth - 1)
            flat.update({f"{key}.{inner}": item for inner, item in below.items()})
        else:
            flat[str(key)] = value
    return flat


_PO_LINE = re.compile(r'^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')


class CatalogError(ValueError):
    """A malformed line in a ``.po`` file (Babel's own reader skips some of these silently)."""


def _strict_po_lines(text: str) -> None:
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not _PO_LINE.match(stripped):
            raise CatalogError(f'line {number}: expected msgid/msgstr "text" or a quoted continuation')


@dataclass(frozen=True)
class PoCatalog:
    """One ``.po`` file: its plain texts, its plural entries and the number of plural forms its header names.

    A plural entry is keyed like any other (``msgid`` and ``msgid_plural`` both hold the dotted key) and has
    one ``msgstr[n]`` per plural form of the language: one in Chinese, two in English (``Plural-Forms``)."""

    texts: dict[str, str]
    plurals: dict[str, tuple[str, ...]]
    num_plurals: int


def _read_catalog(path: Path) -> PoCatalog:
    """A gettext catalog with its plural entries (untranslated and fuzzy entries left out).

    Raises :class:`babel.messages.pofile.PoFileError` (with the line) on a malformed file."""
    from babel.messages.pofile import read_po

    _strict_po_lines(path.read_text(encoding="utf-8"))
    with path.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True, charset="utf-8")
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.id or not message.string or message.fuzzy:
            continue
        if isinstance(message.id, str):
            if isinstance(message.string, str):
                texts[message.id] = message.string
        elif isinstance(message.string, tuple | list) and any(message.string):
            plurals[str(message.id[0])] = tuple(str(form) for form in message.string)
    return PoCatalog(texts, plurals, catalog.num_plurals)


def _read_po(path: Path) -> dict[str, str]:
    """A gettext catalog as ``{msgid: msgstr}``; a plural entry gives one text per form, ``key[0]``,
    ``key[1]``… (what the style check reads). Raises like :func:`_read_catalog`."""
    catalog = _read_catalog(path)
    texts = dict(catalog.texts)
    for key, forms in catalog.plurals.items():
        texts.update({f"{key}[{index}]": form for index, form in enumerate(forms)})
    return texts


@lru_cache(maxsize=16)
def _catalogs(lang: str, root: Path) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """Every ``content/<lang>/messages/*.po`` merged: plain texts and plural entries (keys are unique
    across files; the check says so)."""
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    for path in sorted((root / lang / MESSAGES_DIR).glob("*.po")):
        try:
            catalog = _read_catalog(path)
        except Exception as error:  # a broken catalog must not take a kiosk down; the check fails loudly
            log.warning("content: cannot read %s: %s", path, error)
            continue
        texts.update(catalog.texts)
        plurals.update(catalog.plurals)
    return texts, plurals


def _catalog(lang: str, root: Path) -> dict[str, str]:
    return _catalogs(lang, root)[0]


def _plurals(lang: str, root: Path) -> dict[str, tuple[str, ...]]:
    return _catalogs(lang, root)[1]


@cache
def plural_rule(lang: str) -> tuple[int, Callable[[int], int]]:
    """The number of plural forms of ``lang`` and the function from a count to its form's index, from
    the CLDR data Babel ships (Chinese: one form; English: two, ``n != 1``)."""
    from babel.messages.plurals import get_plural

    rule = get_plural(babel_locale(lang))
    return rule.num_plurals, gettext.c2py(rule.plural_expr)


@lru_cache(maxsize=64)
def _page(name: str, lang: str, root: Path) -> str | None:
    path = root / lang / "pages" / f"{name}.md"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None


def clear_cache() -> None:
    """Forget loaded content (tests that edit a content folder call this)."""
    _catalogs.cache_clear()
    _page.cache_clear()


def _root(root: Path | str | None) -> Path:
    return Path(root).resolve() if root is not None else CONTENT_DIR


class _SafeFields(dict):
    """``str.format_map`` mapping that leaves unknown ``{fields}`` as they are instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(text: str, placeholders: dict[str, Any]) -> str:
    if not placeholders or "{" not in text:
        return text
    try:
        return text.format_map(_SafeFields(placeholders))
    except (ValueError, IndexError, AttributeError, KeyError) as error:
        log.warning("content: cannot fill %r: %s", text, error)
        return text


def has_key(key: str, lang: str, root: Path | str | None = None) -> bool:
    texts, plurals = _catalogs(normalize_lang(lang) or DEFAULT_LANG, _root(root))
    return key in texts or key in plurals


def t(key: str, lang: str, /, root: Path | str | None = None, **placeholders: Any) -> str:
    """The UI text ``key`` (``"section.name"``) in ``lang`` with ``{placeholders}`` filled in.

    Never raises: a key missing in ``lang`` gives the other language's text, a key missing in both gives
    the key itself; either way a warning is logged. Unknown placeholders stay visible as ``{name}``.
    """
    lang = normalize_lang(lang) or DEFAULT_LANG
    base = _root(root)
    text = _catalog(lang, base).get(key)
    if text is None and key in _plurals(lang, base):  # a plural entry asked without a count
        log.warning("content: plural key %r read with t(); use tn() with the count", key)
        text = _plurals(lang, base)[key][-1]
    if text is None:
        fallback = other_lang(lang)
        text = _catalog(fallback, base).get(key)
        if text is None:
            log.warning("content: key %r missing in every language", key)
            return key
        log.warning("content: key %r missing in %s, using %s", key, lang, fallback)
    return _fill(text, placeholders)


def tn(key: str, count: float, lang: str, /, root: Path | str | None = None, **placeholders: Any) -> str:
    """``ngettext`` for keyed catalogs: the form of the plural entry ``key`` that ``count`` takes in
    ``lang`` ("1 student has answered" / "2 students have answered"; Chinese has one form), with the
    ``{placeholders}`` filled in — pass the count itself as one, formatted for the visitor.

    Never raises, like :func:`t`: a key that is not a plural entry gives its plain text; a missing key falls
    back to the other language (with that language's rule), then to the key itself."""
    lang = normalize_lang(lang) or DEFAULT_LANG
    base = _root(root)
    for candidate in (lang, other_lang(lang)):
        forms = _plurals(candidate, base).get(key)
        if forms:
            if candidate != lang:
                log.warning("content: plural key %r missing in %s, using %s", key, lang, candidate)
            number = int(abs(count)) if isinstance(count, int | float) and math.isfinite(count) else 0
            index = plural_rule(candidate)[1](number)
            text = forms[index] if 0 <= index < len(forms) and forms[index] else forms[-1]
            return _fill(text, placeholders)
        if key in _catalog(candidate, base):
            return t(key, candidate, root=root, **placeholders)
    log.warning("content: key %r missing in every language", key)
    return key


def page_text(name: str, lang: str, /, root: Path | str | None = None, **placeholders: Any) -> str:
    """The Markdown text ``content/<lang>/pages/<name>.md``; same fallback rules as :func:`t`."""
    lang = normalize_lang(lang) or DEFAULT_LANG
    base = _root(root)
    text = _page(name, lang, base)
    if text is None:
        fallback = other_lang(lang)
        text = _page(name, fallback, base)
        if text is None:
            log.warning("content: page text %r missing in every language", name)
            return ""
        log.warning("content: page text %r missing in %s, using %s", name, lang, fallback)
    return _fill(text, placeholders)


def markdown_sections(text: str) -> dict[str, str]:
    """Split Markdown at ``<!-- section: id -->`` markers into ``{id: body}``; text before the first
    marker is ``""``.

    Pages keep several short texts in one file (intro, notes, chart summary) this way. The marker is an
    HTML comment, invisible wherever the file is rendered, and its id is ASCII so both languages share it.
    """
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for line in text.splitlines():
        match = _SECTION_MARKER.match(line)
        if match:
            current = match.group(1)
            sections[current] = []
        else:
            sections[current].append(line)
    # other HTML comments are notes for translators: never shown, never checked
    return {key: _COMMENT.sub("", "\n".join(lines)).strip() for key, lines in sections.items()}


def page_section(name: str, section: str, lang: str, /, root: Path | str | None = None, **kw: Any) -> str:
    """One section of a page text (see :func:`markdown_sections`), falling back like :func:`t`."""
    lang = normalize_lang(lang) or DEFAULT_LANG
    body = markdown_sections(page_text(name, lang, root=root)).get(section)
    if not body:
        body = markdown_sections(page_text(name, other_lang(lang), root=root)).get(section)
        if not body:
            log.warning("content: section %r of page %r missing in every language", section, name)
            return ""
        log.warning("content: section %r of page %r missing in %s", section, name, lang)
    return _fill(body, kw)


# --------------------------------------------------------------------------------------------
# checking
# --------------------------------------------------------------------------------------------
def placeholders_of(text: str) -> set[str]:
    """The named ``{fields}`` in ``text`` (format specs ignored; ``{{`` escapes skipped)."""
    names: set[str] = set()
    try:
        for _, field, _, _ in string.Formatter().parse(text):
            if field is not None and field != "":
                names.add(re.split(r"[.\[!:]", field, maxsplit=1)[0])
    except ValueError:
        names.add("<unbalanced braces>")
    return names


def _files(lang_dir: Path) -> set[str]:
    if not lang_dir.is_dir():
        return set()
    return {
        path.relative_to(lang_dir).as_posix()
        for path in lang_dir.rglob("*")
        if path.is_file() and path.suffix in TEXT_SUFFIXES
    }


def _load_toml(path: Path, problems: list[str], root: Path) -> dict[str, Any] | None:
    try:
        return flatten(read_toml(path))
    except DataFileError as error:
        problems.append(f"{path.relative_to(root).as_posix()}: {error.reason}")
    return None


def _texts_of(path: Path, problems: list[str], root: Path) -> dict[str, str] | None:
    """A content file as ``{key: text}``: TOML keys, or Markdown sections (``#`` = text before the first)."""
    if path.suffix == ".po":
        try:
            catalog = _read_catalog(path)
        except Exception as error:  # PoFileError names the line
            problems.append(f"{path.relative_to(root).as_posix()}: not a valid gettext catalog: {error}")
            return None
        # a plural entry takes part in the comparison by its last ("other") form; _plural_problems checks
        # the rest
        return {**catalog.texts, **{key: forms[-1] for key, forms in catalog.plurals.items()}}
    if path.suffix == ".toml":
        data = _load_toml(path, problems, root)
        if data is None:
            return None
        texts: dict[str, str] = {}
        for key, value in data.items():
            if not isinstance(value, str):
                problems.append(f"{path.relative_to(root).as_posix()}: {key}: value is not text")
            texts[key] = str(value)
        return texts
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        problems.append(f"{path.relative_to(root).as_posix()}: cannot read: {error}")
        return None
    sections = markdown_sections(text)
    return {("#" if key == "" else f"section {key}"): body for key, body in sections.items() if key or body}


def _plural_problems(rel: str, base: Path, allow: tuple[str, ...]) -> list[str]:
    """The plural entries of one catalog pair: plural in both languages or in neither; in each language
    exactly as many non-empty forms as its plural rule has (Chinese one, English two), and a header that
    says so; the same placeholders in every form; no Chinese in any English form."""
    catalogs: dict[str, PoCatalog] = {}
    for lang in SUPPORTED_LANGS:
        try:
            catalogs[lang] = _read_catalog(base / lang / rel)
        except Exception:  # reported by _texts_of
            return []
    problems: list[str] = []
    for lang in SUPPORTED_LANGS:
        other = other_lang(lang)
        expected = plural_rule(lang)[0]
        catalog = catalogs[lang]
        if catalog.plurals and catalog.num_plurals != expected:
            problems.append(
                f"{lang}/{rel}: the header's Plural-Forms gives {catalog.num_plurals} forms;"
                f" {lang} has {expected}"
            )
        for key in sorted(set(catalog.plurals) & set(catalogs[other].texts)):
            problems.append(f"{lang}/{rel}: {key}: a plural entry here but a plain text in {other}/{rel}")
        for key, forms in sorted(catalog.plurals.items()):
            if len(forms) != expected or not all(form.strip() for form in forms):
                filled = sum(1 for form in forms if form.strip())
                problems.append(
                    f"{lang}/{rel}: {key}: {filled} plural form(s) filled in; {lang} needs {expected}"
                )
            fields = [placeholders_of(form) for form in forms if form.strip()]
            if any(names != fields[0] for names in fields):
                problems.append(f"{lang}/{rel}: {key}: the plural forms have different placeholders")
            if lang == "en":
                for index, form in enumerate(forms[:-1]):  # the last form is checked with the plain texts
                    stray = contains_cjk(form, allow)
                    if stray:
                        shown = ", ".join(sorted(set(stray)))
                        problems.append(
                            f"en/{rel}: {key}[{index}]: Chinese characters in English text: {shown}"
                        )
    return problems


def check_content(root: Path | str | None = None, allow: tuple[str, ...] = CJK_ALLOWLIST) -> list[str]:
    """Every problem with the content folder, one line each (``[]`` when all is well).

    Checks: both languages hold the same files; the same keys (TOML) and sections (Markdown);
    the same ``{placeholders}`` per key; no empty texts; no Chinese in English texts except the
    terms in ``allow``; plural entries with every form their language needs (:func:`_plural_problems`).
    """
    base = _root(root)
    problems: list[str] = []
    files = {lang: _files(base / lang) for lang in SUPPORTED_LANGS}
    for lang in SUPPORTED_LANGS:
        if not (base / lang).is_dir():
            problems.append(f"{lang}/: folder missing")
    for lang in SUPPORTED_LANGS:
        other = other_lang(lang)
        for rel in sorted(files[other] - files[lang]):
            problems.append(f"{lang}/{rel}: missing (present in {other}/)")

    for lang in SUPPORTED_LANGS:
        seen: dict[str, str] = {}
        for rel in sorted(r for r in files[lang] if r.startswith(f"{MESSAGES_DIR}/") and r.endswith(".po")):
            try:
                catalog = _read_catalog(base / lang / rel)
            except Exception:  # reported below
                continue
            keys = [*catalog.texts, *catalog.plurals]
            for key in keys:
                if key in seen:
                    problems.append(f"{lang}/{rel}: {key}: already defined in {lang}/{seen[key]}")
                seen[key] = rel
    for rel in sorted(files["zh"] & files["en"]):
        texts = {lang: _texts_of(base / lang / rel, problems, base) for lang in SUPPORTED_LANGS}
        if any(value is None for value in texts.values()):
            continue
        if rel.endswith(".po"):
            problems.extend(_plural_problems(rel, base, allow))
        for lang in SUPPORTED_LANGS:
            other = other_lang(lang)
            for key in sorted(set(texts[other]) - set(texts[lang])):
                problems.append(f"{lang}/{rel}: {key}: missing (present in {other}/{rel})")
        for key in sorted(set(texts["zh"]) & set(texts["en"])):
            zh_fields, en_fields = placeholders_of(texts["zh"][key]), placeholders_of(texts["en"][key])
            if zh_fields != en_fields:
                problems.append(
                    f"en/{rel}: {key}: placeholders {sorted(en_fields)} differ from zh {sorted(zh_fields)}"
                )
            for lang in SUPPORTED_LANGS:
                if not texts[lang][key].strip():
                    problems.append(f"{lang}/{rel}: {key}: empty text")
                odd = sorted(
                    name for name in placeholders_of(texts[lang][key]) if not _FIELD_PATTERN.match(name)
                )
                if odd:
                    problems.append(f"{lang}/{rel}: {key}: placeholders must be plain names: {odd}")
        for key, text in sorted(texts["en"].items()):
            stray = contains_cjk(text, allow)
            if stray:
                shown = ", ".join(sorted(set(stray)))
                problems.append(f"en/{rel}: {key}: Chinese characters in English text: {shown}")
    return problems


__all__ = [
    "CJK_ALLOWLIST",
    "CONTENT_DIR",
    "check_content",
    "clear_cache",
    "has_key",
    "markdown_sections",
    "page_section",
    "page_text",
    "placeholders_of",
    "plural_rule",
    "t",
    "tn",
]
