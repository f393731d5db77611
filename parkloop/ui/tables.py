"""Tables as HTML, not ``st.table``.

``st.table`` sends its rows as Apache Arrow and draws them with Streamlit's Arrow code: about 100 kB of
JavaScript a phone fetches the first time a page holds a table (a QR station's "later station" budget
is 100 kB in all), and an Arrow serialisation on the server at every rerun. ParkLoop's tables are a few
rows of text already formatted in the visitor's language, so one HTML ``<table>`` in a Markdown element
says the same: headers as ``<th scope="col">``, every cell escaped (a nickname or an imported count can
never become markup), numbers (and cells formatted as numbers) right-aligned. The look is the frame's CSS
(``.parkloop-table``, parkloop/ui/frame.py).
"""

from __future__ import annotations

import html
import numbers
import re
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st

NUMBER_TEXT = re.compile(r"^[+\-−]?\d[\d,.\u00a0 ]*%?$")
"""A cell already formatted as a number ("57,000", "−8.2%"): right-aligned like a number."""


def _numeric(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    return isinstance(value, numbers.Real) or (isinstance(value, str) and bool(NUMBER_TEXT.match(value)))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        if value != value:  # NaN: an empty cell, as st.table shows it
            return ""
        return f"{float(value):,.4f}".rstrip("0").rstrip(".")
    return str(value)


def table_html(
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    row_headers: bool = False,
    styles: Mapping[tuple[int, int], str] | None = None,
) -> str:
    """The HTML of a table: ``columns`` its headers, ``rows`` its cells (a row's first cell a row header
    with ``row_headers``), ``styles`` inline CSS for some cells by ``(row, column)`` (project CSS only,
    never a visitor's text)."""
    styles = styles or {}
    numeric = [bool(rows) and all(_numeric(row[c]) for row in rows) for c in range(len(columns))]
    head = "".join(f'<th scope="col">{html.escape(" ".join(str(name).split()))}</th>' for name in columns)
    body = []
    for r, row in enumerate(rows):
        cells = []
        for c, value in enumerate(row):
            tag = "th" if row_headers and c == 0 else "td"
            attrs = ' scope="row"' if tag == "th" else ""
            if numeric[c]:
                attrs += ' class="parkloop-number"'
            if (r, c) in styles:
                attrs += f' style="{html.escape(styles[r, c])}"'
            # a line break as <br>: a blank line would end the HTML block and the rest turn into Markdown
            text = html.escape(_text(value)).replace("\r", "").replace("\n", "<br>")
            cells.append(f"<{tag}{attrs}>{text}</{tag}>")
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (
        f'<div class="parkloop-table-wrap"><table class="parkloop-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def show_table(
    data: Any,
    *,
    row_headers: bool = False,
    column_styles: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Draw ``data`` (a pandas DataFrame, or a list of dicts with the same keys) as one HTML table;
    ``column_styles``: for a column name, one inline style per row (the targets' status colours). A
    DataFrame with a named index shows it as the first column, its rows' headers."""
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        frame = data.reset_index() if data.index.name is not None else data
        row_headers = row_headers or data.index.name is not None
        columns = [str(name) for name in frame.columns]
        rows = [list(row) for row in frame.itertuples(index=False, name=None)]
    else:  # rows as dicts: no DataFrame (building one is most of a small table's cost, issue 18)
        records = list(data)
        keys = list(records[0]) if records else []
        columns = [str(name) for name in keys]
        rows = [[record.get(key) for key in keys] for record in records]
    styles = {
        (r, columns.index(name)): style
        for name, per_row in (column_styles or {}).items()
        for r, style in enumerate(per_row)
    }
    st.markdown(table_html(columns, rows, row_headers=row_headers, styles=styles), unsafe_allow_html=True)
