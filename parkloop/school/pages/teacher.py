"""Page "teacher": a class session's dashboard, opened by the secret link ``/teacher?s=<id>&k=<secret>``,
and its projector view ``/teacher?s=<id>&view=projector``.

URL keys: ``s`` the session, ``k`` its secret (the teacher's kept link; dropped from the address bar on the
first run and kept in session state and a cookie), ``view=projector`` the view for the projector.

Dashboard: join code and QR code, the link to the projector view (``#parkloop-projector-link``); live
(every 3 s) count of students in ``#parkloop-participants``, look-alike nicknames, the phase (changed only
by the teacher's click, following the store otherwise), answer distributions (no right answer shown while
the pre-visit quiz is open), common wrong answers with the explanation, the class's best model states, the
before/after gain; CSV export, the deletion date, delete. Projector view: join code, QR code and head
count only — no answers, no nicknames, no secret. Numbers: parkloop.school.results; their words:
parkloop.school.dashboard. Nicknames are shown as plain text (HTML-escaped), never as Markdown."""

from __future__ import annotations

import html
import io
from typing import Any
from urllib.parse import urlsplit

import altair as alt
import pandas as pd
import streamlit as st

from parkloop.content import t, tn
from parkloop.i18n import format_quantity
from parkloop.school import dashboard, results
from parkloop.school import sessions as classes
from parkloop.school.lessons import Module, Question, get_module
from parkloop.ui import session as session_ui
from parkloop.ui.charts import colour_scale
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md
from parkloop.ui.tables import show_table

PAGE = "teacher"
DELETED = "teacher-deleted"
PHASE_NOTICE = "teacher-phase-elsewhere"

Answers = list[dict[str, Any]]


def _base_url() -> str:
    try:
        parts = urlsplit(st.context.url or "")
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    except Exception:  # AppTest and bare mode have no browser URL
        pass
    return ""


def _qr_png(url: str) -> bytes:
    import qrcode

    buffer = io.BytesIO()
    qrcode.make(url, box_size=8, border=2).save(buffer, format="PNG")
    return buffer.getvalue()


def _code_and_qr(session: classes.Session, lang: str) -> None:
    """The join code and the QR code, large: what the class reads off the projector."""
    base = _base_url()
    code_col, qr_col = st.columns([3, 2])
    with code_col:
        st.markdown(f"### {t('classes.code', lang)}")
        st.html(
            f'<p id="parkloop-join-code" style="font-size:3.5rem;font-weight:700;letter-spacing:0.3em;'
            f'color:#111827;margin:0">{html.escape(session.code)}</p>'
        )
        st.markdown(t("classes.teacher.join_at", lang, url=f"`{base or ''}/join`"))
    with qr_col:
        qr = _qr_png(dashboard.join_url(base, session.code, lang))
        st.image(qr, caption=t("classes.teacher.qr_alt", lang), width=240)


def _join_code(session: classes.Session, secret: str, module: Module, lang: str) -> None:
    """The code and the QR code, the link to the projector view, and the teacher's own link to keep."""
    base = _base_url()
    st.markdown(t("classes.teacher.module", lang, module=escape_md(module.title(lang))))
    _code_and_qr(session, lang)
    projector = dashboard.projector_url(base, session.id, lang)
    st.html(
        f'<p><a id="parkloop-projector-link" href="{html.escape(projector)}" target="_blank" '
        f'rel="noopener noreferrer">{html.escape(t("classes.teacher.projector_link", lang))}</a> — '
        f"{html.escape(t('classes.teacher.projector_help', lang))}</p>"
    )
    with st.expander(t("classes.teacher.keep_link", lang)):
        st.code(dashboard.teacher_url(base, session.id, secret, lang), language=None)


def _phase_changed(db: Any, session_id: str, shown: str, key: str) -> None:
    """The teacher chose a phase (a callback: runs only on their click). It is set only if the session is
    still in the phase this tab showed; otherwise another tab changed it first and this one follows."""
    chosen = st.session_state.get(key)
    if chosen in classes.SESSION_PHASES and chosen != shown:
        if not classes.set_phase(db, session_id, chosen, expected=shown):
            st.session_state[PHASE_NOTICE] = True


def _phase_control(db: Any, session: classes.Session, lang: str) -> None:
    """The part of the lesson the students see now, as the store has it; changed only by a click."""
    key = f"teacher-phase-{session.id}"
    if st.session_state.get(key) != session.phase:
        st.session_state[key] = session.phase  # follow the store (another tab, another teacher device)
    st.segmented_control(
        t("classes.teacher.phase", lang),
        list(classes.SESSION_PHASES),
        format_func=lambda p: t(f"classes.phase.{p}", lang),
        key=key,
        required=True,
        on_change=_phase_changed,
        args=(db, session.id, session.phase, key),
    )
    if st.session_state.pop(PHASE_NOTICE, False):
        st.info(t("classes.teacher.phase_elsewhere", lang, phase=t(f"classes.phase.{session.phase}", lang)))


def _participant_count(count: int, lang: str) -> None:
    st.html(
        f'<div role="status" aria-live="polite" style="font-size:1.25rem;color:#111827">'
        f"{html.escape(t('classes.teacher.participants', lang))}: "
        f'<strong id="parkloop-participants">{count}</strong></div>'
    )


def _participants(db: Any, session_id: str, names: list[str], lang: str) -> None:
    """The head count, look-alike nicknames to tell apart, and the nicknames (as typed, plain text)."""
    _participant_count(len(names), lang)
    for line in dashboard.lookalike_lines(classes.lookalikes(db, session_id), lang):
        st.html(
            dashboard.plain_html(
                line,
                tag="div",
                style="background:#fef3c7;color:#78350f;padding:0.5rem 0.75rem;border-radius:0.5rem",
            )
        )
    if names:
        with st.expander(t("classes.teacher.nicknames", lang)):
            st.html(dashboard.nicknames_html(names, lang))


def _distribution(number: int, q: Question, module: Module, answers: Answers, phase: str, lang: str) -> None:
    """One choice question's answers as bars, the right answer green — except during the pre-visit quiz."""
    dist = results.distribution(q, answers, phase)
    reveal = dashboard.reveals_answers(phase)
    st.markdown(f"**{number}. {escape_md(module.prompt(q.id, lang))}**")
    summary = dashboard.distribution_summary(q, dist, lang, reveal=reveal)
    if summary is None:
        st.caption(t("classes.teacher.no_answers", lang))
        return
    chart = (
        alt.Chart(pd.DataFrame(dashboard.distribution_rows(q, dist, reveal=reveal)))
        .mark_bar()
        .encode(
            x=alt.X("option:N", title=t("classes.teacher.option_axis", lang), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("count:Q", title=t("classes.teacher.count_axis", lang), axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("correct:N", scale=colour_scale({True: "green", False: "grey"}), legend=None),
            tooltip=["option", "count"],
        )
        .properties(height=160)
    )
    st.altair_chart(chart, use_container_width=True)
    chart_summary(summary)


def _distributions(module: Module, answers: Answers, phase: str, lang: str) -> None:
    st.header(
        t("classes.teacher.distribution", lang) + f" · {t(f'classes.phase.{phase}', lang)}", anchor=False
    )
    for number, q in enumerate(module.questions_for(dashboard.question_use(phase)), start=1):
        if q.kind == "choice":
            _distribution(number, q, module, answers, phase, lang)


def _common_wrong(module: Module, answers: Answers, phase: str, lang: str) -> None:
    wrong = results.common_wrong(module, answers, phase)
    if not wrong:  # shown in every phase: the teacher plans from the pre-quiz's misconceptions
        return
    st.header(t("classes.teacher.wrong", lang), anchor=False)
    for item in wrong:
        options = module.option_texts(item["question"], lang)
        right = module.question(item["question"]).answer
        with st.container(border=True):
            st.markdown(f"**{escape_md(module.prompt(item['question'], lang))}**")
            chosen = escape_md(f"{item['option']}. {options.get(item['option'], '')}")
            st.markdown(
                tn("classes.teacher.wrong_item", item["count"], lang, count=item["count"], option=chosen)
            )
            st.markdown(t("classes.correct", lang, option=escape_md(f"{right}. {options.get(right, '')}")))
            st.markdown(module.text(f"why.{item['question']}", lang))


def _best(module: Module, answers: Answers, lang: str) -> None:
    """The class's best model states of each model question."""
    for q in (q for q in module.questions if q.kind == "model"):
        best = results.best_scenarios(q, answers)
        broken = results.broken_states(q, answers) if q.constraints else 0
        if not best and not broken:
            continue
        st.header(t("classes.teacher.best", lang), anchor=False)
        st.markdown(f"**{escape_md(module.prompt(q.id, lang))}** {t(f'classes.goal.{q.goal}', lang)}")
        if q.constraints:
            st.markdown("\n".join(f"- {line}" for line in dashboard.constraint_lines(q, lang)))
            st.caption(
                t("classes.teacher.best_rules", lang)
                + " "
                + t("classes.teacher.best_broken", lang, count=broken)
            )
        if not best:
            continue
        for column, row in zip(st.columns(len(best)), best, strict=True):
            with column.container(border=True):
                st.html(dashboard.plain_html(row["nickname"], tag="strong"))
                st.metric(
                    t("classes.teacher.best_value", lang),
                    format_quantity(row["value"], results.metric_unit(q.metric or ""), lang),
                )
                st.markdown(dashboard.best_slider_lines(q, row["params"], lang))


def _gain(module: Module, answers: Answers, lang: str) -> None:
    gains = results.gain(module, answers)
    if not any(g["n_pre"] or g["n_post"] for g in gains):
        return
    st.header(t("classes.teacher.gain", lang), anchor=False)
    show_table(pd.DataFrame(dashboard.gain_rows(module, gains, lang)).set_index("#"))
    st.caption(dashboard.gain_pairing(answers, lang))
    summary = dashboard.gain_summary(gains, lang)
    if summary is not None:
        chart_summary(summary)


@st.fragment(run_every=3)
def live(db: Any, session_id: str, module: Module, lang: str) -> None:
    """Everything that changes as students answer or another tab changes the phase; every 3 seconds."""
    session = classes.get_session(db, session_id)
    if session is None:
        st.info(t("classes.teacher.invalid", lang))
        return
    _phase_control(db, session, lang)
    names = classes.participants(db, session.id)
    answers = classes.all_answers(db, session.id)
    _participants(db, session.id, names, lang)
    phase = dashboard.shown_phase(session.phase)
    answered = results.answered_count(answers, phase)
    st.markdown(tn("classes.teacher.answered", answered, lang, count=answered))
    _distributions(module, answers, phase, lang)
    _common_wrong(module, answers, phase, lang)
    _best(module, answers, lang)
    _gain(module, answers, lang)


def _export_and_delete(db: Any, session: classes.Session, module: Module, lang: str) -> None:
    """The answers as CSV, when they will be deleted, and deleting the session now."""
    columns = dashboard.csv_columns(module)
    st.download_button(
        t("classes.teacher.export", lang),
        data=lambda: classes.export_csv(db, session.id, columns).encode("utf-8-sig"),
        file_name=f"parkloop-{session.module}-{session.code}.csv",
        mime="text/csv",
        key="teacher-export",
        on_click="ignore",
    )
    days = classes.retention_setting_days()
    st.caption(dashboard.deletion_line(classes.deletion_time(session, days), days, lang))
    with st.expander(t("classes.teacher.delete", lang)):
        confirm = st.checkbox(t("classes.teacher.delete_confirm", lang), key="teacher-delete-confirm")
        if st.button(t("classes.teacher.delete", lang), disabled=not confirm, key="teacher-delete"):
            classes.delete_session(db, session.id)
            st.session_state[DELETED] = True
            st.query_params.clear()
            st.query_params["lang"] = lang
            st.rerun()


@st.fragment(run_every=3)
def _projector_count(db: Any, session_id: str, lang: str) -> None:
    session = classes.get_session(db, session_id)
    if session is None or session.phase == "ended":
        st.info(t("classes.ended", lang))
        return
    _participant_count(classes.participant_count(db, session_id), lang)


def projector(db: Any, session: classes.Session, module: Module, lang: str) -> None:
    """The view for the projector: the join code, the QR code and the head count — nothing else (its title
    is the module's)."""
    _code_and_qr(session, lang)
    _projector_count(db, session.id, lang)


def _cookie_age_s() -> int:
    return int(classes.retention_setting_days() * 86400)


db = classes.open_store()
session_id = st.query_params.get("s")
if st.query_params.get("view") == "projector":
    found = classes.get_session(db, session_id) if db is not None else None
    module = get_module(found.module) if found else None
    lang, mode = exhibit_start(PAGE, intro=False, title=module.title if module else None)
    session_ui.no_referrer()
    if found is None or module is None:
        st.info(t("classes.teacher.invalid", lang))
        st.stop()
    projector(db, found, module, lang)
    st.stop()

lang, mode = exhibit_start(PAGE)
session_ui.no_referrer()
secret = session_ui.teacher_secret(session_id, st.query_params.get("k"), _cookie_age_s())
if "k" in st.query_params:
    del st.query_params["k"]  # the secret leaves the address bar (and so the history and any referrer)
session_ui.cookie_script()
if st.session_state.pop(DELETED, False):
    st.success(t("classes.teacher.deleted", lang))
    st.stop()
if db is None:
    st.warning(t("classes.error.store", lang))
    st.stop()
classes.prune(db)  # retention, as well as the daily `classes prune` timer

session = classes.teacher_session(db, session_id, secret)
module = get_module(session.module) if session else None
if session is None or module is None:
    st.info(t("classes.teacher.invalid", lang))
    st.stop()

_join_code(session, secret, module, lang)
live(db, session.id, module, lang)
st.divider()
_export_and_delete(db, session, module, lang)
