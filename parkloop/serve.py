"""Production serving: several Streamlit processes behind Caddy (``make serve``).

One Streamlit process runs every session as a thread of one Python interpreter, so it uses one core
(the GIL). ``serve`` starts ``workers`` processes (default: one per core) on 127.0.0.1 ports
``base_port+1 …`` and Debian's Caddy in front of them on ``port``:

* sticky sessions: Caddy's ``lb_policy cookie`` — a phone keeps talking to the process that holds its
  session (a Streamlit session lives in one process's memory; a reconnect must find it again);
* compression: ``encode zstd gzip`` (Streamlit 1.67 serves its JavaScript uncompressed on purpose);
* long cache lifetimes for hashed static assets (``/static/js/index.C1JORDN2.js``): a phone downloads
  Streamlit's bundle once, later stations cost only the page's own data;
* health checks on ``/_stcore/health``: a crashed process is taken out until it answers again;
* every process shares one SQLite store (``PARKLOOP_STORE_PATH``, WAL mode).

Where it stops scaling is written in the README ("Serving a busy day").
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
RUN_DIR = REPO_ROOT / "var" / "serve"

# Streamlit's bundled assets carry an 8-character content hash before the extension.
HASHED_ASSET = r"^/static/(js|css|media)/[^/]+\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$"


def caddyfile(port: int, upstream_ports: list[int], address: str = "") -> str:
    """The Caddy configuration for ``port`` in front of Streamlit processes on ``upstream_ports``."""
    upstreams = " ".join(f"127.0.0.1:{p}" for p in upstream_ports)
    return f"""# Written by parkloop.serve — do not edit; change parkloop/serve.py instead.
{{
\tadmin off
\tauto_https off
}}

{address}:{port} {{
\tencode zstd gzip
\t@hashed path_regexp hashed {HASHED_ASSET}
\theader @hashed >Cache-Control "public, max-age=31536000, immutable"
\treverse_proxy {upstreams} {{
\t\tlb_policy cookie parkloop_node
\t\thealth_uri /_stcore/health
\t\thealth_interval 5s
\t\tfail_duration 10s
\t}}
}}
"""


def streamlit_command(port: int) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"),
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.headless", "true",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
    ]  # fmt: skip


def healthy(port: int, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def wait_healthy(ports: list[int], timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if all(healthy(p) for p in ports):
            return True
        time.sleep(0.2)
    return False


class Cluster:
    """Streamlit workers plus Caddy, started and stopped together (used by ``make serve`` and tests)."""

    def __init__(self, port: int = 8080, workers: int = 2, base_port: int = 8600, env: dict | None = None):
        self.port, self.workers, self.base_port = port, workers, base_port
        self.worker_ports = [base_port + i + 1 for i in range(workers)]
        self.env = {**os.environ, **(env or {})}
        self.processes: list[subprocess.Popen] = []

    def start(self, timeout: float = 90.0) -> None:
        caddy = shutil.which("caddy")
        if caddy is None:
            raise SystemExit("make serve: Debian's caddy is not installed (make system-deps installs it)")
        RUN_DIR.mkdir(parents=True, exist_ok=True)
        config = RUN_DIR / f"Caddyfile-{self.port}"
        config.write_text(caddyfile(self.port, self.worker_ports), encoding="utf-8")
        for port in self.worker_ports:
            log = (RUN_DIR / f"streamlit-{port}.log").open("ab")
            self.processes.append(
                subprocess.Popen(
                    streamlit_command(port), cwd=REPO_ROOT, env=self.env, stdout=log,
                    stderr=subprocess.STDOUT, start_new_session=True,
                )
            )  # fmt: skip
        if not wait_healthy(self.worker_ports, timeout):
            self.stop()
            raise SystemExit(f"make serve: Streamlit workers did not start; see {RUN_DIR}/streamlit-*.log")
        log = (RUN_DIR / f"caddy-{self.port}.log").open("ab")
        self.processes.append(
            subprocess.Popen(
                [caddy, "run", "--config", str(config), "--adapter", "caddyfile"],
                cwd=RUN_DIR, env={**self.env, "HOME": str(RUN_DIR), "XDG_DATA_HOME": str(RUN_DIR)},
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        )  # fmt: skip
        if not wait_healthy([self.port], 30):
            self.stop()
            raise SystemExit(f"make serve: Caddy did not start; see {RUN_DIR}/caddy-{self.port}.log")

    def worker_pids(self) -> list[int]:
        return [p.pid for p in self.processes[: self.workers]]

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                try:
                    os.killpg(process.pid, signal.SIGTERM)
                except ProcessLookupError:
                    pass
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parkloop.serve", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", os.cpu_count() or 2)))
    parser.add_argument("--base-port", type=int, default=8600)
    args = parser.parse_args(argv)
    cluster = Cluster(args.port, max(1, args.workers), args.base_port)
    cluster.start()
    print(
        f"ParkLoop: http://localhost:{args.port}/ — {cluster.workers} Streamlit processes "
        f"(ports {', '.join(map(str, cluster.worker_ports))}) behind Caddy. Ctrl-C stops them all.",
        flush=True,
    )
    stop = {"now": False}

    def _stop(*_: object) -> None:
        stop["now"] = True

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    try:
        while not stop["now"]:
            time.sleep(0.5)
            if any(p.poll() is not None for p in cluster.processes):
                print("ParkLoop: a process stopped; stopping the rest (systemd restarts the service).")
                return 1
    finally:
        cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
