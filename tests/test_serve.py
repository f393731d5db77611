"""``make serve``: Streamlit processes behind Caddy — compression, cache lifetimes, sticky sessions.

The integration test starts two real Streamlit workers and Debian's Caddy on free ports (about 10–20 s).
"""

from __future__ import annotations

import http.cookiejar
import io
import re
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from parkloop import icon_font
from parkloop.serve import HASHED_ASSET, caddyfile
from tests.browser.conftest import running_cluster


def test_caddyfile_names_every_worker_and_the_policies() -> None:
    text = caddyfile(8080, [8601, 8602, 8603])
    assert "reverse_proxy 127.0.0.1:8601 127.0.0.1:8602 127.0.0.1:8603" in text
    assert "encode zstd gzip" in text
    assert "lb_policy cookie parkloop_node" in text
    assert "health_uri /_stcore/health" in text
    for header in ("Referrer-Policy no-referrer", "X-Frame-Options DENY", "Content-Security-Policy"):
        assert header in text
    assert "frame-ancestors 'none'" in text and "handle @metrics {\n\t\trespond 404" in text
    assert "@iconfont" not in text, "no cut icon font unless one is given"
    assert "root * /srv/fonts" in caddyfile(8080, [8601], fonts=Path("/srv/fonts"))


@pytest.mark.parametrize(
    ("path", "hashed"),
    [
        ("/static/js/index.DormvYxC.js", True),
        ("/static/css/index.C1JORDN2.css", True),
        ("/static/media/SourceSans-Regular.CJdNdy5s.woff2", True),
        ("/", False),
        ("/_stcore/health", False),
        ("/static/js/index.js", False),
        ("/power", False),
    ],
)
def test_only_hashed_assets_are_cached_for_good(path: str, hashed: bool) -> None:
    assert bool(re.match(HASHED_ASSET, path)) is hashed


def _get(opener, url: str, encoding: str = "zstd, gzip"):
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with opener.open(request, timeout=20) as response:
        return response.status, dict(response.headers), response.read()


@pytest.fixture(scope="module")
def cluster():
    yield from running_cluster(workers=2)


def test_cluster_compresses_caches_and_sticks(cluster) -> None:
    jar = http.cookiejar.CookieJar()
    phone = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    base = f"http://127.0.0.1:{cluster.port}"
    status, headers, body = _get(phone, base + "/", "identity")
    assert status == 200
    cookie = [c for c in jar if c.name == "parkloop_node"]
    assert cookie, "Caddy sets the sticky-session cookie"
    asset = re.search(rb"/?static/js/index\.[A-Za-z0-9_-]{8}\.js", body)
    assert asset, "the page names its hashed bundle"
    status, headers, compressed = _get(phone, base + "/" + asset.group(0).decode().lstrip("/"))
    assert headers.get("Content-Encoding") in ("zstd", "gzip")
    assert "immutable" in headers.get("Cache-Control", "") and "max-age=31536000" in headers["Cache-Control"]
    _, plain_headers, plain = _get(phone, base + "/" + asset.group(0).decode().lstrip("/"), "identity")
    assert len(compressed) < len(plain) / 2, "the bundle is at least halved on the wire"
    # the same cookie keeps a phone on the same worker
    sticky = cookie[0].value
    for _ in range(5):
        _get(phone, base + "/_stcore/health")
        assert [c.value for c in jar if c.name == "parkloop_node"] == [sticky]


def test_security_headers_and_no_metrics_from_outside(cluster) -> None:
    opener = urllib.request.build_opener()
    base = f"http://127.0.0.1:{cluster.port}"
    status, headers, _ = _get(opener, base + "/", "identity")
    assert status == 200
    assert headers.get("X-Frame-Options") == "DENY"
    assert headers.get("Referrer-Policy") == "no-referrer"
    assert "frame-ancestors 'none'" in headers.get("Content-Security-Policy", "")
    for path in ("/_stcore/metrics", "/_stcore/metrics/"):
        with pytest.raises(urllib.error.HTTPError) as refused:
            _get(opener, base + path, "identity")
        assert refused.value.code == 404
    worker = f"http://127.0.0.1:{cluster.worker_ports[0]}/_stcore/metrics"
    assert _get(opener, worker, "identity")[0] == 200, "the worker itself still answers on localhost"


def test_both_workers_get_phones(cluster) -> None:
    values = set()
    for _ in range(12):
        jar = http.cookiejar.CookieJar()
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        _get(opener, f"http://127.0.0.1:{cluster.port}/_stcore/health")
        values.update(c.value for c in jar if c.name == "parkloop_node")
    assert len(values) == 2, "new phones are spread over both processes"


def test_the_icon_font_is_the_cut_one_and_still_cached(cluster) -> None:
    """Caddy serves the cut icon font under Streamlit's own address (a phone's first page is 330 kB
    lighter), cached for good like the rest of the bundle; the worker still has the whole one."""
    from fontTools.ttLib import TTFont

    name = icon_font.streamlit_font().name
    opener = urllib.request.build_opener()
    status, headers, body = _get(opener, f"http://127.0.0.1:{cluster.port}/static/media/{name}", "identity")
    _, _, whole = _get(opener, f"http://127.0.0.1:{cluster.worker_ports[0]}/static/media/{name}", "identity")
    assert status == 200 and "immutable" in headers.get("Cache-Control", "")
    assert len(body) < len(whole) / 4
    served = icon_font.ligatures(TTFont(io.BytesIO(body)))
    assert {"expand_more", "expand_less", "info", "close"} <= set(served)
    assert len(served) < len(icon_font.ligatures(TTFont(io.BytesIO(whole)))) / 4
