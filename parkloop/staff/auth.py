"""The staff page's lock: a token from the environment, compared in constant time, guessing slowed down.

No Streamlit here (tested directly). :data:`LIMITER` is the one lock of this server process (the one
process that serves a kiosk, its staff page and a park's phones), a :class:`parkloop.ratelimit.RateLimiter`
counting everyone's failures together: after ``limit`` wrong tokens within ``window_s`` it refuses every
attempt (right or wrong) for ``lockout_s``, doubling with each further lockout up to ``max_lockout_s``; a
right token resets it.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from enum import Enum

from parkloop.ratelimit import RateLimiter


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
class StaffLock(RateLimiter):
    """The rate limiter with the staff page's defaults and a token check."""

    limit: int = 5
    window_s: float = 300.0
    lockout_s: float = 60.0
    max_lockout_s: float = 3600.0

    def check(self, given: str, expected: str) -> Verdict:
        """One attempt: DISABLED without a token, LOCKED while locked out, else OK or WRONG (counted)."""
        if not expected:
            return Verdict.DISABLED
        if self.wait_s() > 0:
            return Verdict.LOCKED
        if token_matches(given, expected):
            self.reset()
            return Verdict.OK
        self.failure()
        return Verdict.WRONG


LIMITER = StaffLock()
"""The one limiter of this server process."""
