"""Print-ready posters for the QR stations and a tour leaflet (PDF, fpdf2, the CJK font embedded).

``posters(base_url, out_dir)`` writes, for every station of ``data/tours.toml`` and each language, an A4
and an A5 poster: station number, the title and one-line teaser in both languages (the poster's language
first), a QR code for ``BASE_URL/?station=<id>&lang=<lang>`` and that address in letters under it; and a
leaflet per language with the sketch map, every station and every route.

The QR code is drawn as vector squares (sharp at any print size), error correction level Q (25 % of the
code can be dirty or torn), at least 70 mm wide on A5 — a phone reads a code from about ten times its
width, so from 1 m a 4 cm code is enough and 7 cm leaves margin for poor light and old phones.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import qrcode
import qrcode.constants

from parkloop.content import t
from parkloop.i18n import other_lang
from parkloop.printing import FAMILY, new_pdf
from parkloop.tours.data import Station, Tours, load_tours
from parkloop.tours.render import PLANT_FILL, station_title

SIZES_MM = {"a4": (210.0, 297.0), "a5": (148.0, 210.0)}
QR_WIDTH_MM = {"a4": 100.0, "a5": 70.0}
QR_QUIET_MODULES = 4
TEAL = (15, 118, 110)
INK = (17, 24, 39)
MUTED = (55, 65, 81)  # grey-700: 10:1 on white


class PosterError(ValueError):
    """The base URL or the output folder cannot be used (one line)."""


def check_base_url(base_url: str) -> str:
    """``https://host[/path]`` without query or fragment, trailing slash removed."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise PosterError(f"--base-url {base_url!r}: expected http(s)://host[/path] without ? or #")
    return base_url.strip().rstrip("/")


def station_url(base_url: str, station_id: str, lang: str) -> str:
    """What the poster's QR code holds: ``BASE_URL/?station=<id>&lang=<lang>``."""
    return f"{check_base_url(base_url)}/?station={station_id}&lang={lang}"


def short_url(url: str) -> str:
    """The address as people type it: no ``https://``."""
    return url.split("://", 1)[-1]


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR code's modules (``True`` = dark), error correction Q, without the quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_Q, border=0, box_size=1)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def _pdf(size: str):
    width, height = SIZES_MM[size]
    pdf = new_pdf(orientation="portrait", unit="mm", format=(width, height))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.add_page()
    return pdf


def draw_qr(pdf, data: str, x: float, y: float, width: float) -> None:
    """The code with its quiet zone inside ``width`` mm; rows of dark modules merged into runs."""
    matrix = qr_matrix(data)
    modules = len(matrix) + 2 * QR_QUIET_MODULES
    module = width / modules
    pdf.set_fill_color(255, 255, 255)
    pdf.rect(x, y, width, width, style="F")
    pdf.set_fill_color(0, 0, 0)
    origin_x = x + QR_QUIET_MODULES * module
    origin_y = y + QR_QUIET_MODULES * module
    for row_index, row in enumerate(matrix):
        col = 0
        while col < len(row):
            if not row[col]:
                col += 1
                continue
            start = col
            while col < len(row) and row[col]:
                col += 1
            # a hair of overlap so that no white seam shows between neighbouring runs when printed
            pdf.rect(
                origin_x + start * module,
                origin_y + row_index * module,
                (col - start) * module + 0.02,
                module + 0.02,
                style="F",
            )


def _centred(pdf, y: float, text: str, size: float, *, bold: bool = False, colour=INK) -> float:
    """One or more centred lines from ``y``; returns the y below them."""
    width = pdf.w
    pdf.set_font(FAMILY, style="B" if bold else "", size=size)
    pdf.set_text_color(*colour)
    pdf.set_xy(width * 0.08, y)
    line_height = size * 0.3528 * 1.3  # pt to mm, with leading
    pdf.multi_cell(width * 0.84, line_height, text, align="C")
    return pdf.get_y()


def station_poster(tours: Tours, station: Station, base_url: str, lang: str, size: str) -> bytes:
    """One poster as PDF bytes."""
    pdf = _pdf(size)
    width, height = SIZES_MM[size]
    scale = width / 210.0
    other = other_lang(lang)
    # top band with the station number
    pdf.set_fill_color(*TEAL)
    pdf.rect(0, 0, width, 38 * scale, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FAMILY, style="B", size=30 * scale)
    pdf.set_xy(0, 9 * scale)
    pdf.cell(width, 20 * scale, t("tours.station_number", lang, number=station.number), align="C")
    pdf.set_font(FAMILY, size=15 * scale)
    pdf.set_xy(0, 27 * scale)
    pdf.cell(width, 8 * scale, t("tours.station_number", other, number=station.number), align="C")
    y = 48 * scale
    y = _centred(pdf, y, station_title(station.id, lang), 34 * scale, bold=True)
    y = _centred(pdf, y + 1 * scale, t(f"tours.station.{station.id}.teaser", lang), 17 * scale, colour=MUTED)
    y = _centred(pdf, y + 4 * scale, station_title(station.id, other), 20 * scale, bold=True)
    y = _centred(pdf, y + 1 * scale, t(f"tours.station.{station.id}.teaser", other), 13 * scale, colour=MUTED)
    url = station_url(base_url, station.id, lang)
    qr_width = QR_WIDTH_MM[size]
    qr_y = max(y + 6 * scale, height - qr_width - 62 * scale)
    draw_qr(pdf, url, (width - qr_width) / 2, qr_y, qr_width)
    y = qr_y + qr_width + 2 * scale
    y = _centred(pdf, y, t("tours.poster.scan", lang), 17 * scale, bold=True, colour=TEAL)
    y = _centred(pdf, y, short_url(url), 12 * scale, colour=INK)
    y = _centred(pdf, y + 2 * scale, t("tours.poster.no_signup", lang), 12 * scale, colour=MUTED)
    _centred(pdf, y + 1 * scale, t("tours.poster.switch", other), 11 * scale, colour=MUTED)
    pdf.set_fill_color(*TEAL)
    pdf.rect(0, height - 14 * scale, width, 14 * scale, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FAMILY, size=10 * scale)
    pdf.set_xy(0, height - 11 * scale)
    pdf.cell(
        width,
        8 * scale,
        f"{t('passport.certificate.park', 'zh')} · {t('passport.certificate.park', 'en')}",
        align="C",
    )
    return bytes(pdf.output())


def _draw_map(pdf, tours: Tours, x: float, y: float, width: float) -> float:
    """The sketch map with every station numbered; returns the y below it."""
    scale = width / tours.width
    height = tours.height * scale
    pdf.set_draw_color(148, 163, 184)
    pdf.set_fill_color(248, 250, 252)
    pdf.rect(x, y, width, height, style="DF")
    for plant, (px, py) in tours.plants.items():
        colour = PLANT_FILL.get(plant, "#f1f5f9").lstrip("#")
        pdf.set_fill_color(*(int(colour[i : i + 2], 16) for i in (0, 2, 4)))
        left = max(x, x + (px - 9) * scale)
        pdf.rect(left, y + (py - 7) * scale, 18 * scale, 14 * scale, style="DF", round_corners=True)
    pdf.set_font(FAMILY, style="B", size=9)
    for station in tours.stations.values():
        cx, cy = x + station.x * scale, y + station.y * scale
        pdf.set_fill_color(*TEAL)
        pdf.set_draw_color(255, 255, 255)
        pdf.circle(cx, cy, 3.2, style="DF")  # fpdf2 >= 2.8: centre and radius
        pdf.set_text_color(255, 255, 255)
        pdf.set_xy(cx - 3.2, cy - 2.2)
        pdf.cell(6.4, 4.4, str(station.number), align="C")
    pdf.set_draw_color(148, 163, 184)
    return y + height


def leaflet(tours: Tours, base_url: str, lang: str) -> bytes:
    """The tour leaflet (A4): how it works, the map, every station, every route, a QR code to the routes."""
    pdf = _pdf("a4")
    width = pdf.w
    pdf.set_fill_color(*TEAL)
    pdf.rect(0, 0, width, 26, style="F")
    pdf.set_text_color(255, 255, 255)
    pdf.set_font(FAMILY, style="B", size=24)
    pdf.set_xy(12, 5)
    pdf.cell(width - 24, 12, t("tours.leaflet.title", lang))
    pdf.set_font(FAMILY, size=11)
    pdf.set_xy(12, 17)
    pdf.cell(width - 24, 6, t("passport.certificate.park", lang))
    pdf.set_text_color(*INK)
    pdf.set_font(FAMILY, size=11)
    pdf.set_xy(12, 31)
    pdf.multi_cell(width - 24 - 42, 5.5, t("tours.leaflet.how", lang))
    tours_url = f"{check_base_url(base_url)}/tours?lang={lang}"
    draw_qr(pdf, tours_url, width - 12 - 36, 29, 36)
    map_width = 150.0
    y = _draw_map(pdf, tours, (width - map_width) / 2, 68, map_width)
    pdf.set_font(FAMILY, size=8.5)
    pdf.set_text_color(*MUTED)
    pdf.set_xy((width - map_width) / 2, y + 1)
    pdf.cell(map_width, 4.5, t("tours.leaflet.map_note", lang))
    y += 8
    column_width = (width - 24 - 8) / 2
    # left column: stations; right column: routes
    pdf.set_xy(12, y)
    pdf.set_font(FAMILY, style="B", size=13)
    pdf.set_text_color(*TEAL)
    pdf.cell(column_width, 7, t("tours.stations_heading", lang))
    sy = y + 8
    for station in tours.stations.values():
        pdf.set_xy(12, sy)
        pdf.set_text_color(*INK)
        pdf.set_font(FAMILY, style="B", size=10)
        pdf.multi_cell(
            column_width,
            4.8,
            t(
                "tours.station_line",
                lang,
                number=station.number,
                title=station_title(station.id, lang),
            ),
        )
        pdf.set_x(12)
        pdf.set_font(FAMILY, size=8.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(column_width, 4.2, t(f"tours.station.{station.id}.teaser", lang))
        sy = pdf.get_y() + 1.5
    rx = 12 + column_width + 8
    pdf.set_xy(rx, y)
    pdf.set_font(FAMILY, style="B", size=13)
    pdf.set_text_color(*TEAL)
    pdf.cell(column_width, 7, t("tours.leaflet.routes", lang))
    ry = y + 8
    for route in tours.routes.values():
        facts = [
            t("tours.minutes", lang, minutes=route.minutes),
            t("tours.count", lang, count=len(route.stations)),
        ]
        if route.ages:
            facts.append(t("tours.ages", lang, ages=route.ages.replace("-", "–")))
        pdf.set_xy(rx, ry)
        pdf.set_text_color(*INK)
        pdf.set_font(FAMILY, style="B", size=10.5)
        pdf.multi_cell(column_width, 5, t(f"tours.route.{route.id}.title", lang))
        pdf.set_x(rx)
        pdf.set_font(FAMILY, size=8.5)
        pdf.set_text_color(*MUTED)
        pdf.multi_cell(column_width, 4.2, t(f"tours.route.{route.id}.blurb", lang))
        pdf.set_x(rx)
        pdf.set_text_color(*INK)
        numbers = " → ".join(str(tours.stations[s].number) for s in route.stations)
        pdf.multi_cell(column_width, 4.2, " · ".join(facts) + "\n" + numbers)
        ry = pdf.get_y() + 3
    return bytes(pdf.output())


def posters(base_url: str, out_dir: Path | str, tours: Tours | None = None) -> list[Path]:
    """Write every station's posters (A4, A5; zh, en) and the leaflets; return the files written."""
    base = check_base_url(base_url)
    tours = tours or load_tours()
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise PosterError(f"--out {folder}: cannot create the folder: {error.strerror or error}") from None
    written: list[Path] = []
    for station in tours.stations.values():
        for lang in ("zh", "en"):
            for size in ("a4", "a5"):
                path = folder / f"station-{station.number:02d}-{station.id}-{lang}-{size}.pdf"
                path.write_bytes(station_poster(tours, station, base, lang, size))
                written.append(path)
    for lang in ("zh", "en"):
        path = folder / f"tour-leaflet-{lang}.pdf"
        path.write_bytes(leaflet(tours, base, lang))
        written.append(path)
    return written
