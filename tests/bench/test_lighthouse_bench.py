"""Lighthouse mobile on ParkLoop's phone pages beside a one-line Streamlit page, in one run (issue 15).

Lighthouse (``tests/bench/lighthouse/node_modules/.bin/lighthouse``, pinned in that folder's ``package.json``
and lock, installed by ``make bench`` — apart from the project's packages: it needs 200 of them, and one of
its own dependencies asks for another's "latest", so ``npm ci`` refuses it and ``npm install`` is used)
with its default mobile settings (412×823, simulated slow 4G and a 4× slower CPU) and Debian's Chromium
(``CHROME_PATH``, ``--headless --no-sandbox``) on:

* the home page, /power and /sorting with ``?lang=zh&mode=phone``, and a QR station as its poster's code
  opens it (``/?station=welcome&lang=zh``, :func:`parkloop.tours.posters.station_url`);
* a one-line Streamlit page (``st.write`` in a temporary directory), the yardstick: what any Streamlit
  page costs;

each straight from a Streamlit process and through ``make serve``'s front (:class:`parkloop.serve.Cluster`,
Caddy with compression and long-lived caching, in front of two workers; the yardstick gets the same
Caddyfile in front of its one process). Reported per page: accessibility score, CLS, LCP, FCP, total
blocking time and bytes (Lighthouse's ``total-byte-weight``: HTTP only, the websocket's messages are not
in it), the median of ``PARKLOOP_BENCH_LIGHTHOUSE_RUNS`` runs (default 1), and LCP and bytes as ratios to
the yardstick measured in the same run. Written to tests/bench/last-lighthouse-bench.json. The figures
are the finding; the test only checks that every run produced them.
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest

from parkloop.serve import Cluster, caddyfile, local_url, start_streamlit, stop_processes, wait_healthy
from parkloop.tours.posters import station_url
from tests.browser.conftest import CHROMIUM, free_port

REPO = Path(__file__).resolve().parents[2]
LIGHTHOUSE = Path(__file__).with_name("lighthouse") / "node_modules" / ".bin" / "lighthouse"
RESULTS = Path(__file__).with_name("last-lighthouse-bench.json")
RUNS = int(os.environ.get("PARKLOOP_BENCH_LIGHTHOUSE_RUNS", "1"))
HELLO = 'import streamlit as st\n\nst.write("Hello")\n'
PHONE = "?lang=zh&mode=phone"
PAGES = {
    "hello": "/",
    "home": f"/{PHONE}",
    "power": f"/power{PHONE}",
    "sorting": f"/sorting{PHONE}",
    "station": "",  # station_url(base, "welcome", "zh"): filled in per server
}
AUDITS = {
    "cls": "cumulative-layout-shift",
    "lcp_s": "largest-contentful-paint",
    "fcp_s": "first-contentful-paint",
    "tbt_ms": "total-blocking-time",
    "bytes": "total-byte-weight",
}


def _lighthouse(url: str, out: Path) -> dict[str, float]:
    """One Lighthouse mobile run of ``url``: its figures (seconds, milliseconds, bytes, 0–100 scores)."""
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--only-categories=performance,accessibility",
        "--output=json",
        f"--output-path={out}",
        "--chrome-flags=--headless --no-sandbox --disable-gpu --disable-dev-shm-usage",
        "--max-wait-for-load=90000",
    ]
    env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0 and out.exists(), f"lighthouse {url}: {done.stderr[-2000:]}"
    report = json.loads(out.read_text())
    assert not report.get("runtimeError"), report.get("runtimeError")
    audits = report["audits"]
    figures = {name: float(audits[audit]["numericValue"]) for name, audit in AUDITS.items()}
    figures["lcp_s"] /= 1000
    figures["fcp_s"] /= 1000
    for category in ("accessibility", "performance"):
        score = report["categories"][category]["score"]
        assert score is not None, f"{url}: no {category} score"
        figures[category] = round(100 * score)
    figures["lighthouse"] = report["lighthouseVersion"]
    return figures


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        key: (statistics.median(r[key] for r in runs) if key != "lighthouse" else runs[0][key])
        for key in runs[0]
    }


def _measure(base: str, pages: dict[str, str], tmp: Path, label: str) -> dict[str, dict[str, float]]:
    results = {}
    for name, path in pages.items():
        url = station_url(base, "welcome", "zh") if name == "station" else base + path
        runs = [_lighthouse(url, tmp / f"{label}-{name}-{i}.json") for i in range(RUNS)]
        results[name] = {**_median(runs), "url": url.removeprefix(base)}
    return results


def _caddy_in_front(port: int, upstream: int, run_dir: Path) -> subprocess.Popen:
    """Caddy with ``make serve``'s Caddyfile in front of one process (the yardstick)."""
    config = run_dir / "Caddyfile"
    config.write_text(caddyfile(port, [upstream]), encoding="utf-8")
    process = subprocess.Popen(
        [shutil.which("caddy") or "caddy", "run", "--config", str(config), "--adapter", "caddyfile"],
        cwd=run_dir,
        env={**os.environ, "HOME": str(run_dir), "XDG_DATA_HOME": str(run_dir)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    assert wait_healthy(local_url(port), 30, process=process), "Caddy did not start"
    return process


def _table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    lines = [
        "| served | page | a11y | perf | CLS | LCP s | FCP s | TBT ms | KiB | LCP/hello | bytes/hello |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for served, pages in results.items():
        hello = pages["hello"]
        for name, r in pages.items():
            lines.append(
                f"| {served} | {name} {r['url']} | {r['accessibility']:.0f} | {r['performance']:.0f} "
                f"| {r['cls']:.3f} | {r['lcp_s']:.1f} | {r['fcp_s']:.1f} | {r['tbt_ms']:.0f} "
                f"| {r['bytes'] / 1024:.0f} | {r['lcp_s'] / hello['lcp_s']:.2f} "
                f"| {r['bytes'] / hello['bytes']:.2f} |"
            )
    return "\n".join(lines)


def test_lighthouse_mobile_beside_a_one_line_page(tmp_path: Path) -> None:
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} missing: `make bench` installs it (tests/bench/lighthouse/package.json)")
    if shutil.which("caddy") is None:
        pytest.fail("caddy missing: `make system-deps` installs it")
    (tmp_path / "hello").mkdir()
    hello_script = tmp_path / "hello" / "hello.py"
    hello_script.write_text(HELLO, encoding="utf-8")
    app_port, hello_port, hello_proxy, app_proxy = (free_port() for _ in range(4))
    app = start_streamlit(app_port)
    hello = start_streamlit(hello_port, script=hello_script)
    cluster = Cluster(port=app_proxy, workers=2, base_port=app_proxy + 50)
    caddy = None
    results: dict[str, dict[str, dict[str, float]]] = {}
    try:
        assert wait_healthy([local_url(app_port), local_url(hello_port)], 90), "Streamlit did not start"
        caddy = _caddy_in_front(hello_proxy, hello_port, tmp_path)
        cluster.start()
        app_pages = {name: path for name, path in PAGES.items() if name != "hello"}
        for served, hello_base, app_base in (
            ("direct", local_url(hello_port), local_url(app_port)),
            ("make serve", local_url(hello_proxy), local_url(app_proxy)),
        ):
            measured = _measure(hello_base, {"hello": "/"}, tmp_path, f"{served}-hello")
            measured.update(_measure(app_base, app_pages, tmp_path, served.replace(" ", "-")))
            results[served] = measured
    finally:
        cluster.stop()
        stop_processes(caddy, app, hello, timeout_s=20)
    RESULTS.write_text(json.dumps({"runs": RUNS, "results": results}, indent=2), encoding="utf-8")
    print(
        f"\nLighthouse {results['direct']['hello']['lighthouse']} mobile, median of {RUNS}:\n"
        + _table(results)
    )
    assert all(len(pages) == len(PAGES) for pages in results.values())
