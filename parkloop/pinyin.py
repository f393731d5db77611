"""Pinyin over Chinese words for young readers (the sorting game's ``?py=1``), as ``<ruby>``.

The readings come from ``pypinyin`` (tone marks, its phrase dictionary for context), then the hand-kept
list ``data/pinyin_overrides.toml``: ``[phrases]`` fixes a word's reading where pypinyin's is wrong for
the game (东西 → dōng xi), ``[checked]`` records the polyphonic characters whose reading in the game's
words was checked by hand. :func:`unreviewed` lists what nobody has checked yet (a test fails on it).

No Streamlit here.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from parkloop import settings
from parkloop.model.tomlfile import read_toml

OVERRIDES_FILE = "pinyin_overrides.toml"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")


@dataclass(frozen=True)
class Overrides:
    phrases: dict[str, tuple[str, ...]]  # word → one syllable per character
    checked: dict[str, str]  # polyphonic character → the reading checked for the game's words


def overrides_path() -> Path:
    return Path(str(settings.get("data_dir"))) / OVERRIDES_FILE


@lru_cache(maxsize=4)
def load_overrides(path: Path | None = None) -> Overrides:
    """Read and check the hand-kept list; a phrase whose syllables do not match its characters raises
    ValueError naming it."""
    path = path or overrides_path()
    raw = read_toml(path)
    phrases: dict[str, tuple[str, ...]] = {}
    for word, reading in raw.get("phrases", {}).items():
        syllables = tuple(str(reading).split())
        if len(syllables) != len(word) or not all(HAN.fullmatch(c) for c in word):
            raise ValueError(f"{path.name}: phrase {word!r} needs one syllable per Chinese character")
        phrases[word] = syllables
    checked = {str(c): str(r) for c, r in raw.get("checked", {}).items()}
    for char in checked:
        if not HAN.fullmatch(char):
            raise ValueError(f"{path.name}: [checked] key {char!r} must be one Chinese character")
    return Overrides(phrases, checked)


def _pypinyin(run: str) -> list[str]:
    from pypinyin import Style, pinyin

    return [syllables[0] for syllables in pinyin(run, style=Style.TONE, heteronym=False)]


def _phrase_at(text: str, start: int, phrases: dict[str, tuple[str, ...]]) -> str | None:
    best = None
    for word in phrases:
        if text.startswith(word, start) and (best is None or len(word) > len(best)):
            best = word
    return best


def readings(text: str, overrides: Overrides | None = None) -> list[tuple[str, str | None, bool]]:
    """``text`` as (character or non-Chinese chunk, its pinyin or None, from a [phrases] override)."""
    overrides = overrides or load_overrides()
    out: list[tuple[str, str | None, bool]] = []
    plain = ""  # characters waiting for pypinyin (read together, so its phrase dictionary applies)

    def flush() -> None:
        nonlocal plain
        position = 0
        for match in HAN_RUN.finditer(plain):
            if match.start() > position:
                out.append((plain[position : match.start()], None, False))
            out.extend((c, p, False) for c, p in zip(match.group(), _pypinyin(match.group()), strict=True))
            position = match.end()
        if position < len(plain):
            out.append((plain[position:], None, False))
        plain = ""

    i = 0
    while i < len(text):
        word = _phrase_at(text, i, overrides.phrases)
        if word is None:
            plain += text[i]
            i += 1
            continue
        flush()
        out.extend((c, p, True) for c, p in zip(word, overrides.phrases[word], strict=True))
        i += len(word)
    flush()
    return out


def ruby_html(text: str, overrides: Overrides | None = None) -> str:
    """``text`` with pinyin over each Chinese character (``<ruby>香<rt>xiāng</rt></ruby>``), escaped."""
    parts = []
    for chunk, reading, _ in readings(text, overrides):
        if reading is None:
            parts.append(html.escape(chunk))
        else:
            parts.append(f"<ruby>{html.escape(chunk)}<rt>{html.escape(reading)}</rt></ruby>")
    return f'<span class="pl-py" lang="zh-CN">{"".join(parts)}</span>'


def polyphonic(char: str) -> bool:
    """Whether pypinyin knows more than one reading of ``char`` (tones included)."""
    from pypinyin import Style, pinyin

    return HAN.fullmatch(char) is not None and len(pinyin(char, style=Style.TONE, heteronym=True)[0]) > 1


def unreviewed(text: str, overrides: Overrides | None = None) -> list[str]:
    """The polyphonic characters of ``text`` that no one has checked: not inside a [phrases] override,
    and not in [checked] with the reading pypinyin gave here. Each as "字 (reading) in «text»"."""
    overrides = overrides or load_overrides()
    problems = []
    for chunk, reading, fixed in readings(text, overrides):
        if reading is None or fixed or not polyphonic(chunk):
            continue
        if overrides.checked.get(chunk) != reading:
            problems.append(f"{chunk} ({reading}) in «{text}»")
    return problems
