"""Posters and leaflets: print sizes, the QR code decodes to the station's URL, bad input is one line."""

from __future__ import annotations

import pytest

from parkloop.tours.data import load_tours, parse_tours
from parkloop.tours.posters import (
    PosterError,
    check_base_url,
    leaflet,
    posters,
    short_url,
    station_poster,
    station_url,
)

from .conftest import decode_qr, pure_black_extent_mm, render_pdf

BASE = "https://tour.example.cn/park"


@pytest.mark.parametrize(("size", "lang"), [("a5", "zh"), ("a4", "en")])
def test_a_poster_holds_a_scannable_code_for_its_station_and_language(tmp_path, size, lang):
    tours = load_tours()
    station = tours.stations["biogas"]
    pdf = tmp_path / f"poster-{size}.pdf"
    pdf.write_bytes(station_poster(tours, station, BASE, lang, size))
    png = render_pdf(pdf, dpi=150)
    assert decode_qr(png) == [f"{BASE}/?station=biogas&lang={lang}"]
    width_mm, height_mm = pure_black_extent_mm(png, 150)
    # at least 4 cm on A5 so that it scans from 1 m (about ten times the code's width)
    assert width_mm >= 40 and abs(width_mm - height_mm) < 2
    from PIL import Image

    page = Image.open(png)
    expected_mm = {"a5": (148, 210), "a4": (210, 297)}[size]
    assert abs(page.width / 150 * 25.4 - expected_mm[0]) < 1.5
    assert abs(page.height / 150 * 25.4 - expected_mm[1]) < 1.5


def test_the_base_url_is_checked():
    assert check_base_url("https://a.cn/") == "https://a.cn"
    for bad in ("a.cn", "ftp://a.cn", "https://a.cn/?x=1", "https://a.cn/#top", "javascript:alert(1)", ""):
        with pytest.raises(PosterError):
            check_base_url(bad)
    assert station_url("http://a.cn", "steam", "en") == "http://a.cn/?station=steam&lang=en"
    assert short_url("https://a.cn/?station=steam&lang=en") == "a.cn/?station=steam&lang=en"


def test_posters_writes_a4_and_a5_in_both_languages_and_the_leaflets(tmp_path):
    small = parse_tours(
        {
            "map": {"width": 100, "height": 60, "plants": {"incineration": [20, 20]}},
            "stations": [
                {"id": "bunker", "plant": "incineration", "x": 10, "y": 10, "exhibit": "power"},
                {"id": "steam", "plant": "incineration", "x": 30, "y": 10, "exhibit": "steam"},
            ],
            "routes": [{"id": "energy", "minutes": 20, "stations": ["bunker", "steam"]}],
        }
    )
    written = posters(BASE, tmp_path / "out", small)
    names = sorted(path.name for path in written)
    assert names == sorted(
        [f"station-0{n}-{s}-{lang}-{size}.pdf" for n, s in ((1, "bunker"), (2, "steam"))
         for lang in ("zh", "en") for size in ("a4", "a5")]
        + ["tour-leaflet-zh.pdf", "tour-leaflet-en.pdf"]
    )  # fmt: skip
    assert all(path.read_bytes().startswith(b"%PDF") for path in written)


def test_the_leaflet_holds_a_code_to_the_routes_page(tmp_path):
    pdf = tmp_path / "leaflet.pdf"
    pdf.write_bytes(leaflet(load_tours(), BASE, "zh"))
    assert decode_qr(render_pdf(pdf, dpi=200)) == [f"{BASE}/tours?lang=zh"]


def test_an_unwritable_folder_is_one_line(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PosterError, match="cannot create"):
        posters(BASE, blocker / "out")
