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
import json
import os
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from parkloop import settings
from parkloop.model.tomlfile import DataFileError, read_toml
from parkloop.serve import (
    flag_value,
    option_flags,
    start_streamlit,
    stop_processes,
    streamlit_command,
    wait_healthy,
)
from parkloop.settings import REPO_ROOT

KIOSK_CONFIG = REPO_ROOT / "kiosk" / "streamlit-kiosk.toml"
STREAMLIT_SECTIONS = ("server", "browser", "client", "runner", "global", "theme", "logger")


def load_config(path: Path | str = KIOSK_CONFIG) -> dict[str, Any]:
    """The kiosk's TOML. Raises :class:`DataFileError` (one line: file and reason) if it is unusable."""
    return read_toml(path)


def streamlit_options(
    config: Mapping[str, Any], overrides: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Every Streamlit option of the config as ``{"section.key": value}`` (``overrides``: dotted keys).

    A list (``theme.headingFontSizes``) becomes the JSON text Streamlit parses from a flag."""
    options: dict[str, Any] = {}
    for section in STREAMLIT_SECTIONS:
        for key, value in config.get(section, {}).items():
            options[f"{section}.{key}"] = json.dumps(value) if isinstance(value, list) else value
    options.update(overrides or {})
    return options


def streamlit_flags(config: Mapping[str, Any], overrides: Mapping[str, Any] | None = None) -> list[str]:
    """``--section.key=value`` for every Streamlit option of the config (``overrides``: dotted keys)."""
    return option_flags(streamlit_options(config, overrides))


def parkloop_env(config: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for the server: ``environ`` plus ``[parkloop]`` values it does not already set."""
    env = dict(os.environ if environ is None else environ)
    for name, value in config.get("parkloop", {}).items():
        var = f"PARKLOOP_{name.upper()}"
        if env.get(var, "") == "":
            env[var] = flag_value(value)
    return env


def server_command(
    config: Mapping[str, Any], overrides: Mapping[str, Any] | None = None, python: str = sys.executable
) -> list[str]:
    return streamlit_command(options=streamlit_options(config, overrides), python=python)


def base_url(config: Mapping[str, Any], overrides: Mapping[str, Any] | None = None) -> str:
    server = {
        **config.get("server", {}),
        **{k[7:]: v for k, v in (overrides or {}).items() if k[:7] == "server."},
    }
    return f"http://{server.get('address', '127.0.0.1')}:{server.get('port', 8501)}"


def kiosk_url(config: Mapping[str, Any]) -> str:
    lang = config.get("parkloop", {}).get("default_lang", settings.default("default_lang"))
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
        self.log_path = Path(log_path)
        self.process: subprocess.Popen[bytes] | None = None
        self.base_url = base_url(self.config, self.overrides)

    @property
    def pid(self) -> int | None:
        return None if self.process is None else self.process.pid

    def start(self) -> None:
        options = streamlit_options(self.config, self.overrides)
        self.process = start_streamlit(options=options, env=self.env, log=self.log_path)

    def wait_healthy(self, timeout_s: float = 60.0) -> None:
        if self.process is None or not wait_healthy(self.base_url, timeout_s, process=self.process):
            tail = self.log_path.read_text(errors="replace")[-3000:] if self.log_path.exists() else ""
            raise RuntimeError(f"streamlit did not become healthy at {self.base_url}:\n{tail}")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signal the whole process group (SIGKILL: the crash the watchdog tests recover from)."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        stop_processes(self.process)

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
    except DataFileError as error:
        print(f"error: {error}", file=sys.stderr)
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
