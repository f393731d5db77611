"""Production serving: several Streamlit processes behind Caddy (``make serve``).

One Streamlit process runs every session as a thread of one Python interpreter, so it uses one core
(the GIL). ``serve`` starts ``workers`` processes (default: one per core) on 127.0.0.1 ports
``base_port+1 …`` and Debian's Caddy in front of them on ``port``:

* sticky sessions: Caddy's ``lb_policy cookie`` — a phone keeps talking to the process that holds its
  session (a Streamlit session lives in one process's memory; a reconnect must find it again);
* Streamlit's icon font cut to the icons it can show (:mod:`parkloop.icon_font`, 375 → 46 kB), from
  ``var/serve/fonts`` in place of the worker's;
* compression: ``encode zstd gzip`` (Streamlit 1.67 serves its JavaScript uncompressed on purpose);
* long cache lifetimes for hashed static assets (``/static/js/index.C1JORDN2.js``): a phone downloads
  Streamlit's bundle once, later stations cost only the page's own data;
* health checks on ``/_stcore/health``: a crashed process is taken out until it answers again;
* ``Referrer-Policy: no-referrer`` on every response: no page's address (a teacher's dashboard) is ever
  sent to another site or in a later request's ``Referer``;
* ``Content-Security-Policy`` (:data:`CONTENT_SECURITY_POLICY`: this origin only, no framing by another
  site), ``X-Frame-Options: DENY`` and ``X-Content-Type-Options: nosniff``;
* ``/_stcore/metrics`` (Streamlit's internal counters) answered 404 from outside;
* every process shares one SQLite store (``PARKLOOP_STORE_PATH``, WAL mode).

Where it stops scaling is written in the README ("Serving a busy day").

It is also the one way ParkLoop starts a Streamlit server: :func:`start_streamlit` (the command from
:func:`streamlit_command`), :func:`wait_healthy` and :func:`stop_processes` serve ``make serve``, the
kiosk launcher (:mod:`parkloop.kiosk.launch`), the browser, load and benchmark tests.
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
from collections.abc import Iterable, Mapping
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from parkloop import icon_font

REPO_ROOT = Path(__file__).resolve().parents[1]
RUN_DIR = REPO_ROOT / "var" / "serve"
APP = REPO_ROOT / "app.py"
HEALTH_PATH = "/_stcore/health"

SERVER_OPTIONS: dict[str, Any] = {
    "server.headless": True,
    "server.address": "127.0.0.1",
    "server.fileWatcherType": "none",
    "browser.gatherUsageStats": False,
    "global.developmentMode": False,
}
"""A server for programs, not a developer: opens no browser, only on localhost, no file watcher, no usage
statistics sent anywhere, production mode. The kiosk passes its own options instead (its config file)."""

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        # Streamlit's bundle, Vega's expression compiler, the kiosk and passport scripts (st.html)
        "script-src 'self' 'unsafe-inline' 'unsafe-eval' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self' ws: wss:",
        "worker-src 'self' blob:",  # deck.gl workers (pydeck)
        "frame-src 'self' blob: data:",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
"""Everything from this origin, nothing from elsewhere (ParkLoop fetches nothing from outside), and no
other site may frame a page (a kiosk or a teacher's dashboard inside someone else's page)."""

# Streamlit's bundled assets carry an 8-character content hash before the extension.
HASHED_ASSET = r"^/static/(js|css|media)/[^/]+\.[A-Za-z0-9_-]{8}\.[A-Za-z0-9]+$"
ICON_FONT = r"^/static/media/MaterialSymbols-Rounded\.[A-Za-z0-9_-]{8}\.woff2$"
FONTS_DIR = RUN_DIR / "fonts"


def caddyfile(port: int, upstream_ports: list[int], address: str = "", fonts: Path | None = None) -> str:
    """The Caddy configuration for ``port`` in front of Streamlit processes on ``upstream_ports``;
    ``fonts``: a folder whose ``static/media/`` holds the cut icon font (:mod:`parkloop.icon_font`),
    served in place of Streamlit's own."""
    upstreams = " ".join(f"127.0.0.1:{p}" for p in upstream_ports)
    font_route = (
        f"\t@iconfont path_regexp iconfont {ICON_FONT}\n\thandle @iconfont {{\n\t\troot * {fonts}\n"
        '\t\theader Cache-Control "public, max-age=31536000, immutable"\n\t\tfile_server\n\t}\n'
        if fonts
        else ""
    )
    return f"""# Written by parkloop.serve — do not edit; change parkloop/serve.py instead.
{{
\tadmin off
\tauto_https off
}}

{address}:{port} {{
\tencode zstd gzip
\theader Referrer-Policy no-referrer
\theader {{
\t\tX-Frame-Options DENY
\t\tX-Content-Type-Options nosniff
\t\tContent-Security-Policy "{CONTENT_SECURITY_POLICY}"
\t}}
\t@metrics path /_stcore/metrics /_stcore/metrics/*
\thandle @metrics {{
\t\trespond 404
\t}}
\t@hashed path_regexp hashed {HASHED_ASSET}
\theader @hashed >Cache-Control "public, max-age=31536000, immutable"
{font_route}\thandle {{
\t\treverse_proxy {upstreams} {{
\t\t\tlb_policy cookie parkloop_node
\t\t\thealth_uri /_stcore/health
\t\t\thealth_interval 5s
\t\t\tfail_duration 10s
\t\t}}
\t}}
}}
"""


def flag_value(value: Any) -> str:
    """A value as Streamlit's flags and ParkLoop's environment variables spell it (booleans lower case)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def option_flags(options: Mapping[str, Any]) -> list[str]:
    """``--section.key=value`` for every Streamlit option (``{"server.port": 8501}``)."""
    return [f"--{name}={flag_value(value)}" for name, value in options.items()]


def streamlit_command(
    port: int | None = None,
    *,
    options: Mapping[str, Any] | None = None,
    script: Path | str = APP,
    python: str = sys.executable,
) -> list[str]:
    """``python -m streamlit run <script>`` with ``options`` (default :data:`SERVER_OPTIONS`) as flags, and
    ``server.port`` set to ``port`` when given."""
    chosen = dict(SERVER_OPTIONS if options is None else options)
    if port is not None:
        chosen["server.port"] = port
    return [python, "-m", "streamlit", "run", str(script), *option_flags(chosen)]


def start_streamlit(
    port: int | None = None,
    *,
    options: Mapping[str, Any] | None = None,
    script: Path | str = APP,
    env: Mapping[str, str] | None = None,
    log: Path | None = None,
) -> subprocess.Popen[bytes]:
    """Start :func:`streamlit_command` from the repository in its own process group (stopped as a whole by
    :func:`stop_processes`), with ``env`` (default: this process's environment), unbuffered output
    appended to ``log`` (discarded without one)."""
    environ = {**(os.environ if env is None else env), "PYTHONUNBUFFERED": "1"}
    command = streamlit_command(port, options=options, script=script)
    with ExitStack() as files:
        output = subprocess.DEVNULL if log is None else files.enter_context(Path(log).open("ab"))
        return subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=environ,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def local_url(port: int) -> str:
    return f"http://127.0.0.1:{port}"


def healthy(base_url: str, timeout_s: float = 3.0) -> bool:
    """``GET /_stcore/health`` answers 200 ``ok`` (a Streamlit server, or Caddy in front of one)."""
    try:
        with urllib.request.urlopen(base_url.rstrip("/") + HEALTH_PATH, timeout=timeout_s) as response:
            return response.status == 200 and response.read().strip() == b"ok"
    except (OSError, ValueError):  # URLError, ConnectionError and TimeoutError are OSErrors
        return False


def wait_healthy(
    base_urls: str | Iterable[str], timeout_s: float = 60.0, *, process: subprocess.Popen | None = None
) -> bool:
    """Wait until every URL is :func:`healthy` (``True``); ``False`` after ``timeout_s`` or as soon as
    ``process`` (the server being waited for) has exited."""
    urls = [base_urls] if isinstance(base_urls, str) else list(base_urls)
    deadline = time.monotonic() + timeout_s
    while not all(healthy(url, timeout_s=2.0) for url in urls):
        if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def stop_processes(*processes: subprocess.Popen | None, timeout_s: float = 10.0) -> None:
    """SIGTERM to the process group of each (all at once), then wait; SIGKILL what has not ended within
    ``timeout_s``."""
    running = [p for p in processes if p is not None and p.poll() is None]
    for process in running:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for process in running:
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


class Cluster:
    """Streamlit workers plus Caddy, started and stopped together (used by ``make serve`` and tests)."""

    def __init__(
        self,
        port: int = 8080,
        workers: int = 2,
        base_port: int = 8600,
        env: dict | None = None,
        options: Mapping[str, Any] | None = None,
    ):
        self.port, self.workers, self.base_port = port, workers, base_port
        self.worker_ports = [base_port + i + 1 for i in range(workers)]
        self.env = {**os.environ, **(env or {})}
        self.options = {**SERVER_OPTIONS, **(options or {})}
        """Streamlit options of every worker: :data:`SERVER_OPTIONS` plus ``options`` (benchmarks)."""
        self.processes: list[subprocess.Popen] = []

    def start(self, timeout: float = 90.0) -> None:
        caddy = shutil.which("caddy")
        if caddy is None:
            raise SystemExit("make serve: Debian's caddy is not installed (make system-deps installs it)")
        RUN_DIR.mkdir(parents=True, exist_ok=True)
        config = RUN_DIR / f"Caddyfile-{self.port}"
        icon_font.build(FONTS_DIR)  # Streamlit's icon font cut to the icons it can show (375 → 46 kB)
        config.write_text(caddyfile(self.port, self.worker_ports, fonts=FONTS_DIR), encoding="utf-8")
        for port in self.worker_ports:
            log_file = RUN_DIR / f"streamlit-{port}.log"
            self.processes.append(start_streamlit(port, options=self.options, env=self.env, log=log_file))
        if not wait_healthy([local_url(port) for port in self.worker_ports], timeout):
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
        if not wait_healthy(local_url(self.port), 30):
            self.stop()
            raise SystemExit(f"make serve: Caddy did not start; see {RUN_DIR}/caddy-{self.port}.log")

    def worker_pids(self) -> list[int]:
        return [p.pid for p in self.processes[: self.workers]]

    def stop(self) -> None:
        stop_processes(*reversed(self.processes))
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
