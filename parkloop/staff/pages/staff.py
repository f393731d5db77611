"""Page "staff": anonymous kiosk usage for park staff — behind a password, never on a kiosk.

URL keys: none of its own. The password is the ``staff_token`` setting (``PARKLOOP_STAFF_TOKEN``);
without one the page stays locked. Wrong passwords are counted per client (network address) by
:mod:`parkloop.staff.auth`. Signed in, staff see visits per exhibit, per hour and per language (all
kiosks imported so far), download this store's daily totals as CSV and import another kiosk's CSV.
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from parkloop import settings
from parkloop.content import page_section, t, tn
from parkloop.kiosk import usage
from parkloop.staff import stats
from parkloop.staff.auth import LIMITER, Verdict, client_key
from parkloop.ui import session as session_ui
from parkloop.ui.charts import COLOURS
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, chart_table, escape_md
from parkloop.ui.state import current_mode
from parkloop.ui.tables import show_table

PAGE = "staff"
SIGNED_IN = "parkloop_staff_signed_in"
MAX_IMPORT_BYTES = 5_000_000


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
    client = client_key(session_ui.network_address())  # one client's guessing locks out only that client
    verdict = LIMITER.check(given or "", token, client)
    if verdict is Verdict.OK:
        st.session_state[SIGNED_IN] = True
        st.rerun()
    if verdict is Verdict.LOCKED:
        st.error(t("staff.locked_out", lang, minutes=stats.wait_minutes(LIMITER.wait_s(client))))
    else:
        st.error(t("staff.wrong", lang))
    return False


def bar_chart(
    data: list[dict],
    x: str,
    y: str,
    x_title: str,
    y_title: str,
    lang: str,
    *,
    horizontal: bool,
    height: int = 0,
) -> None:
    """Visits as bars in the park's colour: one bar per page lying down, or per hour or language standing;
    its numbers as a table under it (a keyboard reaches it, a screen reader reads it)."""
    count_axis = alt.Axis(tickMinStep=1)
    if horizontal:
        place, place_tip = alt.Y(f"{x}:N", sort=None, title=x_title), alt.Tooltip(f"{x}:N", title=x_title)
        count = alt.X(f"{y}:Q", title=y_title, axis=count_axis)
    else:
        place = alt.X(f"{x}:O", title=x_title, axis=alt.Axis(labelAngle=0))
        place_tip = alt.Tooltip(f"{x}:O", title=x_title)
        count = alt.Y(f"{y}:Q", title=y_title, axis=count_axis)
    chart = (
        alt.Chart(pd.DataFrame(data))
        .mark_bar(color=COLOURS["teal"])
        .encode(place, count, tooltip=[place_tip, alt.Tooltip(f"{y}:Q", title=y_title)])
        .properties(height=height or stats.chart_height(len(data), horizontal))
    )
    st.altair_chart(chart)
    chart_table(chart, lang)


def statistics(lang: str, store: usage.UsageStore, kiosk: str) -> None:
    rows = store.daily_rows()
    st.markdown(escape_md(stats.kiosks_text(rows, kiosk, lang)))
    if not rows:
        st.info(t("staff.no_data", lang))
        return
    st.markdown(escape_md(stats.totals_text(rows, lang)))
    visits = t("staff.col.visits", lang)
    per_page = stats.visits_per_page(rows, lang)
    if per_page:
        st.header(t("staff.chart.page", lang), anchor=False)
        bar_chart(per_page, "page", "visits", t("staff.col.page", lang), visits, lang, horizontal=True)
        chart_summary(stats.summary_pages(per_page, lang))
    left, right = st.columns([2, 1], gap="large")
    with left:
        st.header(t("staff.chart.hour", lang), anchor=False)
        per_hour = stats.visits_per_hour(rows)
        bar_chart(per_hour, "hour", "visits", t("staff.col.hour", lang), visits, lang, horizontal=False)
        chart_summary(stats.summary_hours(per_hour, lang))
    with right:
        st.header(t("staff.chart.lang", lang), anchor=False)
        per_lang = stats.visits_per_lang(rows, lang)
        bar_chart(per_lang, "lang", "visits", t("staff.col.lang", lang), visits, lang, horizontal=False)
        chart_summary(stats.summary_langs(per_lang, lang))


def _import(lang: str, store: usage.UsageStore, kiosk: str, upload) -> None:
    """Another kiosk's CSV into this store (too big or not UTF-8: refused, with the same words)."""
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
            escape_md(
                tn(
                    "staff.import_done",
                    report.imported,
                    lang,
                    n=report.imported,
                    kiosks=names,
                    skipped=report.skipped,
                )
            )
        )
    if report.lowered:  # an older export: its lower counts were not taken, the higher ones kept
        st.warning(tn("staff.import_lower", report.lowered, lang, n=report.lowered))
    if report.problems:
        st.markdown(t("staff.import_problems", lang))
        st.markdown("\n".join(f"- {escape_md(problem)}" for problem in report.problems))


def exchange(lang: str, store: usage.UsageStore, kiosk: str) -> None:
    st.download_button(
        t("staff.export", lang),
        data=store.export_csv().encode("utf-8-sig"),  # the BOM makes spreadsheet programs read UTF-8
        file_name=f"parkloop-usage-{kiosk}.csv",
        mime="text/csv",
        help=t("staff.export_help", lang),
    )
    upload = st.file_uploader(t("staff.import", lang), type=["csv"], key="staff-import")
    if upload is not None:
        _import(lang, store, kiosk, upload)


def tour_stats(lang: str) -> None:
    """QR tours: scans per station and per hour, route completion rates."""
    st.header(t("tours.stats.title", lang), anchor=False)
    found = stats.tour_statistics()
    if found is None:
        st.info(t("tours.stats.unavailable", lang))
        return
    tours, numbers = found
    st.caption(t("tours.stats.note", lang))
    st.markdown(stats.tour_totals_text(numbers, lang))
    st.markdown(f"**{t('tours.stats.per_station', lang)}**")
    show_table(stats.station_rows(tours, numbers, lang))
    st.markdown(f"**{t('tours.stats.per_hour', lang)}**")
    hour, scans = t("tours.stats.hour", lang), t("tours.stats.scans", lang)
    hours = pd.DataFrame(stats.hour_columns(numbers, lang)).rename(columns={hour: "hour", scans: "scans"})
    bar_chart(hours.to_dict("records"), "hour", "scans", hour, scans, lang, horizontal=False, height=220)
    chart_summary(stats.peak_text(numbers["per_hour"], lang))
    st.markdown(f"**{t('tours.stats.completion', lang)}**")
    show_table(stats.completion_rows(numbers, lang))


def signed_in_page(lang: str) -> None:
    """Sign out, this kiosk's statistics, the CSV exchange and the QR tours' statistics."""
    if st.button(t("staff.sign_out", lang), key="staff-sign-out"):
        st.session_state.pop(SIGNED_IN, None)
        st.rerun()
    kiosk = str(settings.get("kiosk_name"))
    store = usage.shared_store()
    if store is None:
        st.error(t("staff.store_unavailable", lang))
        return
    retention_days = int(settings.get("usage_retention_days"))
    store.prune(retention_days)
    st.markdown(escape_md(t("staff.this_kiosk", lang, name=kiosk, days=retention_days)))
    statistics(lang, store, kiosk)
    counting = page_section(PAGE, "counting", lang)
    if counting:
        st.markdown(counting)
    st.divider()
    exchange(lang, store, kiosk)
    st.divider()
    tour_stats(lang)  # QR tours: scans per station and hour, route completion


lang, mode = exhibit_start(PAGE, intro=current_mode() != "kiosk")  # the intro speaks to staff, not visitors
token = _token()
if mode == "kiosk":  # the kiosk frame already refuses; this is the second lock
    st.info(t("kiosk.staff_blocked", lang))
elif not token:
    st.warning(t("staff.locked_no_token", lang))
elif sign_in(lang, token):
    signed_in_page(lang)
