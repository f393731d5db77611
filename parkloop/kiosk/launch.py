"""Starting ParkLoop's server for a kiosk: the kiosk config → ``streamlit run`` flags and environment.

``kiosk/streamlit-kiosk.toml`` is the one file a kiosk is configured by. Its Streamlit sections become
command-line flags (which win over ``.streamlit/config.toml``); its ``[parkloop]`` section becomes
``PARKLOOP_*`` variables, except those already set (the environment wins, so a test or an engineer can
override any of them). Used by ``kiosk/run-kiosk.sh``, the systemd unit, the watchdog's tests and the
soak benchmark::

    python -m parkloop.kiosk.launch server            # exec streamlit with the kiosk config
    python -m parkloop.kiosk.launch url               # the URL Chromium opens
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from parkloop.settings import REPO_ROOT

KIOSK_CONFIG = REPO_ROOT / "kiosk" / "streamlit-kiosk.toml"
STREAMLIT_SECTIONS = ("server", "browser", "client", "runner", "global", "theme", "logger")


def load_config(path: Path | str = KIOSK_CONFIG) -> dict[str, Any]:
    with open(path, "rb") as handle:
        return tomllib.load(handle)


def _flag_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def streamlit_flags(config: Mapping[str, Any], overrides: Mapping[str, Any] | None = None) -> list[str]:
    """``--section.key=value`` for every Streamlit option of the config (``overrides``: dotted keys)."""
    options: dict[str, Any] = {}
    for section in STREAMLIT_SECTIONS:
        for key, value in config.get(section, {}).items():
            options[f"{section}.{key}"] = value
    options.update(overrides or {})
    return [f"--{name}={_flag_value(value)}" for name, value in options.items()]


def parkloop_env(config: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for the server: ``environ`` plus ``[parkloop]`` values it does not already set."""
    env = dict(os.environ if environ is None else environ)
    for name, value in config.get("parkloop", {}).items():
        var = f"PARKLOOP_{name.upper()}"
        if env.get(var, "") == "":
            env[var] = _flag_value(value)
    return env


def server_command(
    config: Mapping[str, Any], overrides: Mapping[str, Any] | None = None, python: str = sys.executable
) -> list[str]:
    return [python, "-m", "streamlit", "run", str(REPO_ROOT / "app.py"), *streamlit_flags(config, overrides)]


def base_url(config: Mapping[str, Any], overrides: Mapping[str, Any] | None = None) -> str:
    server = {
        **config.get("server", {}),
        **{k[7:]: v for k, v in (overrides or {}).items() if k[:7] == "server."},
    }
    return f"http://{server.get('address', '127.0.0.1')}:{server.get('port', 8501)}"


def kiosk_url(config: Mapping[str, Any]) -> str:
    lang = config.get("parkloop", {}).get("default_lang", "zh")
    return f"{base_url(config)}/?mode=kiosk&lang={lang}"


class ServerProcess:
    """One ``streamlit run`` of the app in its own process group (tests, the soak benchmark, make kiosk).

    ``start()`` is also the restart function handed to :func:`parkloop.kiosk.watchdog.check_and_restart`.
    """

    def __init__(
        self,
        port: int,
        log_path: Path,
        env: Mapping[str, str] | None = None,
        config: Mapping[str, Any] | None = None,
    ) -> None:
        self.config = load_config() if config is None else config
        self.overrides = {"server.port": port, "server.address": "127.0.0.1"}
        self.env = parkloop_env(self.config, env)
        self.env["PYTHONUNBUFFERED"] = "1"
        self.log_path = Path(log_path)
        self.process: subprocess.Popen[bytes] | None = None
        self.base_url = base_url(self.config, self.overrides)

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                server_command(self.config, self.overrides),
                cwd=REPO_ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=self.env,
                start_new_session=True,
            )

    def wait_healthy(self, timeout_s: float = 60.0) -> None:
        from parkloop.kiosk.watchdog import healthy

        deadline = time.monotonic() + timeout_s
        while not healthy(self.base_url):
            if self.process is None or self.process.poll() is not None or time.monotonic() > deadline:
                tail = self.log_path.read_text(errors="replace")[-3000:] if self.log_path.exists() else ""
                raise RuntimeError(f"streamlit did not become healthy at {self.base_url}:\n{tail}")
            time.sleep(0.1)

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (SIGKILL: the crash the watchdog tests recover from)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.kill()

    def rss_kib(self) -> int:
        """The server's resident memory [KiB] (Linux /proc)."""
        if self.process is None:
            return 0
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m parkloop.kiosk.launch", description=__doc__.split("\n")[0]
    )
    parser.add_argument("what", choices=("server", "url", "flags"))
    parser.add_argument("--config", default=str(KIOSK_CONFIG), help="the kiosk's TOML (default: %(default)s)")
    parser.add_argument("--port", type=int, help="override [server] port")
    args = parser.parse_args(argv)
    try:
        config = load_config(args.config)
    except (OSError, tomllib.TOMLDecodeError) as error:
        print(f"error: {args.config}: {error}", file=sys.stderr)
        return 2
    overrides = {"server.port": args.port} if args.port else {}
    if args.port:
        config = {**config, "server": {**config.get("server", {}), "port": args.port}}
    if args.what == "url":
        print(kiosk_url(config))
        return 0
    if args.what == "flags":
        print(" ".join(streamlit_flags(config, overrides)))
        return 0
    command = server_command(config, overrides)
    os.chdir(REPO_ROOT)
    os.execvpe(command[0], command, parkloop_env(config))
    return 1  # pragma: no cover — exec does not return


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
