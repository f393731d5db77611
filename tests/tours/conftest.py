"""Helpers for the tour tests: render a PDF page to an image (Ghostscript) and decode QR codes (zbarimg)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

GS = shutil.which("gs")
ZBARIMG = shutil.which("zbarimg")


def render_pdf(pdf: Path, dpi: int = 150) -> Path:
    """The PDF's first page as a grey PNG beside it."""
    if GS is None:
        pytest.fail("Ghostscript (gs) is needed to render posters: apt-get install ghostscript")
    png = pdf.with_suffix(f".{dpi}.png")
    subprocess.run(
        [GS, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pnggray", f"-r{dpi}",
         "-dFirstPage=1", "-dLastPage=1", f"-sOutputFile={png}", str(pdf)],
        check=True, timeout=120,
    )  # fmt: skip
    return png


def decode_qr(png: Path) -> list[str]:
    """The text of every QR code zbarimg finds in the image."""
    if ZBARIMG is None:
        pytest.fail("zbarimg is needed to decode QR codes: apt-get install zbar-tools")
    done = subprocess.run([ZBARIMG, "--xml", "-q", str(png)], capture_output=True, text=True, timeout=60)
    return re.findall(
        r"<symbol type='QR-Code'[^>]*><data><!\[CDATA\[(.*?)\]\]></data>", done.stdout, re.DOTALL
    )


def pure_black_extent_mm(png: Path, dpi: int) -> tuple[float, float]:
    """Width and height (mm) of the box around pure black pixels: only QR modules are pure black on a
    poster (text is dark grey-blue, bands are teal), so this is the printed size of the code."""
    from PIL import Image

    image = Image.open(png).convert("L")
    mask = image.point(lambda value: 255 if value == 0 else 0)
    box = mask.getbbox()
    assert box is not None, "no QR code modules on the page"
    return (box[2] - box[0]) / dpi * 25.4, (box[3] - box[1]) / dpi * 25.4
