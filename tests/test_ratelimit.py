"""parkloop.ratelimit: the one limiter, in its two ways (a sliding window; lockouts that double)."""

from __future__ import annotations

from parkloop.ratelimit import RateLimiter


def test_without_lockout_each_failure_that_ages_out_lets_one_attempt_through() -> None:
    now = [1000.0]
    limiter = RateLimiter(limit=3, window_s=60, clock=lambda: now[0])
    for _ in range(3):
        assert not limiter.blocked()
        limiter.failure()
        now[0] += 10
    assert limiter.blocked() and limiter.wait_s() == 30  # the first failure leaves the window at +60
    now[0] += 30
    assert not limiter.blocked()
    limiter.failure()
    assert limiter.blocked() and limiter.wait_s() == 10


def test_with_lockout_the_limit_locks_out_and_lockouts_double_until_reset() -> None:
    now = [1000.0]
    limiter = RateLimiter(limit=2, window_s=300, lockout_s=60, max_lockout_s=150, clock=lambda: now[0])
    waits = []
    for _ in range(3):
        limiter.failure()
        assert not limiter.blocked()
        limiter.failure()
        waits.append(limiter.wait_s())
        now[0] += limiter.wait_s()
        assert not limiter.blocked()
    assert waits == [60, 120, 150]
    limiter.reset()
    limiter.failure()
    limiter.failure()
    assert limiter.wait_s() == 60
