"""Soak: scripted visitors walk every exhibit for a long time; server memory is sampled over time.

    .venv/bin/python -m tests.load.soak --minutes 30 --visitors 10      # what `make soak` runs
    .venv/bin/python -m tests.load.soak --minutes 2 --visitors 4        # a quick look

Each visitor opens a page, moves its first slider (or toggles its first checkbox) a few times, leaves
(closes the websocket: the session ends after the server's disconnectedSessionTTL) and goes to the next
page. The server is started here (one ``streamlit run``) and only localhost is used. The report gives RSS
at the end of warm-up (the first 20 % of the run) and at the end; goal: growth below 10 %, no errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import time
from pathlib import Path

from parkloop.pages import PAGES
from tests.browser.conftest import free_port
from tests.load.client import StreamlitClient
from tests.load.run_load import _proc_stats, start_server, stop_server

SKIP = {"staff", "teacher"}  # pages that need a secret; they only show their lock screen


async def _visitor(url: str, deadline: float, out: dict) -> None:
    pages = [p.slug for p in PAGES if p.slug not in SKIP]
    while time.monotonic() < deadline:
        slug = random.choice(pages)
        client = StreamlitClient(url, slug, f"lang={random.choice(['zh', 'en'])}")
        try:
            await client.connect()
            result = await client.run()
            out["runs"] += 1
            if not result.finished:
                out["errors"].append(f"/{slug}: {result.error}")
                continue
            slider = next((w for w in client.widgets.values() if w.kind == "slider"), None)
            for _ in range(random.randint(1, 4)):
                await asyncio.sleep(random.uniform(0.5, 2.0))
                if slider is not None:
                    lo, hi, step = slider.proto.min, slider.proto.max, slider.proto.step or 1
                    client.set(
                        slider.id, "double_array", [lo + step * random.randint(0, int((hi - lo) / step))]
                    )
                result = await client.run(fragment_id=slider.fragment_id if slider else "")
                out["runs"] += 1
                if not result.finished:
                    out["errors"].append(f"/{slug} move: {result.error}")
        except Exception as error:  # noqa: BLE001 - counted and sampled
            out["errors"].append(f"/{slug}: {type(error).__name__}: {error}")
        finally:
            await client.close()


async def soak(url: str, pids: list[int], minutes: float, visitors: int) -> dict:
    out: dict = {"runs": 0, "errors": []}
    start = time.monotonic()
    deadline = start + minutes * 60
    samples: list[tuple[float, float]] = []

    async def sampler() -> None:
        while time.monotonic() < deadline:
            samples.append((round(time.monotonic() - start, 1), round(_proc_stats(pids)[1], 1)))
            await asyncio.sleep(max(5.0, minutes * 60 / 60))

    await asyncio.gather(sampler(), *(_visitor(url, deadline, out) for _ in range(visitors)))
    samples.append((round(time.monotonic() - start, 1), round(_proc_stats(pids)[1], 1)))
    warm = next((rss for t, rss in samples if t >= 0.2 * minutes * 60), samples[0][1])
    end = samples[-1][1]
    return {
        "minutes": minutes,
        "visitors": visitors,
        "runs": out["runs"],
        "errors": len(out["errors"]),
        "error_samples": out["errors"][:5],
        "rss_after_warmup_mb": warm,
        "rss_end_mb": end,
        "growth_percent": round(100 * (end - warm) / warm, 1) if warm else None,
        "samples": samples,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--visitors", type=int, default=10)
    parser.add_argument("--json", default="tests/bench/last-soak.json")
    args = parser.parse_args(argv)
    handle, pids, url = start_server(free_port())
    try:
        report = asyncio.run(soak(url, pids, args.minutes, args.visitors))
    finally:
        stop_server(handle)
    Path(args.json).write_text(json.dumps(report, indent=2))
    print(
        f"soak {report['minutes']} min, {report['visitors']} visitors: {report['runs']} runs, "
        f"{report['errors']} errors; RSS after warm-up {report['rss_after_warmup_mb']} MB, end "
        f"{report['rss_end_mb']} MB ({report['growth_percent']} %; goal < 10 %)"
    )
    if report["error_samples"]:
        print("errors:", report["error_samples"])
    return 0 if report["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
