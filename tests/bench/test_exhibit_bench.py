"""Exhibit benchmarks in Debian's Chromium, measured in one run against a yardstick:

1. **Slider → updated chart.** On the heaviest exhibit (``PARKLOOP_BENCH_PAGE``, default ``system``, the
   Sankey page) a slider is moved with the keyboard (ArrowRight/Left on its thumb) and the time from the
   key press to the last DOM change inside ``stMain`` is taken (waiting until the run has finished and
   nothing has changed for 400 ms).
   The same is done on an empty Streamlit page holding one slider. Goal (issue: exhibits): ratio ≤ 1.5.
2. **Bytes a phone downloads** on first load (cache disabled, 390×844), direct from Streamlit and through
   the Caddy front (``make serve``), and a second station with the browser cache warm; time to first
   content under an emulated slow mobile network (400 ms RTT, 1.6 Mbit/s down — "slow 4G"/fast 3G).

Numbers are printed and written to tests/bench/last-exhibit-bench.json; the ratio is the finding, not
an assertion (tests must not time things).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import time
from pathlib import Path

import pytest

from parkloop.serve import Cluster, local_url, start_streamlit, stop_processes, wait_healthy
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, free_port, wait_for_app_run

REPO = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).with_name("last-exhibit-bench.json")
PAGE = os.environ.get("PARKLOOP_BENCH_PAGE", "system?scenario=own&flow=energy")
STATIONS = [s for s in os.environ.get("PARKLOOP_BENCH_STATIONS", "power,water").split(",") if s]
REPEATS = int(os.environ.get("PARKLOOP_BENCH_REPEATS", "10"))
SLOW_MOBILE = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}

# Before the key press: watch stMain for DOM changes and note when the key went down.
ARM_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]');
  window.__bench = {start: null, last: null, content: null};
  window.__benchObserver?.disconnect();
  window.__benchObserver = new MutationObserver((records) => {
    const now = performance.now();
    window.__bench.last = now;
    // a change of content, not only of an element's style (Vega-Lite restyles its marks as they settle)
    const content = records.some(r => !(r.type === 'attributes' && r.attributeName === 'style'));
    if (content) window.__bench.content = now;
  });
  window.__benchObserver.observe(main,
    {subtree: true, childList: true, attributes: true, characterData: true});
  document.addEventListener('keydown', () => {
    window.__bench.start = performance.now();
    window.__bench.last = window.__bench.content = window.__bench.start;
  }, {capture: true, once: true});
}
"""
# After it: wait until the script has finished and nothing changed for `quiet` ms; the time of the last
# change after the key press is the time to the updated content.
SETTLE_JS = """
async ({quiet}) => {
  const app = document.querySelector('[data-testid="stApp"]');
  await new Promise(r => setTimeout(r, 50));
  const t0 = performance.now();
  while (performance.now() - t0 < 30000) {
    await new Promise(r => setTimeout(r, 25));
    const idle = app.getAttribute('data-test-script-state') !== 'running';
    if (idle && performance.now() - window.__bench.last > quiet) break;
  }
  window.__benchObserver.disconnect();
  return [window.__bench.content - window.__bench.start, window.__bench.last - window.__bench.start];
}
"""
SLIDER = '[data-testid="stMain"] [data-testid="stSlider"] input, [data-testid="stMain"] [role="slider"]'


def _server(script: Path, port: int) -> subprocess.Popen:
    process = start_streamlit(port, script=script)
    assert wait_healthy(local_url(port), 90, process=process), f"{script} did not start"
    return process


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _slider_times(browser, url: str) -> list[float]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    page = context.new_page()
    page.goto(url)
    wait_for_app_run(page)
    page.wait_for_timeout(500)
    times = []
    thumb = page.locator(SLIDER).first
    for index in range(REPEATS + 2):
        page.evaluate(ARM_JS)
        thumb.focus()
        page.keyboard.press("ArrowRight" if index % 2 == 0 else "ArrowLeft")
        elapsed = page.evaluate(SETTLE_JS, {"quiet": 400})  # [content updated, settled] in ms
        if index >= 2:  # two warm-ups: caches and the chart's first re-embed
            times.append(elapsed)
    context.close()
    return times


def test_slider_to_chart_against_an_empty_page(chromium) -> None:
    app_port, empty_port = free_port(), free_port()
    app = _server(REPO / "app.py", app_port)
    empty = _server(Path(__file__).parent / "apps" / "empty_page.py", empty_port)
    try:
        empty_ms = _slider_times(chromium, f"http://127.0.0.1:{empty_port}/")
        page_ms = _slider_times(chromium, f"http://127.0.0.1:{app_port}/{PAGE}&lang=zh")
    finally:
        stop_processes(app, empty, timeout_s=20)
    empty_content = statistics.median(t[0] for t in empty_ms)
    page_content = statistics.median(t[0] for t in page_ms)
    page_settled = statistics.median(t[1] for t in page_ms)
    empty_settled = statistics.median(t[1] for t in empty_ms)
    result = {
        "page": PAGE,
        "repeats": REPEATS,
        "empty_content_median_ms": empty_content,
        "page_content_median_ms": page_content,
        "ratio_content": page_content / empty_content,
        "empty_settled_median_ms": empty_settled,
        "page_settled_median_ms": page_settled,
        "ratio_settled": page_settled / empty_settled,
        "empty_ms": empty_ms,
        "page_ms": page_ms,
    }
    _save("slider", result)
    print(
        f"\nslider → updated content: /{PAGE} {page_content:.0f} ms, empty page {empty_content:.0f} ms "
        f"(medians of {REPEATS}); ratio {result['ratio_content']:.2f} (goal ≤ 1.5); until the chart's "
        f"animation settles: {page_settled:.0f} vs {empty_settled:.0f} ms, "
        f"ratio {result['ratio_settled']:.2f}"
    )
    assert page_ms and empty_ms


def _first_load(browser, url: str, *, context=None, slow: bool = False, cache: bool = False) -> dict:
    own = context is None
    context = context or browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": not cache})
    if slow:
        cdp.send("Network.emulateNetworkConditions", SLOW_MOBILE)
    sizes: dict[str, float] = {}
    cached: set[str] = set()  # served from the browser's cache: nothing crossed the network

    def received(event: dict) -> None:
        if event["response"].get("fromDiskCache") or event["response"].get("fromServiceWorker"):
            cached.add(event["requestId"])

    cdp.on("Network.responseReceived", received)
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    frames = {"bytes": 0}
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda e: frames.__setitem__("bytes", frames["bytes"] + len(e["response"]["payloadData"])),
    )
    start = time.perf_counter()
    page.goto(url)
    page.locator("h1").first.wait_for(timeout=120_000)
    first_content_s = time.perf_counter() - start
    wait_for_app_run(page, 120_000)
    page.wait_for_timeout(300)
    network = {rid: size for rid, size in sizes.items() if rid not in cached}
    result = {
        "url": url,
        "requests": len(network),
        "cached_requests": len(cached),
        "http_bytes": int(sum(network.values())),
        "websocket_bytes": frames["bytes"],
        "first_content_s": round(first_content_s, 2),
    }
    result["total_bytes"] = result["http_bytes"] + result["websocket_bytes"]
    page.close()
    if own:
        context.close()
    return result


def test_phone_page_weight(chromium) -> None:
    direct_port = free_port()
    direct = _server(REPO / "app.py", direct_port)
    proxy_port = free_port()
    cluster = Cluster(port=proxy_port, workers=2, base_port=proxy_port + 50)
    cluster.start()
    results: dict[str, object] = {}
    try:
        first = STATIONS[0]
        query = "?lang=zh&mode=phone"
        results["direct_first"] = _first_load(chromium, f"http://127.0.0.1:{direct_port}/{first}{query}")
        results["proxy_first"] = _first_load(chromium, f"http://127.0.0.1:{proxy_port}/{first}{query}")
        results["direct_first_slow"] = _first_load(
            chromium, f"http://127.0.0.1:{direct_port}/{first}{query}", slow=True
        )
        results["proxy_first_slow"] = _first_load(
            chromium, f"http://127.0.0.1:{proxy_port}/{first}{query}", slow=True
        )
        # a phone walking the tour: first station, then the next with its cache warm
        phone = chromium.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        _first_load(chromium, f"http://127.0.0.1:{proxy_port}/{first}{query}", context=phone, cache=True)
        for station in STATIONS[1:]:
            results[f"proxy_next_{station}"] = _first_load(
                chromium, f"http://127.0.0.1:{proxy_port}/{station}{query}", context=phone, cache=True
            )
        phone.close()
    finally:
        stop_processes(direct, timeout_s=20)
        cluster.stop()
    _save("phone", results)
    print()
    for name, r in results.items():
        print(
            f"{name:>22}: {r['total_bytes'] / 1e6:.2f} MB in {r['requests']} requests "
            f"(websocket {r['websocket_bytes'] / 1e3:.0f} kB), first content {r['first_content_s']} s"
        )
    assert results["proxy_first"]["total_bytes"] < results["direct_first"]["total_bytes"]


def _save(name: str, data: object) -> None:
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing[name] = data
    RESULTS.write_text(json.dumps(existing, indent=2))
