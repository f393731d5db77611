"""Pictures of the tours without Streamlit: the small route map (inline SVG) and the certificate (PNG).

The phone page must stay light: the route map is a few hundred bytes of SVG drawn from
``data/tours.toml`` (no pydeck, no chart library, no image request). The certificate is drawn with Pillow
and the CJK font Debian ships (fonts-noto-cjk), so Chinese renders the same on every phone.
"""

from __future__ import annotations

import html
import io
from collections.abc import Mapping, Sequence

from parkloop.content import t
from parkloop.printing import image_font
from parkloop.tours.data import Tours

SCALE = 4  # map units (data/tours.toml) to SVG pixels
PLANT_FILL = {
    "visitor_centre": "#e0e7ff",
    "incineration": "#fee2e2",
    "kitchen_waste": "#dcfce7",
    "solar": "#fef9c3",
    "leachate": "#dbeafe",
    "construction_waste": "#f5f5f4",
    "landfill": "#ecfccb",
}
ROUTE_COLOUR = "#0f766e"  # teal-700: 5.5:1 on white
HERE_COLOUR = "#0f766e"
NEXT_COLOUR = "#b45309"  # amber-700: 5.0:1 on white
OTHER_COLOUR = "#6b7280"


def route_svg(
    tours: Tours,
    route_stations: Sequence[str],
    *,
    here: str | None = None,
    next_station: str | None = None,
    stamped: Sequence[str] = (),
    label: str = "",
    plant_names: Mapping[str, str] | None = None,
) -> str:
    """A small schematic map: plants as soft blocks, the route as a line, its stations numbered.

    ``here`` is drawn filled, ``next_station`` with a thick amber ring, stamped stations with a tick-like
    inner dot. Every text is escaped; the SVG has ``role="img"`` and ``label`` as its accessible name."""
    width, height = tours.width * SCALE, tours.height * SCALE
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" role="img" '
        f'aria-label="{html.escape(label)}" style="width:100%;max-width:420px;height:auto;display:block;'
        'background:#f8fafc;border:1px solid #cbd5e1;border-radius:8px">'
    ]
    for plant, (x, y) in tours.plants.items():
        fill = PLANT_FILL.get(plant, "#f1f5f9")
        parts.append(
            f'<rect x="{(x - 9) * SCALE:g}" y="{(y - 7) * SCALE:g}" '
            f'width="{18 * SCALE}" height="{14 * SCALE}" '
            f'rx="10" fill="{fill}" stroke="#94a3b8" stroke-width="1"/>'
        )
        if plant_names and plant in plant_names:
            parts.append(
                f'<text x="{x * SCALE:g}" y="{(y + 6) * SCALE:g}" font-size="11" text-anchor="middle" '
                f'fill="#374151">{html.escape(plant_names[plant])}</text>'
            )
    points = " ".join(
        f"{tours.stations[s].x * SCALE:g},{tours.stations[s].y * SCALE:g}"
        for s in route_stations
        if s in tours.stations
    )
    parts.append(
        f'<polyline points="{points}" fill="none" stroke="{ROUTE_COLOUR}" stroke-width="3" '
        'stroke-dasharray="8 5" stroke-linejoin="round"/>'
    )
    on_route = set(route_stations)
    for station in tours.stations.values():
        if station.id in on_route:
            continue
        parts.append(
            f'<circle cx="{station.x * SCALE:g}" cy="{station.y * SCALE:g}" r="4" fill="{OTHER_COLOUR}"/>'
        )
    for station_id in route_stations:
        station = tours.stations.get(station_id)
        if station is None:
            continue
        cx, cy = station.x * SCALE, station.y * SCALE
        is_here = station_id == here
        if station_id == next_station:
            parts.append(
                f'<circle cx="{cx:g}" cy="{cy:g}" r="17" fill="none" '
                f'stroke="{NEXT_COLOUR}" stroke-width="4"/>'
            )
        fill = HERE_COLOUR if is_here else "#ffffff"
        text_fill = "#ffffff" if is_here else "#111827"
        parts.append(
            f'<circle cx="{cx:g}" cy="{cy:g}" r="11" fill="{fill}" '
            f'stroke="{ROUTE_COLOUR}" stroke-width="2.5"/>'
            f'<text x="{cx:g}" y="{cy + 4.5:g}" font-size="13" font-weight="700" text-anchor="middle" '
            f'fill="{text_fill}">{station.number}</text>'
        )
        if station_id in stamped and not is_here:
            parts.append(f'<circle cx="{cx + 9:g}" cy="{cy - 9:g}" r="4.5" fill="{ROUTE_COLOUR}"/>')
    parts.append("</svg>")
    return "".join(parts)


# --------------------------------------------------------------------------------------------
# certificate
# --------------------------------------------------------------------------------------------
def _centred(draw, y: int, text: str, font, width: int, fill: str) -> int:
    box = draw.textbbox((0, 0), text, font=font)
    draw.text(((width - (box[2] - box[0])) / 2, y), text, font=font, fill=fill)
    return y + (box[3] - box[1])


def _wrap(draw, text: str, font, max_width: int) -> list[str]:
    """Greedy wrapping that works for Chinese (no spaces) and English (at spaces)."""
    lines: list[str] = []
    words = text.split(" ") if " " in text else list(text)
    joiner = " " if " " in text else ""
    current = ""
    for word in words:
        trial = f"{current}{joiner}{word}" if current else word
        if draw.textlength(trial, font=font) <= max_width:
            current = trial
        else:
            if current:
                lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def certificate_png(
    *, park: str, title: str, someone: str, body: str, date: str, stations: Sequence[str] = ()
) -> bytes:
    """A 1200 × 848 certificate (A-series proportions) as PNG bytes; every text passed in, already in
    the visitor's language. No name, nothing personal: "a curious visitor"."""
    from PIL import Image, ImageDraw

    width, height = 1200, 848
    image = Image.new("RGB", (width, height), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((24, 24, width - 24, height - 24), radius=28, outline=ROUTE_COLOUR, width=8)
    draw.rounded_rectangle((44, 44, width - 44, height - 44), radius=20, outline="#99f6e4", width=3)
    y = 90
    y = _centred(draw, y, park, image_font(30), width, "#374151") + 50
    y = _centred(draw, y, title, image_font(72, bold=True), width, ROUTE_COLOUR) + 60
    y = _centred(draw, y, someone, image_font(40), width, "#111827") + 30
    for line in _wrap(draw, body, image_font(36), width - 220):
        y = _centred(draw, y, line, image_font(36), width, "#111827") + 18
    # a row of stamps: one circle per station number
    if stations:
        count = len(stations)
        radius = 34 if count <= 8 else 26
        gap = 18
        total = count * 2 * radius + (count - 1) * gap
        x = (width - total) / 2 + radius
        cy = height - 210
        for number in stations:
            draw.ellipse((x - radius, cy - radius, x + radius, cy + radius), outline=ROUTE_COLOUR, width=5)
            box = draw.textbbox((0, 0), number, font=image_font(30, bold=True))
            draw.text(
                (x - (box[2] - box[0]) / 2, cy - (box[3] - box[1]) / 2 - box[1]),
                number,
                font=image_font(30, bold=True),
                fill=ROUTE_COLOUR,
            )
            x += 2 * radius + gap
    _centred(draw, height - 120, date, image_font(30), width, "#374151")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def format_day(day: str, lang: str) -> str:
    """``2026-05-03`` as "2026年5月3日" or "3 May 2026" (Babel, long format); the text itself if unusable."""
    from datetime import date

    from babel.dates import format_date

    from parkloop.i18n import babel_locale

    try:
        return format_date(date.fromisoformat(day[:10]), format="long", locale=babel_locale(lang))
    except (ValueError, TypeError):
        return day


def svg_img(svg: str, alt: str) -> str:
    """The SVG as an ``<img>`` with a data URI: Streamlit's HTML sanitiser drops inline ``<svg>`` elements,
    and a data URI costs no extra request."""
    import base64

    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (
        f'<img src="data:image/svg+xml;base64,{data}" alt="{html.escape(alt)}" '
        'style="width:100%;max-width:420px;height:auto;display:block">'
    )


# --------------------------------------------------------------------------------------------
# words: station and route names, the route map with its text equivalent
# --------------------------------------------------------------------------------------------
def station_title(station_id: str, lang: str) -> str:
    return t(f"tours.station.{station_id}.title", lang)


def route_title(route_id: str, lang: str) -> str:
    return t(f"tours.route.{route_id}.title", lang)


def map_html(tours: Tours, route_id: str, lang: str, *, here: str | None, stamped: dict[str, str]) -> str:
    route = tours.routes[route_id]
    upcoming = tours.next_station(route_id, here) if here else None
    label = t("tours.map_label", lang, route=route_title(route_id, lang))
    svg = route_svg(
        tours,
        route.stations,
        here=here,
        next_station=upcoming.id if upcoming else None,
        stamped=list(stamped),
        label=label,
    )
    return svg_img(svg, label)


def map_summary(tours: Tours, route_id: str, lang: str) -> str:
    """One sentence listing the route's stations in order (the map's text equivalent)."""
    route = tours.routes[route_id]
    separator = "、" if lang == "zh" else ", "
    names = separator.join(f"{tours.stations[s].number} {station_title(s, lang)}" for s in route.stations)
    return t("tours.map_summary", lang, count=len(route.stations), stations=names)


def summary_html(text: str) -> str:
    """A map's one-sentence text equivalent, styled like the chart summaries."""
    return f'<p class="parkloop-summary" role="note">{html.escape(text)}</p>'
