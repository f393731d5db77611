"""Every figure's "出处" (and every expander: "数字从哪里来", the targets' rows) of every exhibit in Chinese
reads as Chinese, word by word: source titles and unit symbols aside, no Latin word is left in it.

``tests/test_zh_pages.py`` looks for English prose (four English words in a row) anywhere on a page; this
test is stricter and looks inside each popover on its own: a popover must hold Chinese, and each Latin
token in it must be a unit symbol, a chemical formula, an upper-case code (GB/T, IPCC, COD, AR5) or part
of a source's title. AppTest puts a popover's and an expander's contents in the element tree whether or
not a visitor has opened them, so "opening" one is reading its block.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from parkloop.content import t
from parkloop.pages import PAGES
from tests.apptest import figures, open_page

REPO = Path(__file__).resolve().parents[1]
EXHIBITS = [page for page in PAGES if page.script.startswith("exhibits/") and page.slug]

LATIN = re.compile(r"[A-Za-z]+(?:[-/.][A-Za-z0-9]+)*")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
MARKUP = re.compile(r":[a-z]+(?:-badge)?\[|</?[a-z][^>]*>")  # :gray-badge[…], :green[…]; HTML tags (tables)
# GB/T, IPCC, IAPWS-IF97, COD, CO (of CO₂), a standard's annex C.1, a symbol such as k (a decay rate)
ACRONYM = re.compile(r"^(?:[A-Z][A-Z0-9]*(?:[-/.][A-Z0-9]+)*|[A-Za-z])$")
DATA_ID = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*-\d{4}$")  # a scenario or data set named by its year
UNIT_SYMBOLS = frozenset(
    {"t", "kg", "g", "mg", "m", "km", "Nm", "L", "h", "d", "a", "yr", "e", "x"}  # e: CO₂e; x: NOx
    | {"GJ", "MJ", "TJ", "GJ/t", "MJ/kg", "kWh", "kWh/t", "kW", "MW", "MWh", "kWp", "MPa", "kPa", "pH", "NOx"}
    | {"t/d", "t/a", "t/yr", "t/h", "m/s", "kg/t", "mg/L"}
)
NAMES = frozenset({"ParkLoop", "factors.md"})  # the platform's name; the project's factor notes


def _source_titles() -> list[str]:
    sources = tomllib.loads((REPO / "data" / "sources.toml").read_text(encoding="utf-8"))
    titles = {str(entry.get(key, "")) for entry in sources.values() for key in ("title", "title_en")}
    return sorted((title for title in titles if title), key=len, reverse=True)


TITLES = _source_titles()


def stray_latin(text: str) -> list[str]:
    """The Latin words of a Chinese text that are neither a source title, a unit symbol nor a code."""
    for title in TITLES:
        text = text.replace(title, " ")
    text = MARKUP.sub(" ", text)
    return [
        word
        for word in LATIN.findall(text)
        if word not in UNIT_SYMBOLS
        and word not in NAMES
        and not ACRONYM.match(word)
        and not DATA_ID.match(word)
    ]


def _blocks(at) -> list[tuple[str, str]]:
    """Each figure's "where from?" and each expander of the page as (its label, the words inside it)."""
    blocks = [(card.where_from, "\n".join(card.detail)) for card in figures(at)]
    blocks += [(exp.label, "\n".join(str(md.value) for md in exp.markdown)) for exp in at.expander]
    return blocks


def test_the_check_sees_english_and_lets_titles_units_and_codes_pass() -> None:
    assert stray_latin("模型估计：the plan") == ["the", "plan"]
    assert stray_latin("Model estimate") == ["Model", "estimate"]
    assert (
        stray_latin(":gray-badge[模型计算] 热值10.51 GJ/t，CO₂e/年，GB/T 32150—2025，IAPWS-IF97，Nm³") == []
    )
    assert stray_latin("2006 IPCC Guidelines for National Greenhouse Gas Inventories, Volume 5: Waste") == []


@pytest.mark.parametrize("page", EXHIBITS, ids=[page.slug for page in EXHIBITS])
def test_every_popover_of_a_chinese_exhibit_is_chinese(page) -> None:
    at = open_page(page.script, {"lang": "zh"})
    assert not at.exception, at.exception
    blocks = _blocks(at)
    where_from = t("prov.where_from", "zh")
    if page.slug not in {"sorting", "targets", "system", "air"}:  # these keep provenance in expanders
        assert any(label == where_from for label, _ in blocks), f"/{page.slug}: no {where_from} popover"
    problems = []
    for label, text in blocks:
        if not text.strip():
            continue  # an expander holding only a table or a chart
        if not CJK.search(text):
            problems.append(f"{label}: no Chinese at all: {text[:80]!r}")
        stray = stray_latin(text)
        if stray:
            problems.append(f"{label}: {sorted(set(stray))}")
    assert problems == [], f"/{page.slug}?lang=zh:\n" + "\n".join(problems)
