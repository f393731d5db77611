"""A printed poster's QR code, decoded from the rendered page, opens the right exhibit in the right
language on a phone (Chromium)."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import APP_RUN_TIMEOUT_MS, PHONE, SCREENSHOT_DIR, wait_for_app_run

from parkloop.tours.data import load_tours
from parkloop.tours.posters import station_poster

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/: the poster helpers of tests/tours
from tours.conftest import decode_qr, render_pdf  # noqa: E402

BASE = "https://tour.example.cn"


@pytest.mark.parametrize(
    ("station", "lang", "exhibit", "title"),
    [("steam", "en", "steam", "Steam from waste heat"), ("water", "zh", "water", "渗沥液变再生水")],
)
def test_the_decoded_qr_code_lands_on_the_station_exhibit(open_app, tmp_path, station, lang, exhibit, title):
    tours = load_tours()
    pdf = tmp_path / "poster.pdf"
    pdf.write_bytes(station_poster(tours, tours.stations[station], BASE, lang, "a5"))
    [url] = decode_qr(render_pdf(pdf, dpi=150))
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == BASE
    # the phone opens the same path and query on the test server
    app = open_app(f"{parts.path}?{parts.query}", viewport=PHONE, locale="en-GB" if lang == "en" else "zh-CN")
    page = app.page
    page.wait_for_url(f"**/{exhibit}?**", timeout=APP_RUN_TIMEOUT_MS)
    banner = page.locator(".st-key-parkloop-station")
    banner.wait_for(timeout=APP_RUN_TIMEOUT_MS)
    wait_for_app_run(page)
    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == f"/{exhibit}"
    assert query["lang"] == [lang] and query["mode"] == ["phone"] and query["station"] == [station]
    assert title in banner.inner_text()
    assert not app.foreign_requests()
    page.screenshot(path=str(SCREENSHOT_DIR / f"station-{station}-{lang}-phone.png"), full_page=True)
