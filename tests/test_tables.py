"""HTML tables (parkloop.ui.tables): escaped, headed, numbers aligned."""

from __future__ import annotations

import pandas as pd

from parkloop.ui.tables import table_html


def test_every_cell_is_escaped_and_headed() -> None:
    out = table_html(["名字 <b>", "分数"], [["<script>alert(1)</script>", 3], ["a & b", 12345]])
    assert "<script>" not in out and "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert '<th scope="col">名字 &lt;b&gt;</th>' in out and "a &amp; b" in out
    assert out.count("<tr>") == 3  # a header row and two rows
    assert '<td class="parkloop-number">12,345</td>' in out, "a numeric column is right-aligned"
    assert '<td class="parkloop-number">' not in out.split("</tr>")[1].split("<td")[1], "text is not"


def test_row_headers_styles_and_empty_cells() -> None:
    out = table_html(["#", "值"], [["问题 1", float("nan")], ["问题 2", 0.25]], row_headers=True,
                     styles={(1, 1): 'color:#14532d" onmouseover="x'})  # fmt: skip
    assert '<th scope="row">问题 1</th><td class="parkloop-number"></td>' in out, (
        "NaN is an empty cell, the first a row header"
    )
    assert "0.25" in out and 'onmouseover="x' not in out and "&quot; onmouseover=&quot;x" in out


def test_a_frame_with_a_named_index_shows_it_first(monkeypatch) -> None:
    from parkloop.ui import tables

    drawn = []
    monkeypatch.setattr(tables.st, "markdown", lambda body, **_: drawn.append(body))
    tables.show_table(pd.DataFrame({"#": ["Q1"], "n": [2]}).set_index("#"))
    assert (
        '<th scope="col">#</th><th scope="col">n</th>' in drawn[0] and '<th scope="row">Q1</th>' in drawn[0]
    )


def test_cells_formatted_as_numbers_are_aligned_as_numbers() -> None:
    out = table_html(["年", "t"], [[1, "57,000"], [2, "−8.2%"]])
    assert out.count('class="parkloop-number"') == 4
    assert table_html(["a"], [["57,000 t"]]).count("parkloop-number") == 0, "a figure with its unit is text"


def test_a_cell_with_blank_lines_stays_one_html_block() -> None:
    out = table_html(["a\n\nb"], [["first\n\n**second**"]])
    assert "\n" not in out and "first<br><br>**second**" in out and '<th scope="col">a b</th>' in out
