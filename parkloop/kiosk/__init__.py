"""Kiosk mode: attract screen, idle reset, lock-down and anonymous usage (issue: kiosk mode)."""
