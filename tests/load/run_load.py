"""Load test: N phones on one exhibit, each moving a slider every few seconds; a teacher dashboard open.

Run it against a server that is already up (``make run`` / ``make serve``) or let it start one::

    .venv/bin/python -m tests.load.run_load --sessions 50 --seconds 300 --page power
    .venv/bin/python -m tests.load.run_load --ramp 10,25,50,75,100 --seconds 60   # where p95 passes 2 s

It reports p50/p95/max of the time from "slider moved" (BackMsg sent) to "updated content received"
(``script_finished``), errors, and the server's CPU and memory (from /proc, summed over the server's
processes) — per session and in total. Talks to localhost only; bounded by --sessions and --seconds.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from tests.load.client import StreamlitClient

REPO = Path(__file__).resolve().parents[2]
CLK_TCK = os.sysconf("SC_CLK_TCK")


def _proc_stats(pids: list[int]) -> tuple[float, float]:
    """(CPU seconds, RSS MB) summed over ``pids``."""
    cpu = rss = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / CLK_TCK
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    rss += int(line.split()[1]) / 1024
        except (OSError, IndexError, ValueError):
            continue
    return cpu, rss


@dataclass
class LoadReport:
    sessions: int
    seconds: float
    page: str
    interactions: int = 0
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    p50_s: float = 0.0
    p95_s: float = 0.0
    max_s: float = 0.0
    first_load_p95_s: float = 0.0
    cpu_percent: float = 0.0  # of one core, averaged over the run
    rss_start_mb: float = 0.0
    rss_end_mb: float = 0.0
    rss_per_session_mb: float = 0.0
    teacher_refreshes: int = 0
    cpu_ms_per_run: float = 0.0  # server CPU per script run (moves, first loads, dashboard refreshes)

    def line(self) -> str:
        return (
            f"{self.sessions:>4} sessions {self.seconds:>5.0f} s on /{self.page}: {self.interactions} moves, "
            f"p50 {self.p50_s * 1000:.0f} ms, p95 {self.p95_s * 1000:.0f} ms, "
            f"max {self.max_s * 1000:.0f} ms, "
            f"errors {self.errors}; first load p95 {self.first_load_p95_s * 1000:.0f} ms; server CPU "
            f"{self.cpu_percent:.0f}% of a core ({self.cpu_ms_per_run:.0f} ms a run), "
            f"RSS {self.rss_start_mb:.0f}→{self.rss_end_mb:.0f} MB "
            f"({self.rss_per_session_mb:.2f} MB/session)"
        )


def _position(slider) -> float:
    """A random position of ``slider`` on its step grid."""
    lo, hi = slider.proto.min, slider.proto.max
    step = slider.proto.step or 1
    return lo + step * random.randint(0, int((hi - lo) / step))


async def _visitor(base_url: str, page: str, query: str, deadline: float, interval: float, out: dict) -> None:
    client = StreamlitClient(base_url, page, query)
    try:
        await client.connect()
        first = await client.run()
        out["first"].append(first.seconds)
        if not first.finished:
            out["errors"].append(f"first load: {first.error}")
            return
        slider = next((w for w in client.widgets.values() if w.kind == "slider"), None)
        toggle = next((w for w in client.widgets.values() if w.kind == "checkbox"), None)
        flip = False
        while time.monotonic() < deadline:
            await asyncio.sleep(interval * random.uniform(0.6, 1.4))
            if time.monotonic() >= deadline:
                break
            if slider is not None:
                client.set(slider.id, "double_array", [_position(slider)])
            elif toggle is not None:
                flip = not flip
                client.set(toggle.id, "bool", flip)
            widget = slider or toggle
            result = await client.run(fragment_id=widget.fragment_id if widget else "")
            if result.finished:
                out["moves"].append(result.seconds)
            else:
                out["errors"].append(result.error or "unfinished")
    except Exception as error:  # noqa: BLE001 - every failure is counted and sampled
        out["errors"].append(f"{type(error).__name__}: {error}")
    finally:
        await client.close()


async def _teacher(base_url: str, query: str, deadline: float, out: dict) -> None:
    """A dashboard that refreshes itself every few seconds (a full rerun, as a fragment's timer would)."""
    client = StreamlitClient(base_url, "teacher", query)
    try:
        await client.connect()
        while time.monotonic() < deadline:
            result = await client.run()
            if result.finished:
                out["teacher"] += 1
            else:
                out["errors"].append(f"teacher: {result.error}")
            await asyncio.sleep(3)
    except Exception as error:  # noqa: BLE001
        out["errors"].append(f"teacher {type(error).__name__}: {error}")
    finally:
        await client.close()


async def run_load(
    base_url: str, sessions: int, seconds: float, page: str = "power", query: str = "lang=zh&mode=phone",
    interval: float = 3.0, server_pids: list[int] | None = None, teacher: bool = True,
    teacher_query: str = "lang=zh",
) -> LoadReport:  # fmt: skip
    out: dict = {"first": [], "moves": [], "errors": [], "teacher": 0}
    pids = server_pids or []
    cpu0, rss0 = _proc_stats(pids)
    t0 = time.monotonic()
    deadline = t0 + seconds
    tasks = []
    for _ in range(sessions):
        tasks.append(asyncio.create_task(_visitor(base_url, page, query, deadline, interval, out)))
        await asyncio.sleep(min(0.05, seconds / max(sessions, 1) / 10))  # a class arrives within seconds
    if teacher:
        tasks.append(asyncio.create_task(_teacher(base_url, teacher_query, deadline, out)))
    await asyncio.gather(*tasks)
    elapsed = time.monotonic() - t0
    cpu1, rss1 = _proc_stats(pids)
    moves = sorted(out["moves"])
    report = LoadReport(sessions, seconds, page)
    report.interactions = len(moves)
    report.errors = len(out["errors"])
    report.error_samples = out["errors"][:5]
    if moves:
        report.p50_s = statistics.median(moves)
        report.p95_s = moves[min(len(moves) - 1, int(0.95 * len(moves)))]
        report.max_s = moves[-1]
    if out["first"]:
        first = sorted(out["first"])
        report.first_load_p95_s = first[min(len(first) - 1, int(0.95 * len(first)))]
    report.cpu_percent = 100 * (cpu1 - cpu0) / elapsed if pids else 0.0
    report.rss_start_mb, report.rss_end_mb = rss0, rss1
    report.rss_per_session_mb = (rss1 - rss0) / sessions if sessions and pids else 0.0
    report.teacher_refreshes = out["teacher"]
    runs = len(moves) + len(out["first"]) + out["teacher"]
    report.cpu_ms_per_run = 1000 * (cpu1 - cpu0) / runs if pids and runs else 0.0
    return report


@dataclass
class SaturationReport:
    """Reruns back to back by ``clients`` sessions (no pause): the server's throughput and its cost."""

    page: str
    clients: int
    seconds: float
    reruns: int = 0
    errors: int = 0
    reruns_per_s: float = 0.0
    cpu_ms_per_rerun: float = 0.0  # server CPU (user + system) per rerun
    p50_s: float = 0.0
    p95_s: float = 0.0
    deltas_per_rerun: float = 0.0  # elements and blocks the server sent per rerun (each one a message)

    def line(self) -> str:
        return (
            f"/{self.page or '(script)'} saturated by {self.clients} clients for {self.seconds:.0f} s: "
            f"{self.reruns_per_s:.1f} reruns/s, {self.cpu_ms_per_rerun:.1f} ms server CPU per rerun, "
            f"{self.deltas_per_rerun:.0f} deltas a rerun, "
            f"p50 {self.p50_s * 1000:.0f} ms, p95 {self.p95_s * 1000:.0f} ms, errors {self.errors}"
        )


async def saturate(
    base_url: str, page: str, query: str, clients: int, seconds: float, server_pids: list[int]
) -> SaturationReport:
    """``clients`` sessions each moving the page's first slider to a random position and rerunning as
    soon as the last run finished, for ``seconds``: reruns per second at saturation and server CPU per
    rerun. Random positions, not the slider's two ends: a page's caches see what a class would give
    them, not two positions over and over."""
    times: list[float] = []
    deltas: list[int] = []
    errors: list[str] = []
    ready: list[tuple[StreamlitClient, object]] = []
    for _ in range(clients):
        client = StreamlitClient(base_url, page, query)
        await client.connect()
        first = await client.run()
        if not first.finished:
            errors.append(f"first load: {first.error}")
        slider = next((w for w in client.widgets.values() if w.kind == "slider"), None)
        ready.append((client, slider))

    async def loop(client: StreamlitClient, slider, deadline: float) -> None:
        while time.monotonic() < deadline:
            if slider is not None:  # a position anywhere on the slider, as a visitor's (not two ends)
                client.set(slider.id, "double_array", [_position(slider)])
            result = await client.run(fragment_id=slider.fragment_id if slider else "")
            if result.finished:
                times.append(result.seconds)
                deltas.append(result.deltas)
            else:
                errors.append(result.error or "unfinished")

    cpu0, _ = _proc_stats(server_pids)
    t0 = time.monotonic()
    await asyncio.gather(*(loop(c, s, t0 + seconds) for c, s in ready))
    elapsed = time.monotonic() - t0
    cpu1, _ = _proc_stats(server_pids)
    for client, _ in ready:
        await client.close()
    report = SaturationReport(page, clients, seconds, len(times), len(errors))
    if times:
        ordered = sorted(times)
        report.reruns_per_s = len(times) / elapsed
        report.cpu_ms_per_rerun = 1000 * (cpu1 - cpu0) / len(times)
        report.p50_s = statistics.median(ordered)
        report.p95_s = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        report.deltas_per_rerun = statistics.mean(deltas)
    return report


async def idle_sessions(
    base_url: str, page: str, query: str, count: int, server_pids: list[int], settle_s: float = 3.0
) -> dict:
    """Open ``count`` sessions (one run each) and keep them connected: server RSS per connected
    session (the difference over the count), then close them."""
    _, before = _proc_stats(server_pids)
    clients, errors = [], 0
    for _ in range(count):
        client = StreamlitClient(base_url, page, query)
        await client.connect()
        errors += 0 if (await client.run()).finished else 1
        clients.append(client)
    await asyncio.sleep(settle_s)
    _, after = _proc_stats(server_pids)
    for client in clients:
        await client.close()
    return {
        "page": page,
        "sessions": count,
        "errors": errors,
        "rss_before_mb": round(before, 1),
        "rss_connected_mb": round(after, 1),
        "mb_per_session": round((after - before) / count, 3) if count else 0.0,
    }


def class_session_store(path: Path) -> str:
    """Point the server(s) started next at the store ``path`` and open a class session there: the
    teacher dashboard of the load test is a real one (``/teacher?s=…&k=…``)."""
    from parkloop.school import sessions as classes

    os.environ["PARKLOOP_STORE_PATH"] = str(path)
    db = classes.open_store(path)
    if db is None:
        return "lang=zh"
    session, secret = classes.start_session(db, "carbon-ledger", "zh")
    return f"s={session.id}&k={secret}&lang=zh"


def start_server(
    port: int, workers: int = 1, *, options: dict | None = None, env: dict | None = None, script=None
) -> tuple[object, list[int], str]:
    """One plain ``streamlit run`` (workers=1) or ``parkloop.serve`` with Caddy (workers>1). ``options``
    are Streamlit options added to the server's (``{"runner.postScriptGC": True}``), ``env`` variables
    added to this process's, ``script`` another app than ParkLoop's (one process only)."""
    from parkloop.serve import SERVER_OPTIONS, local_url, start_streamlit, stop_processes, wait_healthy

    environ = {**os.environ, **(env or {})}
    chosen = {**SERVER_OPTIONS, **(options or {})}
    if workers > 1:
        from parkloop.serve import Cluster

        cluster = Cluster(port=port, workers=workers, base_port=port + 100, env=env, options=options)
        cluster.start()
        return cluster, cluster.worker_pids(), f"http://127.0.0.1:{port}"
    kwargs = {"script": script} if script is not None else {}
    process = start_streamlit(port, options=chosen, env=environ, **kwargs)
    if not wait_healthy(local_url(port), 90, process=process):
        stop_processes(process)
        raise SystemExit("streamlit did not start")
    return process, [process.pid], local_url(port)


def stop_server(handle: object) -> None:
    from parkloop.serve import stop_processes

    if hasattr(handle, "stop"):
        handle.stop()
    else:
        stop_processes(handle, timeout_s=20)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=300)
    parser.add_argument("--page", default="power")
    parser.add_argument("--query", default="lang=zh&mode=phone")
    parser.add_argument("--interval", type=float, default=3.0, help="seconds between a phone's moves")
    parser.add_argument("--workers", type=int, default=1, help=">1 starts parkloop.serve (Caddy) instead")
    parser.add_argument("--ramp", default="", help="comma-separated session counts; stops when p95 > 2 s")
    parser.add_argument("--url", default="", help="use a running server instead of starting one")
    parser.add_argument("--port", type=int, default=8650)
    parser.add_argument("--json", default="", help="write the reports to this file")
    args = parser.parse_args(argv)
    counts = [int(n) for n in args.ramp.split(",")] if args.ramp else [args.sessions]
    teacher_query = "lang=zh"
    if not args.url:
        import tempfile

        teacher_query = class_session_store(Path(tempfile.mkdtemp(prefix="parkloop-load-")) / "load.sqlite")
    handle, pids, url = (None, [], args.url) if args.url else start_server(args.port, args.workers)
    reports = []
    try:
        # warm up: imports and caches, one session
        asyncio.run(run_load(url, 1, 3, args.page, args.query, 1.0, pids, teacher=False))
        for count in counts:
            report = asyncio.run(
                run_load(
                    url,
                    count,
                    args.seconds,
                    args.page,
                    args.query,
                    args.interval,
                    pids,
                    teacher_query=teacher_query,
                )  # fmt: skip
            )
            reports.append(report)
            print(report.line(), flush=True)
            if report.error_samples:
                print("   errors:", report.error_samples, flush=True)
            if args.ramp and report.p95_s > 2.0:
                print(f"p95 passed 2 s at {count} sessions ({args.workers} worker(s))", flush=True)
                break
    finally:
        if handle is not None:
            stop_server(handle)
    if args.json:
        Path(args.json).write_text(json.dumps([asdict(r) for r in reports], indent=2))
    return 1 if any(r.errors for r in reports) else 0


if __name__ == "__main__":
    sys.exit(main())
