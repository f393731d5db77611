"""The staff page's lock: a token from the environment, compared in constant time, guessing slowed down
**per client**.

No Streamlit here (tested directly). :data:`LIMITER` is this server process's
:class:`parkloop.ratelimit.ClientLockout`: after ``limit`` wrong tokens within ``window_s`` from one
client (its network address, :func:`client_key`), that client — and only that client — is refused for
``lockout_s``, doubling with each further lockout up to ``max_lockout_s``; the doubling decays (one step
back per ``decay_s`` without a lockout), and a right token resets that client. A right token from any
other client is never refused because of someone else's guessing.

With ``make serve``'s two workers each keeps its own counts: a guesser gets at most twice the attempts,
5 per 5 minutes per worker before the lock-outs grow — against a staff token of a dozen characters or
more, nothing.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from enum import Enum

from parkloop.ratelimit import ClientLockout

LOCAL_CLIENT = "this-machine"
"""The client key of a connection without an address: this machine itself (a kiosk, a developer)."""


class Verdict(Enum):
    OK = "ok"
    WRONG = "wrong"
    LOCKED = "locked"  # too many failures from this client: wait, whatever was typed
    DISABLED = "disabled"  # no token configured: the staff pages stay closed


def token_matches(given: str, expected: str) -> bool:
    """Constant-time comparison of UTF-8 bytes; an empty expected token never matches."""
    if not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def client_key(address: str | None) -> str:
    """Whom the limiter counts: the client's network address, or :data:`LOCAL_CLIENT`."""
    return f"ip:{address[:64]}" if address else LOCAL_CLIENT


@dataclass
class StaffLock(ClientLockout):
    """The per-client lockout with the staff page's defaults and a token check."""

    limit: int = 5
    window_s: float = 300.0
    lockout_s: float = 60.0
    max_lockout_s: float = 3600.0
    decay_s: float = 3600.0

    def check(self, given: str, expected: str, client: str = LOCAL_CLIENT) -> Verdict:
        """One attempt by ``client``: DISABLED without a token, LOCKED while this client is locked out,
        else OK (this client's record forgotten) or WRONG (counted for this client)."""
        if not expected:
            return Verdict.DISABLED
        if self.wait_s(client) > 0:
            return Verdict.LOCKED
        if token_matches(given, expected):
            self.reset(client)
            return Verdict.OK
        self.failure(client)
        return Verdict.WRONG


LIMITER = StaffLock()
"""The one limiter of this server process (its counts are per client)."""
