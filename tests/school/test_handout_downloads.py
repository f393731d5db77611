"""The /lessons page offers the worksheet, the guide and every handout beside the lesson in both
languages, each a real PDF made when tapped, under stable widget keys."""

from __future__ import annotations

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from parkloop.content import t
from parkloop.school.handouts import HANDOUT_DOCS
from tests.apptest import open_page

PAGE = "parkloop/school/pages/lessons.py"


DEFERRED: dict[str, object] = {}  # deferred file id -> the callable a tap runs


@pytest.fixture(autouse=True)
def scratch_store(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(tmp_path / "store.sqlite"))
    add = MediaFileManager.add_deferred

    def remember(self, data_callable, *args, **kwargs):  # AppTest's runtime is gone after a run
        file_id = add(self, data_callable, *args, **kwargs)
        DEFERRED[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", remember)


def _buttons(at: AppTest) -> dict[str, object]:
    """Download buttons by their widget key (the part after the element id's hash)."""
    return {button.proto.id.split("-", 2)[2]: button for button in at.get("download_button")}


def _download(button) -> bytes:
    """What tapping the button downloads: the page's deferred callable, run as Streamlit runs it."""
    return DEFERRED[button.proto.deferred_file_id]()


def test_every_handout_in_both_languages_is_a_pdf() -> None:
    at = open_page(PAGE, {"lang": "zh", "m": "four-bins"})
    assert not at.exception
    buttons = _buttons(at)
    handout_keys = {f"lessons-pdf-{kind}-{lang}" for kind in HANDOUT_DOCS for lang in ("zh", "en")}
    assert set(buttons) == {"lessons-pdf-worksheet", "lessons-pdf-guide"} | handout_keys
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels.index("下载家长告知书（中文）") < labels.index("下载家长告知书（English）"), "Chinese first"
    for key in sorted(handout_keys):
        data = _download(buttons[key])
        assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), key
        assert len(data) > 2000, key


def test_the_picture_sheet_is_only_for_grades_one_and_two() -> None:
    at = open_page(PAGE, {"lang": "en", "m": "carbon-ledger"})
    assert not at.exception
    keys = set(_buttons(at))
    assert "lessons-pdf-pictures-zh" not in keys and "lessons-pdf-pictures-en" not in keys
    assert {"lessons-pdf-safety-zh", "lessons-pdf-safety-en", "lessons-pdf-evaluation-en"} <= keys
    assert t("lessons.handouts", "en") in [m.value.strip("*") for m in at.markdown]


def test_the_page_lists_the_handouts_handouts_py_makes() -> None:
    """A handout added to handouts.py without a button here would be silently missing from the page."""
    import ast
    from pathlib import Path

    tree = ast.parse(Path(PAGE).read_text(encoding="utf-8"))
    kinds = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "HANDOUT_KINDS"
    )
    assert tuple(kinds) == tuple(HANDOUT_DOCS)
