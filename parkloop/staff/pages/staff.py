"""Page "staff": anonymous kiosk usage for park staff — behind a password, never on a kiosk.

The password is the ``staff_token`` setting (``PARKLOOP_STAFF_TOKEN``); without one the page stays
locked. Wrong passwords are counted by the server-wide limiter (:mod:`parkloop.staff.auth`).
Signed in, staff see visits per exhibit, per hour and per language (all kiosks imported so far),
download this store's daily totals as CSV and import another kiosk's CSV.
"""

from __future__ import annotations

import math

import altair as alt
import pandas as pd
import streamlit as st

from parkloop import settings
from parkloop.content import page_section, t
from parkloop.i18n import format_number, format_percent
from parkloop.kiosk import usage
from parkloop.staff import stats
from parkloop.staff.auth import LIMITER, Verdict
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md
from parkloop.ui.state import current_mode

SIGNED_IN = "parkloop_staff_signed_in"
MAX_IMPORT_BYTES = 5_000_000


def mode_is_not_kiosk() -> bool:
    """The intro speaks to staff; on a kiosk the page shows only the refusal."""
    return current_mode() != "kiosk"


def _token() -> str:
    try:
        return str(settings.get("staff_token"))
    except Exception:  # noqa: BLE001 — an unusable setting locks the page, it does not break it
        return ""


def sign_in(lang: str, token: str) -> bool:
    """The password form; True once this session has given the right password."""
    if st.session_state.get(SIGNED_IN):
        return True
    with st.form("staff-sign-in", border=True, width=480):
        given = st.text_input(t("staff.token_label", lang), type="password", max_chars=200)
        submitted = st.form_submit_button(t("staff.sign_in", lang), type="primary")
    if not submitted:
        return False
    verdict = LIMITER.check(given or "", token)
    if verdict is Verdict.OK:
        st.session_state[SIGNED_IN] = True
        st.rerun()
    if verdict is Verdict.LOCKED:
        st.error(t("staff.locked_out", lang, minutes=max(1, math.ceil(LIMITER.wait_s() / 60))))
    else:
        st.error(t("staff.wrong", lang))
    return False


def bar_chart(data: list[dict], x: str, y: str, x_title: str, y_title: str, *, horizontal: bool) -> None:
    frame = pd.DataFrame(data)
    if horizontal:
        chart = (
            alt.Chart(frame)
            .mark_bar(color="#047857")
            .encode(
                y=alt.Y(f"{x}:N", sort=None, title=x_title, axis=alt.Axis(labelLimit=320, labelFontSize=14)),
                x=alt.X(f"{y}:Q", title=y_title, axis=alt.Axis(tickMinStep=1)),
                tooltip=[alt.Tooltip(f"{x}:N", title=x_title), alt.Tooltip(f"{y}:Q", title=y_title)],
            )
        )
    else:
        chart = (
            alt.Chart(frame)
            .mark_bar(color="#047857")
            .encode(
                x=alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0)),
                y=alt.Y(f"{y}:Q", title=y_title, axis=alt.Axis(tickMinStep=1)),
                tooltip=[alt.Tooltip(f"{x}:O", title=x_title), alt.Tooltip(f"{y}:Q", title=y_title)],
            )
        )
    chart = chart.properties(height=max(220, 34 * len(data)) if horizontal else 260).configure_axis(
        labelColor="#1f2937", titleColor="#1f2937", labelFontSize=14, titleFontSize=14, gridColor="#e5e7eb"
    )  # Vega's default grey axis text is below the 4.5:1 contrast asked for
    st.altair_chart(chart)


def statistics(lang: str, store: usage.UsageStore, kiosk: str) -> None:
    rows = store.daily_rows()
    kiosks = sorted({row["kiosk"] for row in rows} | {kiosk})
    st.markdown(escape_md(t("staff.kiosks", lang, n=len(kiosks), names=", ".join(kiosks))))
    if not rows:
        st.info(t("staff.no_data", lang))
        return
    totals = stats.overall(rows)
    dwell = totals["mean_dwell_s"]
    st.markdown(
        escape_md(
            t(
                "staff.totals",
                lang,
                opens=format_number(totals["opens"], lang, exact=True),
                interactions=format_number(totals["interactions"], lang, exact=True),
                resets=format_number(totals["resets"], lang, exact=True),
                dwell="—" if dwell is None else t("staff.seconds", lang, n=format_number(round(dwell), lang)),
            )
        )
    )
    visits = t("staff.col.visits", lang)
    per_page = stats.visits_per_page(rows, lang)
    if per_page:
        st.subheader(t("staff.chart.page", lang))
        bar_chart(per_page, "page", "visits", t("staff.col.page", lang), visits, horizontal=True)
        chart_summary(stats.summary_pages(per_page, lang))
    left, right = st.columns([2, 1], gap="large")
    with left:
        st.subheader(t("staff.chart.hour", lang))
        per_hour = stats.visits_per_hour(rows)
        bar_chart(per_hour, "hour", "visits", t("staff.col.hour", lang), visits, horizontal=False)
        chart_summary(stats.summary_hours(per_hour, lang))
    with right:
        st.subheader(t("staff.chart.lang", lang))
        per_lang = stats.visits_per_lang(rows, lang)
        bar_chart(per_lang, "lang", "visits", t("staff.col.lang", lang), visits, horizontal=False)
        chart_summary(stats.summary_langs(per_lang, lang))


def exchange(lang: str, store: usage.UsageStore, kiosk: str) -> None:
    st.download_button(
        t("staff.export", lang),
        data=store.export_csv().encode("utf-8-sig"),  # the BOM makes spreadsheet programs read UTF-8
        file_name=f"parkloop-usage-{kiosk}.csv",
        mime="text/csv",
        help=t("staff.export_help", lang),
    )
    upload = st.file_uploader(t("staff.import", lang), type=["csv"], key="staff-import")
    if upload is None:
        return
    if upload.size > MAX_IMPORT_BYTES:
        st.error(t("staff.import_unreadable", lang))
        return
    try:
        text = upload.getvalue().decode("utf-8-sig")
    except UnicodeDecodeError:
        st.error(t("staff.import_unreadable", lang))
        return
    report = store.import_csv(text, own_kiosk=kiosk)
    if report.imported == 0 and report.skipped:
        st.error(t("staff.import_unreadable", lang))
    else:
        names = ", ".join(sorted(report.kiosks)) or "—"
        st.success(
            escape_md(t("staff.import_done", lang, n=report.imported, kiosks=names, skipped=report.skipped))
        )
    if report.problems:
        st.markdown(t("staff.import_problems", lang))
        st.markdown("\n".join(f"- {escape_md(problem)}" for problem in report.problems))


def tour_stats(lang: str) -> None:
    """QR tours: scans per station and per hour, route completion rates."""
    st.subheader(t("tours.stats.title", lang), anchor=False)
    found = stats.tour_statistics()
    if found is None:
        st.info(t("tours.stats.unavailable", lang))
        return
    tours, numbers = found
    st.caption(t("tours.stats.note", lang))
    st.markdown(
        t(
            "tours.stats.total",
            lang,
            scans=format_number(numbers["scans"], lang, exact=True),
            visitors=format_number(numbers["passports"], lang, exact=True),
        )
    )
    st.markdown(f"**{t('tours.stats.per_station', lang)}**")
    st.table(
        pd.DataFrame(
            [
                {
                    t("tours.stats.station", lang): t(
                        "tours.station_line",
                        lang,
                        number=s.number,
                        title=t(f"tours.station.{s.id}.title", lang),
                    ),
                    t("tours.stats.scans", lang): format_number(
                        numbers["per_station"].get(s.id, 0), lang, exact=True
                    ),
                }
                for s in tours.stations.values()
            ]
        ),
        hide_index=True,
    )
    st.markdown(f"**{t('tours.stats.per_hour', lang)}**")
    hours = pd.DataFrame(
        {t("tours.stats.hour", lang): list(range(24)), t("tours.stats.scans", lang): numbers["per_hour"]}
    )
    st.bar_chart(hours, x=t("tours.stats.hour", lang), y=t("tours.stats.scans", lang), height=220)
    peak = stats.peak_hour(numbers["per_hour"])
    chart_summary(
        t("tours.stats.summary_peak", lang, hour=peak[0], scans=format_number(peak[1], lang, exact=True))
        if peak
        else t("tours.stats.summary_none", lang)
    )
    st.markdown(f"**{t('tours.stats.completion', lang)}**")
    rows = []
    for route_id, route in numbers["completion"].items():
        rate = route["rate"]
        rows.append(
            {
                t("tours.stats.route", lang): t(f"tours.route.{route_id}.title", lang),
                t("tours.stats.started", lang): format_number(route["started"], lang, exact=True),
                t("tours.stats.completed", lang): format_number(route["completed"], lang, exact=True),
                t("tours.stats.rate", lang): "—" if rate is None else format_percent(rate, lang),
            }
        )
    st.table(pd.DataFrame(rows), hide_index=True)


def main() -> None:
    lang, mode = exhibit_start("staff", intro=mode_is_not_kiosk())
    if mode == "kiosk":  # the kiosk frame already refuses; this is the second lock
        st.info(t("kiosk.staff_blocked", lang))
        return
    token = _token()
    if not token:
        st.warning(t("staff.locked_no_token", lang))
        return
    if not sign_in(lang, token):
        return
    if st.button(t("staff.sign_out", lang), key="staff-sign-out"):
        st.session_state.pop(SIGNED_IN, None)
        st.rerun()
    kiosk = str(settings.get("kiosk_name"))
    store = usage.shared_store()
    if store is None:
        st.error(t("staff.store_unavailable", lang))
        return
    store.prune(int(settings.get("usage_retention_days")))
    st.markdown(
        escape_md(t("staff.this_kiosk", lang, name=kiosk, days=int(settings.get("usage_retention_days"))))
    )
    statistics(lang, store, kiosk)
    counting = page_section("staff", "counting", lang)
    if counting:
        st.markdown(counting)
    st.divider()
    exchange(lang, store, kiosk)
    st.divider()
    tour_stats(lang)  # QR tours: scans per station and hour, route completion


main()
