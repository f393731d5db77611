"""The staff page's lock: a token from the environment, compared in constant time, guessing slowed down.

No Streamlit here (tested directly). The limiter is per server process — the one process that serves a
kiosk, its staff page and a park's phones — and counts failures of everyone together: a kiosk has no
users to tell apart, and telling them apart by IP address is what this project does not do. After
``max_failures`` wrong tokens within ``window_s`` the lock refuses every attempt (right or wrong) for
``lockout_s``, doubling with each further lockout up to ``max_lockout_s``; a right token resets it.
"""

from __future__ import annotations

import hmac
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum


class Verdict(Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"  # too many failures: wait, whatever was typed
    DISABLED = "disabled"  # no token configured: the staff pages stay closed


def token_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of UTF-8 bytes; an empty expected token never matches."""
    if not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


@dataclass
class RateLimiter:
    """Failures in a sliding window; a lockout that doubles while guessing goes on."""

    max_failures: int = 5
    window_s: float = 300.0
    lockout_s: float = 60.0
    max_lockout_s: float = 3600.0
    clock: Callable[[], float] = time.monotonic

    def __post_init__(self) -> None:
        self._failures: deque[float] = deque()
        self._locked_until = 0.0
        self._lockouts = 0
        self._lock = threading.Lock()

    def wait_s(self) -> float:
        """Seconds until an attempt is accepted again (0 when not locked)."""
        with self._lock:
            return max(0.0, self._locked_until - self.clock())

    def failure(self) -> None:
        with self._lock:
            now = self.clock()
            self._failures.append(now)
            while self._failures and self._failures[0] < now - self.window_s:
                self._failures.popleft()
            if len(self._failures) >= self.max_failures:
                duration = min(self.lockout_s * 2**self._lockouts, self.max_lockout_s)
                self._lockouts += 1
                self._locked_until = now + duration
                self._failures.clear()

    def success(self) -> None:
        with self._lock:
            self._failures.clear()
            self._lockouts = 0
            self._locked_until = 0.0

    def check(self, given: str, expected: str) -> Verdict:
        """One attempt: DISABLED without a token, LOCKED while locked out, else OK or WRONG (counted)."""
        if not expected:
            return Verdict.DISABLED
        if self.wait_s() > 0:
            return Verdict.LOCKED
        if token_matches(given, expected):
            self.success()
            return Verdict.OK
        self.failure()
        return Verdict.WRONG


LIMITER = RateLimiter()
"""The one limiter of this server process."""
