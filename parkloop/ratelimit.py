"""One rate limiter for everything guessable: the staff token and class join codes.

Failures are counted in a sliding window of ``window_s`` seconds, per server process and for everyone
together (a kiosk has no users to tell apart, and telling them apart by IP address is what this project
does not do). Thread-safe: Streamlit sessions are threads of one process. Two ways to refuse:

* ``lockout_s = 0`` (class join codes): refused while ``limit`` failures lie within the window; each
  failure that ages out of the window lets one attempt through again;
* ``lockout_s > 0`` (the staff token): the ``limit``-th failure locks every attempt out for ``lockout_s``,
  doubling with each further lockout up to ``max_lockout_s``, until :meth:`RateLimiter.reset` (a right
  token).

>>> now = [0.0]
>>> joins = RateLimiter(limit=2, window_s=60, clock=lambda: now[0])
>>> joins.failure(); joins.failure(); joins.blocked(), joins.wait_s()
(True, 60.0)
>>> now[0] = 60.0; joins.blocked()
False
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    """At most ``limit`` failures per ``window_s`` seconds; then wait (see the module for the two ways)."""

    limit: int
    window_s: float
    lockout_s: float = 0.0
    max_lockout_s: float = math.inf
    clock: Callable[[], float] = time.monotonic
    _failures: deque[float] = field(default_factory=deque, init=False, repr=False)
    _locked_until: float = field(default=0.0, init=False, repr=False)
    _lockouts: int = field(default=0, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    def _trim(self, now: float) -> None:
        while self._failures and now - self._failures[0] >= self.window_s:
            self._failures.popleft()

    def wait_s(self) -> float:
        """Seconds until an attempt is accepted again (0 when it is accepted now)."""
        with self._lock:
            now = self.clock()
            if self.lockout_s > 0:
                return max(0.0, self._locked_until - now)
            self._trim(now)
            if len(self._failures) < self.limit:
                return 0.0
            return self._failures[-self.limit] + self.window_s - now

    def blocked(self) -> bool:
        """An attempt now would be refused."""
        return self.wait_s() > 0

    def failure(self) -> None:
        """Count one failed attempt (a wrong token, a join code that opens no session)."""
        with self._lock:
            now = self.clock()
            self._failures.append(now)
            self._trim(now)
            if self.lockout_s <= 0:
                while len(self._failures) > self.limit:  # only the newest `limit` decide the wait
                    self._failures.popleft()
            elif len(self._failures) >= self.limit:
                duration = min(self.lockout_s * 2**self._lockouts, self.max_lockout_s)
                self._lockouts += 1
                self._locked_until = now + duration
                self._failures.clear()

    def reset(self) -> None:
        """Forget every failure and lockout (a right token; tests)."""
        with self._lock:
            self._failures.clear()
            self._lockouts = 0
            self._locked_until = 0.0
