"""One rate limiter for everything guessable: the staff token, class join codes, starting class sessions.

Two kinds, one rule (at most ``limit`` events in a sliding window of ``window_s`` seconds):

* :class:`RateLimiter` counts in this server process's memory, for everyone together (the staff page:
  one kiosk, one lock);
* :class:`SharedRateLimiter` counts **per client** in a table of the SQLite store, so that every server
  process of a host (``make serve``) sees the same counts and one client's failures never hold up
  another's. A client is whatever key the caller passes (a hash of a device token or of a network
  address — never the address itself); rows older than the window are deleted as new ones arrive.

:class:`RateLimiter` is thread-safe: Streamlit sessions are threads of one process. Two ways to refuse:

* ``lockout_s = 0`` (class join codes): refused while ``limit`` failures lie within the window; each
  failure that ages out of the window lets one attempt through again;
* ``lockout_s > 0``: the ``limit``-th failure locks every attempt out for ``lockout_s``, doubling with
  each further lockout up to ``max_lockout_s``, until :meth:`RateLimiter.reset`.

:class:`ClientLockout` (the staff token) keeps such a lockout **per client** (a network address, or
"this machine"), in this process's memory: one client's guessing never locks out another, so a right
token from another client is never refused. Its lockouts also **decay**: each ``decay_s`` without a
lockout takes one doubling back, so a member of staff who mistyped last week starts again at
``lockout_s``, while a client that keeps guessing waits longer each time.

>>> now = [0.0]
>>> joins = RateLimiter(limit=2, window_s=60, clock=lambda: now[0])
>>> joins.failure(); joins.failure(); joins.blocked(), joins.wait_s()
(True, 60.0)
>>> now[0] = 60.0; joins.blocked()
False
"""

from __future__ import annotations

import math
import re
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


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


_TABLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def create_table(db: Any, table: str) -> None:
    """The table of a :class:`SharedRateLimiter` (for a component's migration step): one row per event."""
    if not _TABLE_NAME.match(table):
        raise ValueError(f"bad table name {table!r}")
    db.execute(f"CREATE TABLE {table} (bucket TEXT NOT NULL, client TEXT NOT NULL, at REAL NOT NULL)")
    db.execute(f"CREATE INDEX {table}_client ON {table}(bucket, client, at)")


@dataclass(frozen=True)
class SharedRateLimiter:
    """At most ``limit`` events per ``window_s`` seconds per client, counted in ``table`` of the store
    (made by :func:`create_table`), so every server process sharing the store counts together. Times are
    wall-clock seconds (processes share no monotonic clock); ``now`` lets tests set them.

    >>> import sqlite_utils
    >>> db = sqlite_utils.Database(memory=True); create_table(db, "events")
    >>> joins = SharedRateLimiter("join", limit=2, window_s=60, table="events")
    >>> joins.hit(db, "a", now=0); joins.hit(db, "a", now=1)
    >>> joins.blocked(db, "a", now=2), joins.blocked(db, "b", now=2), joins.wait_s(db, "a", now=2)
    (True, False, 58.0)
    """

    bucket: str
    limit: int
    window_s: float
    table: str = "rate_events"

    def _now(self, now: float | None) -> float:
        return time.time() if now is None else now

    def wait_s(self, db: Any, client: str, now: float | None = None) -> float:
        """Seconds until ``client`` may try again (0 when it may now)."""
        moment = self._now(now)
        rows = db.execute(
            f"SELECT at FROM {self.table} WHERE bucket = ? AND client = ? AND at > ? "
            "ORDER BY at DESC LIMIT ?",
            [self.bucket, client, moment - self.window_s, self.limit],
        ).fetchall()
        if len(rows) < self.limit:
            return 0.0
        return max(0.0, rows[-1][0] + self.window_s - moment)

    def blocked(self, db: Any, client: str, now: float | None = None) -> bool:
        """An attempt by ``client`` now would be refused."""
        return self.wait_s(db, client, now) > 0

    def hit(self, db: Any, client: str, now: float | None = None) -> None:
        """Count one event of ``client`` (a failed join, a started session); forget events past the
        window of every client of this bucket."""
        moment = self._now(now)
        with db.conn:
            db.execute(
                f"DELETE FROM {self.table} WHERE bucket = ? AND at <= ?",
                [self.bucket, moment - self.window_s],
            )
            db.execute(
                f"INSERT INTO {self.table} (bucket, client, at) VALUES (?, ?, ?)",
                [self.bucket, client, moment],
            )

    def reset(self, db: Any, client: str | None = None) -> None:
        """Forget the events of ``client``, or of every client of this bucket (tests)."""
        with db.conn:
            if client is None:
                db.execute(f"DELETE FROM {self.table} WHERE bucket = ?", [self.bucket])
            else:
                db.execute(f"DELETE FROM {self.table} WHERE bucket = ? AND client = ?", [self.bucket, client])


@dataclass
class _ClientState:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float = 0.0
    level: int = 0  # lockouts that count towards the next one's length (decays, see ClientLockout)
    quiet_since: float = 0.0  # when the last lockout ended: decay counts from here


@dataclass
class ClientLockout:
    """Per client: the ``limit``-th failure within ``window_s`` locks that client out for ``lockout_s``,
    doubling with each further lockout (up to ``max_lockout_s``); every ``decay_s`` after a lockout has
    ended without another takes one doubling back. A success resets that client only. At most
    ``max_clients`` clients are remembered (the least recently seen is forgotten first).

    >>> now = [0.0]
    >>> lock = ClientLockout(limit=2, window_s=60, lockout_s=10, clock=lambda: now[0])
    >>> lock.failure("a"); lock.failure("a"); lock.wait_s("a"), lock.wait_s("b")
    (10.0, 0.0)
    """

    limit: int = 5
    window_s: float = 300.0
    lockout_s: float = 60.0
    max_lockout_s: float = 3600.0
    decay_s: float = 3600.0
    max_clients: int = 10_000
    clock: Callable[[], float] = time.monotonic
    _clients: OrderedDict[str, _ClientState] = field(default_factory=OrderedDict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    def _state(self, client: str, create: bool) -> _ClientState | None:
        state = self._clients.get(client)
        if state is None and create:
            state = self._clients[client] = _ClientState()
            while len(self._clients) > self.max_clients:
                self._clients.popitem(last=False)
        if state is not None:
            self._clients.move_to_end(client)
        return state

    def _level(self, state: _ClientState, now: float) -> int:
        """The lockouts that still count: one fewer per ``decay_s`` since the last one ended."""
        if state.level <= 0 or now < state.quiet_since:
            return max(state.level, 0)
        return max(0, state.level - int((now - state.quiet_since) // self.decay_s))

    def wait_s(self, client: str) -> float:
        """Seconds until ``client`` may try again (0 when it may now)."""
        with self._lock:
            state = self._state(client, create=False)
            return 0.0 if state is None else max(0.0, state.locked_until - self.clock())

    def level(self, client: str) -> int:
        """The lockouts of ``client`` that still count towards the next one's length."""
        with self._lock:
            state = self._state(client, create=False)
            return 0 if state is None else self._level(state, self.clock())

    def failure(self, client: str) -> None:
        """Count one failed attempt of ``client``."""
        with self._lock:
            now = self.clock()
            state = self._state(client, create=True)
            assert state is not None
            state.failures.append(now)
            while state.failures and now - state.failures[0] >= self.window_s:
                state.failures.popleft()
            if len(state.failures) >= self.limit:
                level = self._level(state, now)
                duration = min(self.lockout_s * 2**level, self.max_lockout_s)
                state.level = level + 1
                state.locked_until = state.quiet_since = now + duration
                state.failures.clear()

    def reset(self, client: str | None = None) -> None:
        """Forget ``client`` (a right token), or every client (tests)."""
        with self._lock:
            if client is None:
                self._clients.clear()
            else:
                self._clients.pop(client, None)
