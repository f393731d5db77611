#!/usr/bin/env bash
# ParkLoop kiosk launcher: the Streamlit server with the kiosk config, and Chromium full screen on it.
#
#   kiosk/run-kiosk.sh            server + browser, in the foreground (what `make kiosk` runs on a desktop);
#                                 Ctrl+C (or closing the browser with Alt+F4) stops both
#   kiosk/run-kiosk.sh server     the server only (systemd: parkloop-server.service)
#   kiosk/run-kiosk.sh browser    Chromium only, once the server answers (systemd: parkloop-browser.service)
#
# Settings: kiosk/streamlit-kiosk.toml; any PARKLOOP_* variable already set wins, e.g.
#   PARKLOOP_KIOSK_IDLE_S=30 PARKLOOP_KIOSK_NAME=lobby-east kiosk/run-kiosk.sh
# Other variables: PARKLOOP_KIOSK_CONFIG (another TOML), PARKLOOP_CHROMIUM (browser binary),
# PARKLOOP_KIOSK_WINDOWED=1 (a normal window instead of full screen, for trying it on a desktop),
# PARKLOOP_KIOSK_DEVTOOLS_PORT (9222; 0 for none): Chromium's remote debugging port on 127.0.0.1, which
# the watchdog uses to ask the page for an answer (a browser that runs but hangs is restarted).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/.." && pwd)"
PYTHON="${PARKLOOP_PYTHON:-$REPO/.venv/bin/python}"
CONFIG="${PARKLOOP_KIOSK_CONFIG:-$HERE/streamlit-kiosk.toml}"
CHROMIUM="${PARKLOOP_CHROMIUM:-$(command -v chromium || command -v chromium-browser || echo /usr/bin/chromium)}"
PROFILE="${PARKLOOP_KIOSK_PROFILE:-${XDG_STATE_HOME:-$HOME/.local/state}/parkloop-kiosk-chromium}"

if [ ! -x "$PYTHON" ]; then
  echo "run-kiosk: $PYTHON not found; run 'make install' in $REPO first" >&2
  exit 1
fi

URL="$("$PYTHON" -m parkloop.kiosk.launch url --config "$CONFIG")"
BASE="${URL%%/\?*}"

wait_for_server() {
  for _ in $(seq 1 120); do
    if [ "$(curl -fsS --max-time 2 "$BASE/_stcore/health" 2>/dev/null || true)" = "ok" ]; then
      return 0
    fi
    sleep 1
  done
  echo "run-kiosk: the server at $BASE did not answer within 2 minutes" >&2
  return 1
}

run_server() {
  cd "$REPO"
  exec "$PYTHON" -m parkloop.kiosk.launch server --config "$CONFIG"
}

run_browser() {
  wait_for_server
  mkdir -p "$PROFILE"
  # A clean exit flag: Chromium offers no "restore pages?" bubble after a power cut.
  sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"[^"]*"/"exit_type":"Normal"/' \
    "$PROFILE/Default/Preferences" 2>/dev/null || true
  local mode=(--kiosk)
  if [ "${PARKLOOP_KIOSK_WINDOWED:-0}" = "1" ]; then mode=(--window-size=1920,1080); fi
  local devtools=()
  local port="${PARKLOOP_KIOSK_DEVTOOLS_PORT:-9222}"
  if [ "$port" != "0" ]; then devtools=(--remote-debugging-address=127.0.0.1 --remote-debugging-port="$port"); fi
  exec "$CHROMIUM" "${mode[@]}" "${devtools[@]}" "$URL" \
    --user-data-dir="$PROFILE" \
    --no-first-run --no-default-browser-check --noerrdialogs --disable-infobars \
    --disable-session-crashed-bubble --disable-translate --disable-features=Translate,TranslateUI \
    --disable-pinch --overscroll-history-navigation=0 --disable-background-networking \
    --disable-component-update --disable-sync --disable-default-apps --disable-extensions \
    --autoplay-policy=no-user-gesture-required --check-for-update-interval=31536000 \
    --password-store=basic --incognito
}

case "${1:-all}" in
  server) run_server ;;
  browser) run_browser ;;
  all)
    ( run_server ) &
    SERVER_PID=$!
    trap 'kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true' EXIT INT TERM
    ( run_browser ) || true
    ;;
  *) echo "usage: $0 [server|browser|all]" >&2; exit 2 ;;
esac
