"""Open one page of the app in ``streamlit.testing.v1.AppTest`` the way a link opens it.

AppTest knows the pages by their ``url_path`` only after the frame (``app.py``) has run once; before that
``switch_page`` finds a page by file name, which silently opens the home page when the two differ
(``exhibits/my_garbage.py`` is ``/my-garbage``). So: set the URL values, run the frame, switch, run.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def script_path(script: str) -> str:
    """A page's script relative to the repository: ``power.py`` is ``exhibits/power.py``; a path with a
    folder (``parkloop/school/pages/join.py``, a ``PageSpec.script``) is taken as it is."""
    return script if "/" in script else f"exhibits/{script}"


def open_page(script: str, params: Mapping[str, str] | None = None) -> AppTest:
    """Run the page ``script`` (see :func:`script_path`) with the query parameters ``params`` (``lang``,
    ``mode``, slider keys…)."""
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(script_path(script))
    return at.run()


class _Tables(HTMLParser):
    """The ``table.parkloop-table`` elements of some HTML (parkloop/ui/tables.py) as header and rows."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[str]]]] = []
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._head = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "table" and "parkloop-table" in (dict(attrs).get("class") or ""):
            self.tables.append(([], []))
        elif tag == "thead":
            self._head = True
        elif tag == "tbody":
            self._head = False
        elif tag == "tr" and self.tables:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            head, rows = self.tables[-1]
            if self._head:
                head.extend(self._row)
            else:
                rows.append(self._row)
            self._row = None


def _cell(text: str) -> object:
    return int(text) if re.fullmatch(r"-?\d+", text) else text


def tables(at: AppTest) -> list[pd.DataFrame]:
    """Every HTML table the page drew (its Markdown elements), a DataFrame each; a cell that is a whole
    number without separators comes back as an int, any other as the text the visitor reads."""
    parser = _Tables()
    for element in at.markdown:
        parser.feed(element.value)
    return [
        pd.DataFrame([[_cell(c) for c in row] for row in rows], columns=head) for head, rows in parser.tables
    ]


@dataclass
class ShownFigure:
    """One figure card as the page drew it (parkloop/ui/figures.py: ``card_html``)."""

    key: str
    label: str = ""
    value: str = ""
    where_from: str = ""
    """The disclosure's label ("出处" / "Where from?")."""
    detail: list[str] = field(default_factory=list)
    """What opening it shows: the provenance's badge, then each paragraph."""


class _Figures(HTMLParser):
    PARTS = {"parkloop-figure-label": "label", "parkloop-figure-value": "value"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.figures: list[ShownFigure] = []
        self._into: str | None = None
        self._text: list[str] = []
        self._body = False

    def handle_starttag(self, tag: str, attrs) -> None:
        classes = (dict(attrs).get("class") or "").split()
        if tag == "div" and "parkloop-figure" in classes:
            key = next((c[len("st-key-") :] for c in classes if c.startswith("st-key-")), "")
            self.figures.append(ShownFigure(key))
        elif tag == "div" and "parkloop-where-from-body" in classes:
            self._body = True
        elif self.figures and (tag == "summary" or self._body and tag in ("p", "span")):
            self._into, self._text = tag, []
        elif self.figures and tag == "p" and set(classes) & set(self.PARTS):
            self._into, self._text = self.PARTS[next(c for c in classes if c in self.PARTS)], []

    def handle_data(self, data: str) -> None:
        if self._into is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._into is None or tag not in ("p", "span", "summary"):
            if tag == "details":
                self._body = False
            return
        text, figure = "".join(self._text), self.figures[-1]
        if self._into == "summary":
            figure.where_from = text
        elif self._into in ("label", "value"):
            setattr(figure, self._into, text)
        else:
            figure.detail.append(text)
        self._into = None


def read_figures(*htmls: str) -> list[ShownFigure]:
    """The figure cards in some HTML, in order."""
    parser = _Figures()
    for text in htmls:
        parser.feed(text)
    return parser.figures


def figures(at: AppTest) -> list[ShownFigure]:
    """Every figure card the page drew, in order (AppTest holds a ``<details>``'s contents whether or not
    a visitor opened it)."""
    return read_figures(*(str(e.value) for e in at.markdown if "parkloop-figure" in str(e.value)))


@dataclass
class Sankey:
    """One Sankey figure (``parkloop.exhibits.sankey_svg``) as read from its wide picture: the nodes'
    words and fills by id, each band's amount, colour and hover text by (source, target), the alt text."""

    chart: str
    alt: str
    labels: dict[str, str] = field(default_factory=dict)
    fills: dict[str, str] = field(default_factory=dict)
    values: dict[tuple[str, str], float] = field(default_factory=dict)
    colours: dict[tuple[str, str], tuple[str, float]] = field(default_factory=dict)
    hovers: dict[tuple[str, str], str] = field(default_factory=dict)

    def value(self, source: str, target: str) -> float:
        """A band's amount by the words of its two nodes."""
        ids = {label: node for node, label in self.labels.items()}
        return self.values[(ids[source], ids[target])]


def _join_lines(lines: list[str]) -> str:
    """A label drawn on several lines, as one: Latin words were broken at a space, Chinese anywhere."""
    text = lines[0] if lines else ""
    for line in lines[1:]:
        text += (" " if text[-1:].isascii() and line[:1].isascii() else "") + line
    return text


def read_sankeys(text: str) -> list[Sankey]:
    """Every Sankey figure in ``text`` (HTML), read with an XML parser: the drawing must be well-formed."""
    import xml.etree.ElementTree as ET

    svg = "{http://www.w3.org/2000/svg}"
    found = []
    for figure in re.findall(r'<figure class="pl-sankey".*?</figure>', text, flags=re.S):
        root = ET.fromstring(figure)
        wide = next(e for e in root if e.get("class") == "pl-wide")
        chart = Sankey(root.get("data-chart", ""), wide.get("aria-label", ""))
        rects = [e for e in wide.iter(f"{svg}rect")]
        texts = [e for e in wide.iter(f"{svg}text")]
        for rect, words in zip(rects, texts, strict=True):  # drawn in the same order
            node = rect.get("data-node", "")
            chart.labels[node] = _join_lines(["".join(span.itertext()) for span in words])
            chart.fills[node] = rect.get("fill", "")
        for path in wide.iter(f"{svg}path"):
            key = (path.get("data-source", ""), path.get("data-target", ""))
            chart.values[key] = float(path.get("data-value", "nan"))
            chart.colours[key] = (
                path.get("fill") if path.get("fill") != "none" else path.get("stroke", ""),
                float(path.get("fill-opacity") or path.get("stroke-opacity") or 1),
            )
            title = path.find(f"{svg}title")
            chart.hovers[key] = "" if title is None else (title.text or "")
        found.append(chart)
    return found


def page_sankeys(at: AppTest) -> list[Sankey]:
    """The Sankey figures an AppTest page drew (through ``st.markdown``)."""
    return [chart for element in at.markdown for chart in read_sankeys(element.value)]
