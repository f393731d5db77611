"""Every exhibit in Chinese: every figure's "出处" and every "数字从哪里来" list reads as Chinese.

Opens each exhibit with ``?lang=zh`` in AppTest and reads every Markdown element the page draws (the
figures' "出处" and the expanders' contents are in the element tree whether or not they are open). A
provenance note or a model warning left in English shows as a run of English words; source titles,
unit symbols, chemical formulas and standard numbers are short and pass.
"""

from __future__ import annotations

import re

import pytest

from parkloop.pages import PAGES
from tests.apptest import figures, open_page

EXHIBITS = [page for page in PAGES if page.script.startswith("exhibits/") and page.slug]
# Four English words in a row ("the plan raises biogas") is English prose; "GB 16889", "CO₂e", "NF/RO",
# "AR5", "IPCC" and a data id such as "bj-morning-2017" are not.
ENGLISH_PROSE = re.compile(r"\b[A-Za-z]{2,}(?:[ ,;:'’]+[A-Za-z]{2,}){3,}\b")


def _texts(at) -> list[str]:
    """What the page says in Markdown and warning boxes (the page's CSS, drawn as Markdown, left out)."""
    shown = [str(element.value) for element in at.markdown] + [str(w.value) for w in at.warning]
    cards = [" ".join([card.label, card.value, *card.detail]) for card in figures(at)]
    return [text for text in shown if "<style" not in text and "parkloop-figure" not in text] + cards


def _popovers(at) -> list[str]:
    """The labels of the figures' "where from?" disclosures."""
    return [card.where_from for card in figures(at)]


@pytest.mark.parametrize("page", EXHIBITS, ids=[page.slug for page in EXHIBITS])
def test_provenance_on_a_chinese_page_is_chinese(page) -> None:
    at = open_page(page.script, {"lang": "zh"})
    assert not at.exception, at.exception
    texts = _texts(at)
    if page.slug == "targets":  # each target's expander holds its provenance
        assert len(at.expander) >= 6, page.slug
    elif page.slug != "sorting":  # the sorting game shows no figures
        assert "出处" in _popovers(at) or "数字从哪里来" in [e.label for e in at.expander], page.slug
    english = sorted({m.group(0) for text in texts for m in ENGLISH_PROSE.finditer(text)})
    assert english == [], f"/{page.slug}?lang=zh shows English: {english}"


def test_the_check_finds_english_prose() -> None:
    assert ENGLISH_PROSE.search("来源：the plan raises biogas handling")
    assert not ENGLISH_PROSE.search("GB 16889—2024《生活垃圾填埋场污染控制标准》，COD 100毫克/升")
