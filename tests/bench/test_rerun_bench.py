"""Per-rerun cost of the server (``make bench``; minutes, localhost only), each figure a ratio or a
percentile measured in one run:

1. **The post-script collection.** Streamlit's ``runner.postScriptGC`` (on by default: a full
   ``gc.collect(2)`` after every script run) on and off, in both orders (on, off, off, on), with the same
   phones on /power: p50/p95 and RSS of each. ParkLoop's config turns it off.
2. **Server cost of one /power rerun against a one-slider page** (``tests/bench/apps/empty_page.py``):
   clients rerunning back to back (saturation), reruns per second and server CPU per rerun, measured
   alternately (page, empty, page, empty) so a busy machine weighs on both. Goal: ratio ≤ 2.
3. **Memory per connected session** on /power, and a **soak** with the chosen settings: scripted
   visitors on every exhibit (``tests/load/soak.py``), RSS after warm-up and at the end (goal: growth
   < 10 %), the curve in the results.

Bounded by ``PARKLOOP_BENCH_GC_PHONES`` (50) and ``PARKLOOP_BENCH_GC_SECONDS`` (30) per run,
``PARKLOOP_BENCH_SATURATION_CLIENTS`` (8) and ``PARKLOOP_BENCH_SATURATION_SECONDS`` (20),
``PARKLOOP_BENCH_SESSIONS`` (100), ``PARKLOOP_BENCH_SOAK_MINUTES`` (3; the real run is 30) and
``PARKLOOP_BENCH_SOAK_VISITORS`` (10). Results: tests/bench/last-rerun-bench.json, with the load
average of the machine at each step (the 2 cores are shared).
"""

from __future__ import annotations

import asyncio
import json
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict
from pathlib import Path

from tests.browser.conftest import free_port
from tests.load.run_load import idle_sessions, run_load, saturate, start_server, stop_server
from tests.load.soak import soak

RESULTS = Path(__file__).with_name("last-rerun-bench.json")
EMPTY_PAGE = Path(__file__).parent / "apps" / "empty_page.py"
PAGE, QUERY = "power", "lang=zh&mode=phone"
GC_PHONES = int(os.environ.get("PARKLOOP_BENCH_GC_PHONES", "50"))
GC_SECONDS = float(os.environ.get("PARKLOOP_BENCH_GC_SECONDS", "30"))
SAT_CLIENTS = int(os.environ.get("PARKLOOP_BENCH_SATURATION_CLIENTS", "8"))
SAT_SECONDS = float(os.environ.get("PARKLOOP_BENCH_SATURATION_SECONDS", "20"))
SESSIONS = int(os.environ.get("PARKLOOP_BENCH_SESSIONS", "100"))
SOAK_MINUTES = float(os.environ.get("PARKLOOP_BENCH_SOAK_MINUTES", "3"))
SOAK_VISITORS = int(os.environ.get("PARKLOOP_BENCH_SOAK_VISITORS", "10"))


def _run(coroutine):
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def _load() -> float:
    return float(Path("/proc/loadavg").read_text().split()[0])


def _save(name: str, data: object) -> None:
    existing = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    existing[name] = data
    RESULTS.write_text(json.dumps(existing, indent=2))


def _phones_with_gc(gc_on: bool, store: Path) -> dict:
    handle, pids, url = start_server(
        free_port(), options={"runner.postScriptGC": gc_on}, env={"PARKLOOP_STORE_PATH": str(store)}
    )
    try:
        _run(run_load(url, 2, 3, PAGE, QUERY, 1.0, pids, teacher=False))  # imports and caches
        report = _run(run_load(url, GC_PHONES, GC_SECONDS, PAGE, QUERY, 3.0, pids, teacher=False))
    finally:
        stop_server(handle)
    print(f"[postScriptGC={'on ' if gc_on else 'off'}] {report.line()} (load {_load():.1f})")
    return {"post_script_gc": gc_on, "load_average": _load(), **asdict(report)}


def test_post_script_gc_on_and_off_in_both_orders(tmp_path: Path) -> None:
    runs = [_phones_with_gc(gc_on, tmp_path / "gc.sqlite") for gc_on in (True, False, False, True)]
    on = [r for r in runs if r["post_script_gc"]]
    off = [r for r in runs if not r["post_script_gc"]]
    worst_off, best_on = max(r["p95_s"] for r in off), min(r["p95_s"] for r in on)
    ratio = best_on / worst_off if worst_off else None
    _save("post_script_gc", {"phones": GC_PHONES, "seconds": GC_SECONDS, "runs": runs})
    print(
        f"{GC_PHONES} phones on /{PAGE}: p95 with the collection {[round(r['p95_s'], 2) for r in on]} s, "
        f"without {[round(r['p95_s'], 2) for r in off]} s; the best 'on' is {ratio:.1f}x the worst 'off'"
    )
    assert all(r["errors"] == 0 for r in runs), [r["error_samples"] for r in runs]


def test_server_cost_of_a_power_rerun_against_a_one_slider_page(tmp_path: Path) -> None:
    env = {"PARKLOOP_STORE_PATH": str(tmp_path / "cost.sqlite")}
    app, app_pids, app_url = start_server(free_port(), env=env)
    empty, empty_pids, empty_url = start_server(free_port(), env=env, script=EMPTY_PAGE)
    rounds = []
    try:
        _run(run_load(app_url, 2, 3, PAGE, QUERY, 1.0, app_pids, teacher=False))
        for _ in range(2):  # alternately, so that other work on the machine weighs on both
            page = _run(saturate(app_url, PAGE, QUERY, SAT_CLIENTS, SAT_SECONDS, app_pids))
            base = _run(saturate(empty_url, "", "", SAT_CLIENTS, SAT_SECONDS, empty_pids))
            rounds.append({"power": asdict(page), "empty": asdict(base), "load_average": _load()})
            print(f"{page.line()}\n{base.line()} (load {_load():.1f})")
    finally:
        stop_server(app)
        stop_server(empty)
    cpu_ratio = sum(r["power"]["cpu_ms_per_rerun"] for r in rounds) / sum(
        r["empty"]["cpu_ms_per_rerun"] for r in rounds
    )
    rate_ratio = sum(r["empty"]["reruns_per_s"] for r in rounds) / sum(
        r["power"]["reruns_per_s"] for r in rounds
    )
    deltas = {k: sum(r[k]["deltas_per_rerun"] for r in rounds) / len(rounds) for k in ("power", "empty")}
    result = {
        "rounds": rounds,
        "cpu_per_rerun_ratio": cpu_ratio,
        "reruns_per_s_ratio": rate_ratio,
        "deltas_per_rerun": deltas,
    }
    _save("rerun_cost", result)
    print(
        f"one /{PAGE} rerun costs {cpu_ratio:.2f}x the server CPU of a one-slider page; the empty page "
        f"runs {rate_ratio:.2f}x as many reruns a second at saturation (goal ≤ 2); deltas a rerun "
        f"{deltas['power']:.0f} vs {deltas['empty']:.0f} (each one a message the server builds and sends)"
    )
    assert all(r[k]["errors"] == 0 for r in rounds for k in ("power", "empty"))


def test_memory_per_session_and_soak(tmp_path: Path) -> None:
    handle, pids, url = start_server(free_port(), env={"PARKLOOP_STORE_PATH": str(tmp_path / "s.sqlite")})
    try:
        _run(run_load(url, 2, 3, PAGE, QUERY, 1.0, pids, teacher=False))
        sessions = _run(idle_sessions(url, PAGE, QUERY, SESSIONS, pids))
        print(
            f"{SESSIONS} connected sessions on /{PAGE}: RSS {sessions['rss_before_mb']} → "
            f"{sessions['rss_connected_mb']} MB, {sessions['mb_per_session']} MB per session"
        )
        report = _run(soak(url, pids, SOAK_MINUTES, SOAK_VISITORS))
    finally:
        stop_server(handle)
    report["load_average"] = _load()
    _save("memory", {"sessions": sessions, "soak": report})
    print(
        f"soak {SOAK_MINUTES} min, {SOAK_VISITORS} visitors: {report['runs']} runs, {report['errors']} "
        f"errors; RSS after warm-up {report['rss_after_warmup_mb']} MB, end {report['rss_end_mb']} MB "
        f"({report['growth_percent']} %; goal < 10 %); curve {report['samples']}"
    )
    assert sessions["errors"] == 0 and report["errors"] == 0, report["error_samples"]
