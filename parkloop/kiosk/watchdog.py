"""The kiosk's watchdog: is the server answering, is the browser up? Restart what is broken.

systemd already restarts a server or a browser that *exits* (``Restart=always``). The watchdog catches
what systemd cannot see: a server process that is alive but no longer answers ``/_stcore/health``, a
browser unit that is not running, and a browser that runs but **hangs** — its page does not answer one
line of JavaScript over Chromium's DevTools port within ``--page-timeout`` seconds, twice
(:mod:`parkloop.kiosk.devtools`; ``kiosk/run-kiosk.sh`` opens the port on 127.0.0.1). Run once a minute
by ``kiosk/systemd/parkloop-watchdog.timer``::

    python -m parkloop.kiosk.watchdog --url http://127.0.0.1:8501 \\
        --server-unit parkloop-server.service --browser-unit parkloop-browser.service --devtools-port 9222

The decision is :func:`check_and_restart`, tested with plain callables (tests restart a real server
killed with SIGKILL through it); systemd is only the default way of restarting.
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

from parkloop.kiosk import devtools
from parkloop.serve import HEALTH_PATH, healthy

log = logging.getLogger("parkloop.kiosk.watchdog")


def check_and_restart(
    base_url: str,
    restart_server: Callable[[], None],
    *,
    browser_ok: Callable[[], bool] | None = None,
    restart_browser: Callable[[], None] | None = None,
    page_ok: Callable[[], bool | None] | None = None,
    probe: Callable[[str], bool] = healthy,
    attempts: int = 3,
    pause_s: float = 2.0,
    recover_timeout_s: float = 60.0,
    sleep: Callable[[float], None] = time.sleep,
) -> list[str]:
    """Check the server (``attempts`` probes ``pause_s`` apart: one slow answer under load is not a
    failure) and the browser; restart what is broken. A restarted server is waited for (up to
    ``recover_timeout_s``), then the browser is restarted too, so that it shows a fresh page instead of
    "connection lost". ``page_ok`` asks the running browser's page for an answer (``None``: cannot
    tell, e.g. no DevTools port): ``False`` twice, ``pause_s`` apart, is a hung browser, restarted too.
    Returns what was done, e.g. ``["server restarted", "browser restarted"]``, ``["browser hung",
    "browser restarted"]``; ``[]`` when everything was fine."""
    actions: list[str] = []
    server_fine = False
    for attempt in range(max(attempts, 1)):
        if probe(base_url):
            server_fine = True
            break
        if attempt + 1 < attempts:
            sleep(pause_s)
    if not server_fine:
        log.warning("server at %s does not answer %s: restarting it", base_url, HEALTH_PATH)
        restart_server()
        actions.append("server restarted")
        waited = 0.0
        while not probe(base_url):
            if waited >= recover_timeout_s:
                log.error("server still not healthy %.0f s after the restart", recover_timeout_s)
                actions.append("server still down")
                break
            sleep(pause_s)
            waited += pause_s
    browser_broken = browser_ok is not None and not browser_ok()
    hung = not browser_broken and server_fine and page_ok is not None and _page_hung(page_ok, pause_s, sleep)
    if hung:
        log.warning("the browser runs but its page does not answer")
        actions.append("browser hung")
    if restart_browser is not None and (browser_broken or hung or not server_fine):
        reason = "not running" if browser_broken else "page not answering" if hung else "after the server"
        log.warning("restarting the browser (%s)", reason)
        restart_browser()
        actions.append("browser restarted")
    return actions


def _page_hung(page_ok: Callable[[], bool | None], pause_s: float, sleep: Callable[[float], None]) -> bool:
    """Two answers of ``False`` in a row (one slow answer while the machine is busy is not a hang)."""
    for attempt in range(2):
        if page_ok() is not False:
            return False
        if attempt == 0:
            sleep(pause_s)
    return True


# --------------------------------------------------------------------------------------------
# systemd (user units of the kiosk's auto-login account)
# --------------------------------------------------------------------------------------------
def _systemctl(*args: str, user: bool) -> subprocess.CompletedProcess[bytes]:
    command = ["systemctl", *(["--user"] if user else []), *args]
    return subprocess.run(command, capture_output=True, timeout=60, check=False)


def unit_active(unit: str, *, user: bool = True) -> bool:
    return _systemctl("is-active", "--quiet", unit, user=user).returncode == 0


def unit_restarter(unit: str, *, user: bool = True) -> Callable[[], None]:
    def restart() -> None:
        result = _systemctl("restart", unit, user=user)
        if result.returncode != 0:
            log.error("systemctl restart %s failed: %s", unit, result.stderr.decode(errors="replace").strip())

    return restart


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m parkloop.kiosk.watchdog", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--url", default="http://127.0.0.1:8501", help="the server (default %(default)s)")
    parser.add_argument("--server-unit", default="parkloop-server.service")
    parser.add_argument("--browser-unit", default="parkloop-browser.service", help="'' for no browser check")
    parser.add_argument("--system", action="store_true", help="system units instead of --user units")
    parser.add_argument(
        "--devtools-port", type=int, default=devtools.DEFAULT_PORT,
        help="Chromium's remote debugging port on 127.0.0.1 to ask the page for an answer; 0: no page check",
    )  # fmt: skip
    parser.add_argument("--page-timeout", type=float, default=10.0, help="seconds the page has to answer")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(name)s: %(message)s")
    user = not args.system
    browser_unit = args.browser_unit or None
    actions = check_and_restart(
        args.url,
        unit_restarter(args.server_unit, user=user),
        browser_ok=(lambda: unit_active(browser_unit, user=user)) if browser_unit else None,
        restart_browser=unit_restarter(browser_unit, user=user) if browser_unit else None,
        page_ok=(
            (
                lambda: devtools.page_responsive(
                    args.devtools_port, url_prefix=args.url, timeout_s=args.page_timeout
                )
            )
            if browser_unit and args.devtools_port
            else None
        ),
    )
    log.info("%s", ", ".join(actions) if actions else "server and browser fine")
    return 1 if "server still down" in actions else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
