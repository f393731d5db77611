"""The kiosk's configuration and the files that start a kiosk: flags, environment, units, script."""

from __future__ import annotations

import configparser
import os
import subprocess
from pathlib import Path

import pytest

from parkloop.kiosk import launch

REPO = Path(__file__).resolve().parents[2]
KIOSK_DIR = REPO / "kiosk"


def test_the_kiosk_config_turns_into_the_required_flags() -> None:
    flags = launch.streamlit_flags(launch.load_config())
    for required in (
        "--server.headless=true",
        "--browser.gatherUsageStats=false",
        "--client.toolbarMode=minimal",
        "--client.showErrorDetails=none",
        "--server.runOnSave=false",
        "--server.fileWatcherType=none",
        "--global.developmentMode=false",
        "--server.address=127.0.0.1",
    ):
        assert required in flags
    assert launch.streamlit_flags({"server": {"port": 1}}, {"server.port": 2}) == ["--server.port=2"]


def test_the_environment_wins_over_the_kiosk_config() -> None:
    config = {"parkloop": {"kiosk_idle_s": 90, "kiosk_name": "kiosk-1"}}
    env = launch.parkloop_env(config, {"PARKLOOP_KIOSK_IDLE_S": "5", "HOME": "/home/kiosk"})
    assert env["PARKLOOP_KIOSK_IDLE_S"] == "5"
    assert env["PARKLOOP_KIOSK_NAME"] == "kiosk-1"
    assert env["HOME"] == "/home/kiosk"


def test_every_parkloop_key_of_the_config_is_a_setting() -> None:
    from parkloop import settings

    for name, value in launch.load_config()["parkloop"].items():
        assert settings.get(name, {f"PARKLOOP_{name.upper()}": str(value)}) is not None


def test_the_browser_opens_kiosk_mode_on_localhost() -> None:
    assert launch.kiosk_url(launch.load_config()) == "http://127.0.0.1:8501/?mode=kiosk&lang=zh"


@pytest.mark.parametrize("unit", ["parkloop-server.service", "parkloop-browser.service"])
def test_units_restart_always(unit: str) -> None:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(KIOSK_DIR / "systemd" / unit)
    assert parser["Service"]["Restart"] == "always"
    assert "WantedBy" in parser["Install"]


def test_the_watchdog_runs_on_a_timer() -> None:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.read(KIOSK_DIR / "systemd" / "parkloop-watchdog.timer")
    assert parser["Timer"]["OnUnitActiveSec"]
    service = (KIOSK_DIR / "systemd" / "parkloop-watchdog.service").read_text()
    assert "parkloop.kiosk.watchdog" in service


def test_the_launcher_is_a_valid_executable_script() -> None:
    script = KIOSK_DIR / "run-kiosk.sh"
    assert os.access(script, os.X_OK)
    assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
    text = script.read_text()
    assert "--kiosk" in text and "launch url" in text


def test_the_launcher_prints_the_flags() -> None:
    out = subprocess.run(
        [str(REPO / ".venv" / "bin" / "python"), "-m", "parkloop.kiosk.launch", "flags", "--port", "8600"],
        cwd=REPO, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert "--server.port=8600" in out and "--server.headless=true" in out
