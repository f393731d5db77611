"""The staff page's lock (constant-time token check, rate limit), its summaries, and the page itself in
AppTest: refused without a token, with a wrong token and on a kiosk; charts and CSV export once signed in."""

from __future__ import annotations

import hmac
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from parkloop.content import CJK_ALLOWLIST, t
from parkloop.i18n import contains_cjk
from parkloop.kiosk import usage
from parkloop.staff import auth, stats
from parkloop.staff.auth import StaffLock, Verdict

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TOKEN = "correct horse battery staple"


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_token_check_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: calls.append((a, b)) or real(a, b))
    assert auth.token_matches(TOKEN, TOKEN)
    assert not auth.token_matches(TOKEN[:-1], TOKEN)
    assert len(calls) == 2
    assert not auth.token_matches("", "")  # no token configured: nothing matches


def test_five_failures_lock_out_even_the_right_token() -> None:
    clock = Clock()
    limiter = StaffLock(limit=5, window_s=300, lockout_s=60, clock=clock)
    for _ in range(4):
        assert limiter.check("guess", TOKEN) is Verdict.WRONG
    assert limiter.wait_s(auth.LOCAL_CLIENT) == 0
    assert limiter.check("guess", TOKEN) is Verdict.WRONG  # the fifth
    assert limiter.wait_s(auth.LOCAL_CLIENT) == 60
    assert limiter.check(TOKEN, TOKEN) is Verdict.LOCKED
    clock.now += 61
    assert limiter.check(TOKEN, TOKEN) is Verdict.OK


def test_lockouts_double_while_guessing_goes_on() -> None:
    clock = Clock()
    limiter = StaffLock(limit=5, window_s=300, lockout_s=60, max_lockout_s=200, clock=clock)
    waits = []
    for _ in range(3):
        for _ in range(5):
            limiter.check("guess", TOKEN)
        waits.append(limiter.wait_s(auth.LOCAL_CLIENT))
        clock.now += limiter.wait_s(auth.LOCAL_CLIENT) + 1
    assert waits == [60, 120, 200]  # doubling, capped


def test_failures_outside_the_window_are_forgotten() -> None:
    clock = Clock()
    limiter = StaffLock(limit=5, window_s=300, clock=clock)
    for _ in range(4):
        limiter.check("guess", TOKEN)
    clock.now += 301
    assert limiter.check("guess", TOKEN) is Verdict.WRONG
    assert limiter.wait_s(auth.LOCAL_CLIENT) == 0


def test_one_clients_guessing_never_refuses_another_clients_right_token() -> None:
    clock = Clock()
    limiter = StaffLock(limit=5, window_s=300, lockout_s=60, clock=clock)
    guesser, staff = auth.client_key("203.0.113.9"), auth.client_key("198.51.100.7")
    for _ in range(50):
        limiter.check("guess", TOKEN, guesser)
    assert limiter.check(TOKEN, TOKEN, guesser) is Verdict.LOCKED
    assert limiter.wait_s(staff) == 0
    assert limiter.check(TOKEN, TOKEN, staff) is Verdict.OK
    assert limiter.check("typo", TOKEN, auth.client_key(None)) is Verdict.WRONG  # this machine: its own
    assert limiter.check(TOKEN, TOKEN, auth.LOCAL_CLIENT) is Verdict.OK


def test_the_lockout_decays_after_quiet_hours() -> None:
    clock = Clock()
    limiter = StaffLock(limit=5, window_s=300, lockout_s=60, max_lockout_s=3600, decay_s=3600, clock=clock)
    client = auth.client_key("203.0.113.9")

    def lock_out() -> float:
        for _ in range(5):
            limiter.check("guess", TOKEN, client)
        wait = limiter.wait_s(client)
        clock.now += wait
        return wait

    assert [lock_out() for _ in range(4)] == [60, 120, 240, 480]  # guessing on: longer each time
    clock.now += 2 * 3600 + 1  # two quiet hours take two doublings back
    assert limiter.level(client) == 2
    assert lock_out() == 240
    clock.now += 10 * 3600
    assert limiter.level(client) == 0 and lock_out() == 60  # back to the first length


def test_the_limiter_remembers_a_bounded_number_of_clients() -> None:
    limiter = StaffLock(max_clients=100, clock=Clock())
    for n in range(1000):
        limiter.check("guess", TOKEN, f"ip:{n}")
    assert len(limiter._clients) == 100


def test_no_token_means_disabled() -> None:
    assert StaffLock().check("anything", "") is Verdict.DISABLED


ROWS = [
    {"day": "2026-05-01", "kiosk": "k1", "page": "power", "lang": "zh", "hour": 10, "opens": 5,
     "interactions": 9, "resets": 0, "dwell_s": 100.0, "dwell_n": 4},
    {"day": "2026-05-01", "kiosk": "k2", "page": "power", "lang": "en", "hour": 14, "opens": 2,
     "interactions": 1, "resets": 0, "dwell_s": 20.0, "dwell_n": 1},
    {"day": "2026-05-02", "kiosk": "k1", "page": "water", "lang": "zh", "hour": 14, "opens": 4,
     "interactions": 0, "resets": 0, "dwell_s": 0.0, "dwell_n": 0},
    {"day": "2026-05-02", "kiosk": "k1", "page": "attract", "lang": "zh", "hour": 15, "opens": 0,
     "interactions": 0, "resets": 3, "dwell_s": 0.0, "dwell_n": 0},
]  # fmt: skip


def test_staff_summaries_from_hand_counted_rows() -> None:
    per_page = stats.visits_per_page(ROWS, "en")
    assert per_page == [
        {"page": t("nav.power", "en"), "visits": 7},
        {"page": t("nav.water", "en"), "visits": 4},
    ]
    per_hour = stats.visits_per_hour(ROWS)
    assert len(per_hour) == 24 and per_hour[10]["visits"] == 5 and per_hour[14]["visits"] == 6
    assert stats.summary_hours(per_hour, "en") == t("staff.summary.hour", "en", hour=14, next=15, n="6")
    per_lang = {row["code"]: row["visits"] for row in stats.visits_per_lang(ROWS, "en")}
    assert per_lang == {"zh": 9, "en": 2}
    overall = stats.overall(ROWS)
    assert (overall["opens"], overall["resets"], overall["mean_dwell_s"]) == (11, 3, 24.0)
    assert "7" in stats.summary_pages(per_page, "zh") and "11" in stats.summary_pages(per_page, "zh")
    assert stats.page_name("future-exhibit", "en") == "future-exhibit"


def sign_in(at: AppTest, token: str) -> AppTest:
    """Type into the form and press its button in one run (a form sends its values on submit)."""
    at.text_input[0].input(token)
    labels = {t("staff.sign_in", lang) for lang in ("zh", "en")}
    return next(b for b in at.get("button") if b.label in labels).click().run()


def run_staff(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *, token: str, lang: str = "en",
              mode: str | None = None) -> AppTest:  # fmt: skip
    monkeypatch.setenv("PARKLOOP_STAFF_TOKEN", token)
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(tmp_path / "staff.sqlite"))
    usage.reset_shared_store()
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    if mode:
        at.query_params["mode"] = mode
    at.switch_page("parkloop/staff/pages/staff.py")
    return at.run()


@pytest.fixture(autouse=True)
def fresh_limiter(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(auth, "LIMITER", StaffLock())
    yield
    usage.reset_shared_store()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_a_token_the_page_stays_locked(monkeypatch, tmp_path, lang: str) -> None:
    at = run_staff(monkeypatch, tmp_path, token="", lang=lang)
    assert not at.exception
    assert [w.value for w in at.warning] == [t("staff.locked_no_token", lang)]
    assert len(at.text_input) == 0


def test_a_wrong_token_is_refused(monkeypatch, tmp_path) -> None:
    at = run_staff(monkeypatch, tmp_path, token=TOKEN)
    sign_in(at, "not the password")
    assert [e.value for e in at.error] == [t("staff.wrong", "en")]
    assert not at.get("download_button")
    assert t("staff.export", "en") not in str(at)


def test_the_right_token_shows_charts_and_export(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("PARKLOOP_STORE_PATH", str(tmp_path / "staff.sqlite"))
    seeded = usage.UsageStore.open(tmp_path / "staff.sqlite")
    seeded.record("open", kiosk="kiosk-1", page="power", lang="zh")
    seeded.record("open", kiosk="kiosk-1", page="water", lang="en")
    at = run_staff(monkeypatch, tmp_path, token=TOKEN)
    sign_in(at, TOKEN)
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    charts = at.get("arrow_vega_lite_chart") or at.get("vega_lite_chart")
    assert len(charts) == 4  # visits per exhibit, per hour, per language; QR-tour scans per station
    summaries = "\n".join(e.proto.body for e in at.get("html"))
    assert t("staff.summary.lang", "en", zh="1", en="1") in summaries
    assert len(at.get("download_button")) == 1
    text = "\n".join(m.value for m in at.markdown) + summaries
    assert contains_cjk(text, CJK_ALLOWLIST) == []


def test_five_wrong_tokens_lock_the_form(monkeypatch, tmp_path) -> None:
    at = run_staff(monkeypatch, tmp_path, token=TOKEN)
    for _ in range(5):
        sign_in(at, "guess")
    sign_in(at, TOKEN)
    assert [e.value for e in at.error] == [t("staff.locked_out", "en", minutes=1)]
    assert not at.get("download_button")


def test_the_staff_page_is_refused_on_a_kiosk(monkeypatch, tmp_path) -> None:
    at = run_staff(monkeypatch, tmp_path, token=TOKEN, mode="kiosk")
    assert not at.exception
    assert t("kiosk.staff_blocked", "en") in [i.value for i in at.info]
    assert len(at.text_input) == 0
