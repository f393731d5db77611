"""Profile one Streamlit server with py-spy while clients rerun a page back to back, and list where the
time went (issue 18). ``py-spy`` is not a project dependency: ``.venv/bin/pip install py-spy``. ::

    .venv/bin/python -m tests.load.profile --page power --query "lang=zh&mode=phone" --seconds 25
    .venv/bin/python -m tests.load.profile --page park --wall      # wall time, not only GIL-holding

Prints the share of all samples under each of the project's functions (inclusive) and the functions
that hold the samples themselves; ``--out`` keeps py-spy's raw (collapsed) stacks. Localhost only.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from tests.browser.conftest import free_port
from tests.load.run_load import run_load, saturate, start_server, stop_server

LINE_NUMBER = re.compile(r":\d+\)")
REPO = Path(__file__).resolve().parents[2]
# py-spy names a page script by its file name alone: "explorer (power.py)"
PAGE_SCRIPTS = tuple(f"({path.name})" for path in [REPO / "app.py", *(REPO / "exhibits").glob("*.py")])


def summarise(raw: Path, top: int = 25) -> str:
    """The project's functions by inclusive share, then the functions holding samples themselves."""
    inclusive: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        samples = int(count)
        total += samples
        frames = [LINE_NUMBER.sub(")", frame) for frame in stack.split(";")]
        for frame in set(frames):
            inclusive[frame] += samples
        own[frames[-1]] += samples
    ours = [(f, n) for f, n in inclusive.most_common() if "parkloop/" in f or f.endswith(PAGE_SCRIPTS)][:top]
    lines = [f"{total} samples", "-- inclusive, the project's functions"]
    lines += [f"{100 * n / total:5.1f} %  {f}" for f, n in ours]
    lines += ["-- own samples"] + [f"{100 * n / total:5.1f} %  {f}" for f, n in own.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="power")
    parser.add_argument("--query", default="lang=zh&mode=phone")
    parser.add_argument("--seconds", type=float, default=25)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--wall", action="store_true", help="every running thread, not only the GIL's")
    parser.add_argument("--out", default="", help="keep the raw stacks in this file")
    args = parser.parse_args(argv)
    spy = shutil.which("py-spy") or str(Path(sys.executable).with_name("py-spy"))
    raw = Path(args.out or tempfile.mkstemp(prefix="parkloop-profile-", suffix=".txt")[1])
    handle, pids, url = start_server(
        free_port(), env={"PARKLOOP_STORE_PATH": str(raw.with_suffix(".sqlite"))}
    )
    try:
        asyncio.run(run_load(url, 2, 3, args.page, args.query, 1.0, pids, teacher=False))  # imports, caches
        command = [spy, "record", "--pid", str(pids[0]), "--duration", str(int(args.seconds) + 2)]
        command += ["--rate", "200", "--format", "raw", "--output", str(raw), "--nonblocking"]
        recorder = subprocess.Popen(command + ([] if args.wall else ["--gil"]))
        time.sleep(1)
        report = asyncio.run(saturate(url, args.page, args.query, args.clients, args.seconds, pids))
        recorder.wait(timeout=args.seconds + 60)
    finally:
        stop_server(handle)
    print(report.line())
    print(summarise(raw))
    return 0


if __name__ == "__main__":
    sys.exit(main())
