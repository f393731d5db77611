"""Staff: the park staff's sign-in, kiosk usage and QR-tour statistics, and their page (``/staff``).

* :mod:`.auth` — the staff token check behind the server-wide rate limiter;
* :mod:`.stats` — what the page shows (pure): visits per exhibit, hour and language, tour statistics;
* ``pages/staff.py`` — the page itself; a kiosk never shows it.
"""
