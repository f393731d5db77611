"""The drawing kit of the printed lesson sheets: an A4 page with headings, paragraphs (Chinese line
breaking from :mod:`parkloop.printing`), ruled lines, drawing boxes, tick boxes, tables and Beijing's four
bins drawn as pictures — all with fpdf2 primitives, no image files, so a sheet prints the same anywhere.

Sizes follow the reader: 15 pt body text for grades 1–2 (large print), 10.5 pt for everyone else.
Every line of text printed is kept in :attr:`Doc.lines`, so tests read what a teacher would read.
"""

from __future__ import annotations

from functools import lru_cache

from parkloop.content import t
from parkloop.printing import FAMILY, new_pdf, plain, write_paragraph
from parkloop.school.lessons import BINS, LARGE_PRINT_BANDS

__all__ = ["BAND_PT", "LARGE_PRINT_BANDS", "Doc", "bin_names", "colon", "pdf_bytes"]
BODY_PT = 10.5
LARGE_PT = 15.0
BAND_PT = {"1-2": LARGE_PT, "3-4": 12.0}
"""Body size of a student's sheet by grade band (the rest: :data:`BODY_PT`)."""
MARGIN_MM = 16.0
INK = (17, 24, 39)
GREY_LINE = (120, 120, 120)


@lru_cache(maxsize=1)
def bin_colours() -> dict[str, tuple[int, int, int]]:
    """The four bins' colours as RGB, from the sorting game's data (one place for them)."""
    from parkloop.exhibits.sorting import load_sorting_data

    colours = {}
    for bin_id, spec in load_sorting_data().bins.items():
        text = spec.colour.lstrip("#")
        colours[bin_id] = (int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16))
    return colours


BIN_SYMBOL = {"food": "", "recyclable": "♻", "hazardous": "⚠", "residual": ""}


def colon(lang: str) -> str:
    """The colon after a label: full-width in Chinese."""
    return "：" if lang == "zh" else ": "


class Doc:
    """A thin layer over FPDF for the lesson sheets (A4, mm)."""

    def __init__(self, lang: str, footer: str, *, large: bool = False, size: float | None = None) -> None:
        from fpdf import FPDF

        self.lang = lang
        self.size = size or (LARGE_PT if large else BODY_PT)
        self.large = large
        self.lines: list[str] = []

        class Page(FPDF):
            def footer(inner) -> None:  # noqa: N805 - fpdf2's hook
                inner.set_y(-12)
                inner.set_font(FAMILY, "", 8)
                inner.set_text_color(60, 60, 60)
                inner.cell(0, 6, plain(f"{footer} · {inner.page_no()}/{{nb}}"), align="C")
                inner.set_text_color(*INK)

        pdf = new_pdf(Page, lang=lang, title=footer, format="A4", unit="mm")
        pdf.set_margins(MARGIN_MM, 14, MARGIN_MM)
        pdf.set_auto_page_break(True, margin=18)
        pdf.alias_nb_pages()
        pdf.add_page()
        pdf.set_text_color(*INK)
        self.pdf = pdf

    # ---------------------------------------------------------------- text
    @property
    def width(self) -> float:
        return self.pdf.w - self.pdf.l_margin - self.pdf.r_margin

    def para(self, text: str, size: float | None = None, indent: float = 0, align: str = "L") -> None:
        size = size or self.size
        for line in text.splitlines() or [""]:
            if not line.strip():
                self.pdf.ln(size * 0.2)
                continue
            self.lines += write_paragraph(
                self.pdf, line.strip(), size, indent=indent, line_height=size * 0.52, align=align
            )
        self.pdf.ln(size * 0.12)

    def heading(self, text: str, size: float | None = None) -> None:
        size = size or self.size + 2.5
        self.need(size * 1.6 + 18)
        self.pdf.ln(size * 0.2)
        self.para(f"**{text}**", size)

    def title(self, text: str) -> None:
        self.heading(text, self.size + 6)

    def label(self, label: str, text: str, size: float | None = None) -> None:
        """A numbered item: **现场1** text."""
        self.para(f"**{label}** {text}", size)

    def need(self, height: float) -> None:
        """Start a new page unless ``height`` mm fit on this one."""
        if self.pdf.will_page_break(height):
            self.pdf.add_page()

    def page(self) -> None:
        self.pdf.add_page()

    # ---------------------------------------------------------------- spaces to write and draw
    def write_lines(self, count: int = 2) -> None:
        gap = 11.0 if self.large else 8.0
        self.need(gap * count + 2)
        self.pdf.set_draw_color(*GREY_LINE)
        self.pdf.set_line_width(0.25)
        for _ in range(count):
            self.pdf.ln(gap)
            y = self.pdf.get_y()
            self.pdf.line(self.pdf.l_margin, y, self.pdf.w - self.pdf.r_margin, y)
        self.pdf.ln(3)

    def box(self, height: float, caption: str = "") -> None:
        """An empty framed box to draw or write in, with an optional caption in its corner."""
        self.need(height + 3)
        pdf = self.pdf
        x, y = pdf.l_margin, pdf.get_y() + 1
        pdf.set_draw_color(*GREY_LINE)
        pdf.set_line_width(0.4)
        pdf.rect(x, y, self.width, height, round_corners=True, corner_radius=3)
        if caption:
            pdf.set_xy(x + 2, y + 1.5)
            pdf.set_font(FAMILY, "B", min(self.size, 11))
            pdf.cell(0, 5, plain(caption))
        pdf.set_xy(pdf.l_margin, y + height + 2)

    def tick_box(self, x: float, y: float, side: float) -> None:
        self.pdf.set_draw_color(*INK)
        self.pdf.set_line_width(0.4)
        self.pdf.rect(x, y, side, side)

    def table(self, headers: list[str], rows: list[list[str]], widths: list[float] | None = None) -> None:
        """A grid: bold header row, then ``rows`` (empty strings print as cells to fill in)."""
        pdf = self.pdf
        widths = widths or [self.width / len(headers)] * len(headers)
        size = min(self.size, 11) if not self.large else self.size - 2
        row_h = 12.0 if self.large else 7.5
        pdf.set_draw_color(*GREY_LINE)
        pdf.set_line_width(0.3)
        laid = []
        for index, row in enumerate([headers, *rows]):
            cells = [self._cell_lines(text, w, size, index == 0) for text, w in zip(row, widths, strict=True)]
            blank = index > 0 and any(not text for text in row)  # a row to write in needs room
            least = (16.0 if self.large else 11.0) if blank else row_h
            laid.append((cells, max(least, max(len(c) for c in cells) * size * 0.5 + 3)))
        total = sum(height for _, height in laid)
        if total < self.pdf.h - 40:  # keep a table on one page when it fits on one
            self.need(total)
        for index, (cells, height) in enumerate(laid):
            if index and self.pdf.will_page_break(height):
                pdf.add_page()
                self._table_row(laid[0][0], widths, laid[0][1], size, header=True)
            self._table_row(cells, widths, height, size, header=index == 0)
        pdf.ln(3)

    def _table_row(
        self, cells: list[list[str]], widths: list[float], height: float, size: float, header: bool
    ) -> None:
        pdf = self.pdf
        x, y = pdf.l_margin, pdf.get_y()
        for lines, w in zip(cells, widths, strict=True):
            pdf.set_fill_color(235, 238, 242)
            pdf.rect(x, y, w, height, style="DF" if header else "D")
            pdf.set_xy(x + 1.5, y + 1.5)
            for chunk in lines:
                pdf.set_x(x + 1.5)
                pdf.set_font(FAMILY, "B" if header else "", size)
                pdf.cell(w - 3, size * 0.5, chunk)
                pdf.ln(size * 0.5)
                self.lines.append(chunk)
            x += w
        pdf.set_xy(pdf.l_margin, y + height)

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """``text`` broken into lines ``width`` mm wide at ``size`` pt (nothing printed)."""
        return self._cell_lines(text, width + 3, size, False)

    def _cell_lines(self, text: str, width: float, size: float, bold: bool) -> list[str]:
        from parkloop.printing import bold_runs, wrap_runs

        def measure(chunk: str, is_bold: bool) -> float:
            self.pdf.set_font(FAMILY, "B" if bold or is_bold else "", size)
            return self.pdf.get_string_width(chunk)

        if not text:
            return []
        lines = wrap_runs(bold_runs(plain(text)), width - 3, measure)
        return ["".join(chunk for chunk, _ in line) for line in lines]

    # ---------------------------------------------------------------- Beijing's four bins
    def bin_picture(
        self, x: float, y: float, w: float, bin_id: str, name: str, name_size: float | None = None
    ) -> float:
        """A bin at (x, y), ``w`` wide, in its colour with its name on the body and under it; returns the
        height used. The colour never carries the meaning alone: the name is always written."""
        pdf = self.pdf
        colour = bin_colours()[bin_id]
        body_h = w * 1.05
        pdf.set_fill_color(*colour)
        pdf.set_draw_color(*colour)
        pdf.set_line_width(0.3)
        pdf.rect(x - w * 0.05, y, w * 1.1, w * 0.16, style="F", round_corners=True, corner_radius=1)
        pdf.rect(x + w * 0.38, y - w * 0.07, w * 0.24, w * 0.08, style="F")  # the handle
        pdf.polygon(
            [(x, y + w * 0.2), (x + w, y + w * 0.2), (x + w * 0.9, y + body_h), (x + w * 0.1, y + body_h)],
            style="F",
        )
        self._bin_symbol(x, y, w, bin_id)
        pdf.set_text_color(*INK)
        size = name_size or max(min(self.size + 1, w * 0.55), 13.0 if self.large else 0.0)
        pdf.set_font(FAMILY, "B", size)
        pdf.set_xy(x - 6, y + body_h + 1)
        pdf.cell(w + 12, size * 0.5, plain(name), align="C")
        self.lines.append(name)
        return body_h + 2 + size * 0.5

    def _bin_symbol(self, x: float, y: float, w: float, bin_id: str) -> None:
        """A white sign on the bin's body, so a grey print still tells the bins apart."""
        pdf = self.pdf
        cx, cy = x + w / 2, y + w * 0.62
        pdf.set_fill_color(255, 255, 255)
        pdf.set_draw_color(255, 255, 255)
        if bin_id == "food":  # a leaf on a stem
            with pdf.rotation(35, cx, cy):
                pdf.ellipse(cx - w * 0.2, cy - w * 0.11, w * 0.4, w * 0.22, style="F")
            pdf.set_draw_color(*bin_colours()["food"])
            pdf.set_line_width(w * 0.025)
            pdf.line(cx - w * 0.14, cy + w * 0.1, cx + w * 0.12, cy - w * 0.09)
            pdf.set_draw_color(255, 255, 255)
            pdf.line(cx - w * 0.14, cy + w * 0.1, cx - w * 0.22, cy + w * 0.2)
        elif bin_id == "residual":  # a closed rubbish bag
            pdf.ellipse(cx - w * 0.2, cy - w * 0.14, w * 0.4, w * 0.34, style="F")
            pdf.polygon(
                [(cx - w * 0.08, cy - w * 0.28), (cx + w * 0.08, cy - w * 0.28), (cx, cy - w * 0.12)],
                style="F",
            )
        else:
            pdf.set_text_color(255, 255, 255)
            pdf.set_font(FAMILY, "B", w * 1.5)
            pdf.set_xy(x, cy - w * 0.25)
            pdf.cell(w, w * 0.5, BIN_SYMBOL[bin_id], align="C")
            pdf.set_text_color(*INK)

    def bin_row(self, bins: list[str], names: dict[str, str], w: float | None = None) -> list[float]:
        """The bins side by side across the page; returns the x centre of each."""
        w = w or (22.0 if self.large else 18.0)
        height = w * 1.05 + 4 + self.size * 0.5
        self.need(height + 6)
        gap = (self.width - w * len(bins)) / (len(bins) + 1)
        y = self.pdf.get_y() + 4
        centres = []
        for index, bin_id in enumerate(bins):
            x = self.pdf.l_margin + gap + index * (w + gap)
            self.bin_picture(x, y, w, bin_id, names[bin_id])
            centres.append(x + w / 2)
        self.pdf.set_xy(self.pdf.l_margin, y + height + 2)
        return centres


def bin_names(lang: str) -> dict[str, str]:
    """The bins' names as the sorting game says them (厨余垃圾 …)."""
    return {b: t(f"sorting.bin.{b}", lang) for b in BINS}


def pdf_bytes(doc: Doc) -> bytes:
    return bytes(doc.pdf.output())


def measure_text(doc: Doc, text: str, size: float, bold: bool = False) -> float:
    doc.pdf.set_font(FAMILY, "B" if bold else "", size)
    return float(doc.pdf.get_string_width(plain(text)))
