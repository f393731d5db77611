"""The watchdog's decision (fake probes) and a real restart: a process answering /_stcore/health is
killed with SIGKILL and check_and_restart brings it back."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from parkloop.kiosk.watchdog import check_and_restart, healthy


def probes(*answers: bool):
    queue = list(answers)
    return lambda url: queue.pop(0) if queue else answers[-1]


def test_a_healthy_kiosk_is_left_alone() -> None:
    restarts: list[str] = []
    actions = check_and_restart(
        "http://x", lambda: restarts.append("server"), browser_ok=lambda: True,
        restart_browser=lambda: restarts.append("browser"), probe=probes(True), sleep=lambda s: None,
    )  # fmt: skip
    assert actions == [] and restarts == []


def test_one_slow_answer_is_not_a_failure() -> None:
    restarts: list[str] = []
    actions = check_and_restart("http://x", lambda: restarts.append("server"), probe=probes(False, True),
                                sleep=lambda s: None)  # fmt: skip
    assert actions == [] and restarts == []


def test_a_dead_server_is_restarted_and_the_browser_reloaded() -> None:
    restarts: list[str] = []
    actions = check_and_restart(
        "http://x", lambda: restarts.append("server"), browser_ok=lambda: True,
        restart_browser=lambda: restarts.append("browser"), probe=probes(False, False, False, False, True),
        sleep=lambda s: None,
    )  # fmt: skip
    assert actions == ["server restarted", "browser restarted"]
    assert restarts == ["server", "browser"]


def test_a_stopped_browser_alone_is_restarted() -> None:
    restarts: list[str] = []
    actions = check_and_restart(
        "http://x", lambda: restarts.append("server"), browser_ok=lambda: False,
        restart_browser=lambda: restarts.append("browser"), probe=probes(True), sleep=lambda s: None,
    )  # fmt: skip
    assert actions == ["browser restarted"] and restarts == ["browser"]


def test_a_server_that_stays_down_is_reported() -> None:
    actions = check_and_restart("http://x", lambda: None, probe=probes(False), recover_timeout_s=3,
                                pause_s=1, sleep=lambda s: None)  # fmt: skip
    assert actions == ["server restarted", "server still down"]


HEALTH_SERVER = """
import http.server, sys
class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/_stcore/health" else 404)
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Health).serve_forever()
"""


def test_a_killed_process_is_brought_back(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    processes: list[subprocess.Popen] = []

    def start() -> None:
        processes.append(
            subprocess.Popen([sys.executable, "-c", HEALTH_SERVER, str(port)], start_new_session=True)
        )

    try:
        start()
        deadline = time.monotonic() + 20
        while not healthy(url) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert healthy(url)
        os.killpg(processes[0].pid, signal.SIGKILL)
        processes[0].wait()
        assert not healthy(url)
        assert check_and_restart(url, start, attempts=2, pause_s=0.2) == ["server restarted"]
        assert healthy(url) and len(processes) == 2
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def test_a_hung_page_is_a_hung_browser_but_one_slow_answer_is_not() -> None:
    restarts: list[str] = []
    answers = [False, False]
    actions = check_and_restart(
        "http://x", lambda: restarts.append("server"), browser_ok=lambda: True,
        restart_browser=lambda: restarts.append("browser"), page_ok=lambda: answers.pop(0),
        probe=probes(True), sleep=lambda s: None,
    )  # fmt: skip
    assert actions == ["browser hung", "browser restarted"] and restarts == ["browser"]
    for page_answers in ([False, True], [None, None], [True]):
        restarts.clear()
        actions = check_and_restart(
            "http://x", lambda: restarts.append("server"), browser_ok=lambda: True,
            restart_browser=lambda: restarts.append("browser"),
            page_ok=lambda a=list(page_answers): a.pop(0), probe=probes(True), sleep=lambda s: None,
        )  # fmt: skip
        assert actions == [] and restarts == [], page_answers


PAGE = "<!doctype html><title>kiosk</title><p>ParkLoop"


def test_a_real_chromium_whose_page_hangs_is_found_and_restarted(tmp_path: Path) -> None:
    """Debian's Chromium with its DevTools port: the page answers; then a script loops forever in it
    (the browser process still runs, as a frozen kiosk's does) and the watchdog finds the page hung and
    restarts the browser."""
    import shutil

    from parkloop.kiosk import devtools

    chromium = os.environ.get("PARKLOOP_CHROMIUM", "/usr/bin/chromium")
    assert shutil.which(chromium), "chromium is needed: apt-get install chromium"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    (tmp_path / "kiosk.html").write_text(PAGE)
    browsers: list[subprocess.Popen] = []

    def start_browser() -> None:
        browsers.append(
            subprocess.Popen(
                [
                    chromium,
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    f"--remote-debugging-port={port}",
                    f"--user-data-dir={tmp_path / f'profile-{len(browsers)}'}",
                    "--no-first-run",
                    (tmp_path / "kiosk.html").as_uri(),
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        )

    def stop(browser: subprocess.Popen) -> None:
        if browser.poll() is None:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.wait()

    def restart_browser() -> None:
        stop(browsers[-1])
        start_browser()

    def wait_responsive() -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if devtools.page_responsive(port, timeout_s=5):
                return True
            time.sleep(0.3)
        return False

    try:
        assert devtools.page_responsive(port, timeout_s=1) is None, "nothing listens yet: cannot tell"
        start_browser()
        assert wait_responsive()
        page = devtools.pages(port)[0]
        devtools.evaluate(page["webSocketDebuggerUrl"], "while (true) {}", 5, wait=False)
        time.sleep(0.5)
        assert browsers[0].poll() is None, "the browser still runs"
        assert devtools.page_responsive(port, timeout_s=2) is False
        page_ok = lambda: devtools.page_responsive(port, timeout_s=2)  # noqa: E731
        actions = check_and_restart(
            "http://x", lambda: None, browser_ok=lambda: browsers[-1].poll() is None,
            restart_browser=restart_browser, page_ok=page_ok, probe=probes(True), pause_s=0.1,
        )  # fmt: skip
        assert actions == ["browser hung", "browser restarted"] and len(browsers) == 2
        assert wait_responsive(), "the restarted browser's page answers"
    finally:
        for browser in browsers:
            stop(browser)
