"""Kiosk mode without Streamlit: the screen's HTML (lock-down, idle reset, attract screen: :mod:`.screen`),
its highlights (:mod:`.attract`), anonymous usage (:mod:`.usage`), the launcher, the watchdog and the CLI.
The frame's kiosk hook, which draws these on every run, is :mod:`parkloop.ui.kiosk`; the deployment
(systemd units, Chromium flags, runbook) is the top-level ``kiosk/`` folder."""
