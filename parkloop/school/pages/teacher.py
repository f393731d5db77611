"""Page "teacher": a class session's dashboard, opened by the secret link ``/teacher?s=<id>&k=<secret>``.

Join code and QR code to project; live (every 3 s) count of students in ``#parkloop-participants``;
answer distributions, common wrong answers with the explanation, the class's best model states, the
before/after gain; phase control, CSV export, end and delete. Numbers: parkloop.school.results."""

from __future__ import annotations

import html
import io
from urllib.parse import urlencode, urlsplit

import altair as alt
import pandas as pd
import streamlit as st

from parkloop import settings
from parkloop.content import t
from parkloop.i18n import format_number, format_percent, format_quantity
from parkloop.school import results
from parkloop.school import sessions as classes
from parkloop.school.lessons import get_module
from parkloop.ui.exhibit import exhibit_start
from parkloop.ui.figures import chart_summary, escape_md

lang, mode = exhibit_start("teacher")
if st.session_state.pop("teacher-deleted", False):
    st.success(t("classes.teacher.deleted", lang))
    st.stop()
db = classes.open_store()
if db is None:
    st.warning(t("classes.error.store", lang))
    st.stop()
classes.prune(db)  # retention: old sessions go whenever a teacher opens a dashboard

session_id, secret = st.query_params.get("s"), st.query_params.get("k")
session = classes.teacher_session(db, session_id, secret)
module = get_module(session.module) if session else None
if session is None or module is None:
    st.info(t("classes.teacher.invalid", lang))
    st.stop()


def _base_url() -> str:
    try:
        parts = urlsplit(st.context.url or "")
        if parts.scheme and parts.netloc:
            return f"{parts.scheme}://{parts.netloc}"
    except Exception:  # AppTest and bare mode have no browser URL
        pass
    return ""


base = _base_url()
join_url = f"{base}/join?" + urlencode({"code": session.code, "lang": lang})
teacher_url = f"{base}/teacher?" + urlencode({"s": session.id, "k": secret, "lang": lang})

st.markdown(t("classes.teacher.module", lang, module=escape_md(module.title(lang))))
code_col, qr_col = st.columns([3, 2])
with code_col:
    st.markdown(f"#### {t('classes.code', lang)}")
    st.html(
        f'<p id="parkloop-join-code" style="font-size:3.5rem;font-weight:700;letter-spacing:0.3em;'
        f'color:#111827;margin:0">{html.escape(session.code)}</p>'
    )
    st.markdown(t("classes.teacher.join_at", lang, url=f"`{base or ''}/join`"))
with qr_col:
    import qrcode

    image = qrcode.make(join_url, box_size=8, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    st.image(buffer.getvalue(), caption=t("classes.teacher.qr_alt", lang), width=240)

with st.expander(t("classes.teacher.keep_link", lang)):
    st.code(teacher_url, language=None)

phases = list(classes.SESSION_PHASES)
current = st.segmented_control(
    t("classes.teacher.phase", lang),
    phases,
    default=session.phase,
    format_func=lambda p: t(f"classes.phase.{p}", lang),
    key=f"teacher-phase-{session.id}",
    required=True,
)
if current and current != session.phase:
    classes.set_phase(db, session.id, current)
    session = classes.get_session(db, session.id) or session

retention = settings.get("class_retention_days")


@st.fragment(run_every=3)
def live() -> None:
    """Everything that changes as students answer; redrawn every 3 seconds."""
    names = classes.participants(db, session.id)
    answers = classes.all_answers(db, session.id)
    st.html(
        f'<div role="status" aria-live="polite" style="font-size:1.25rem;color:#111827">'
        f"{html.escape(t('classes.teacher.participants', lang))}: "
        f'<strong id="parkloop-participants">{len(names)}</strong></div>'
    )
    if names:
        with st.expander(t("classes.teacher.nicknames", lang)):
            st.markdown(", ".join(escape_md(n) for n in names))
    phase = session.phase if session.phase != "ended" else "post"
    st.markdown(t("classes.teacher.answered", lang, count=results.answered_count(answers, phase)))

    use = "onsite" if phase == "onsite" else "quiz"
    st.subheader(t("classes.teacher.distribution", lang) + f" · {t(f'classes.phase.{phase}', lang)}")
    for number, q in enumerate(module.questions_for(use), start=1):
        if q.kind != "choice":
            continue
        dist = results.distribution(q, answers, phase)
        total = sum(dist.values())
        st.markdown(f"**{number}. {escape_md(module.prompt(q.id, lang))}**")
        if not total:
            st.caption(t("classes.teacher.no_answers", lang))
            continue
        frame = pd.DataFrame(
            {
                "option": list(dist),
                "count": list(dist.values()),
                "correct": [o == q.answer for o in dist],
            }
        )
        chart = (
            alt.Chart(frame)
            .mark_bar()
            .encode(
                x=alt.X(
                    "option:N", title=t("classes.teacher.option_axis", lang), axis=alt.Axis(labelAngle=0)
                ),
                y=alt.Y("count:Q", title=t("classes.teacher.count_axis", lang), axis=alt.Axis(tickMinStep=1)),
                color=alt.Color(
                    "correct:N",
                    scale=alt.Scale(domain=[True, False], range=["#15803d", "#6b7280"]),
                    legend=None,
                ),
                tooltip=["option", "count"],
            )
            .properties(height=160)
        )
        st.altair_chart(chart, use_container_width=True)
        top = max(dist, key=lambda o: dist[o])
        chart_summary(
            t(
                "classes.teacher.summary",
                lang,
                count=total,
                option=top,
                share=format_percent(dist[top] / total, lang, decimals=0),
                answer=q.answer,
            )
        )

    wrong = results.common_wrong(module, answers, phase)
    if wrong:
        st.subheader(t("classes.teacher.wrong", lang))
        for item in wrong:
            options = module.option_texts(item["question"], lang)
            with st.container(border=True):
                st.markdown(f"**{escape_md(module.prompt(item['question'], lang))}**")
                st.markdown(
                    t(
                        "classes.teacher.wrong_item",
                        lang,
                        count=item["count"],
                        option=escape_md(f"{item['option']}. {options.get(item['option'], '')}"),
                    )
                )
                right = module.question(item["question"]).answer
                st.markdown(
                    t("classes.correct", lang, option=escape_md(f"{right}. {options.get(right, '')}"))
                )
                st.markdown(module.text(f"why.{item['question']}", lang))

    for q in (q for q in module.questions if q.kind == "model"):
        best = results.best_scenarios(q, answers)
        if not best:
            continue
        st.subheader(t("classes.teacher.best", lang))
        st.markdown(f"**{escape_md(module.prompt(q.id, lang))}** {t(f'classes.goal.{q.goal}', lang)}")
        columns = st.columns(len(best))
        for column, row in zip(columns, best, strict=True):
            with column.container(border=True):
                st.markdown(f"**{escape_md(row['nickname'])}**")
                st.metric(
                    t("classes.teacher.best_value", lang),
                    format_quantity(row["value"], results.metric_unit(q.metric or ""), lang),
                )
                st.markdown(
                    "\n".join(
                        f"- {t(f'classes.slider.{s.key}', lang)}: "
                        f"{format_number(row['params'].get(s.key), lang)}"
                        for s in q.sliders
                    )
                )

    gains = results.gain(module, answers)
    if any(g["n_pre"] or g["n_post"] for g in gains):
        st.subheader(t("classes.teacher.gain", lang))
        rows = []
        for number, g in enumerate(gains, start=1):
            rows.append(
                {
                    "#": f"{number}. {module.prompt(g['question'], lang)}",
                    t("classes.teacher.gain_pre", lang): "—"
                    if g["pre"] is None
                    else format_percent(g["pre"], lang, decimals=0),
                    t("classes.teacher.gain_post", lang): "—"
                    if g["post"] is None
                    else format_percent(g["post"], lang, decimals=0),
                    t("classes.teacher.gain_points", lang): "—"
                    if g["gain_points"] is None
                    else format_number(g["gain_points"], lang, signed=True),
                }
            )
        st.table(pd.DataFrame(rows).set_index("#"))
        both = [g["gain_points"] for g in gains if g["gain_points"] is not None]
        if both:
            chart_summary(
                t(
                    "classes.teacher.gain_summary",
                    lang,
                    count=len(both),
                    points=format_number(sum(both) / len(both), lang, signed=True),
                )
            )


live()

st.divider()
csv_columns = [
    (q.id, p)
    for p in ("pre", "onsite", "post")
    for q in module.questions_for("onsite" if p == "onsite" else "quiz")
]
st.download_button(
    t("classes.teacher.export", lang),
    data=lambda: classes.export_csv(db, session.id, csv_columns).encode("utf-8-sig"),
    file_name=f"parkloop-{session.module}-{session.code}.csv",
    mime="text/csv",
    key="teacher-export",
    on_click="ignore",
)
st.caption(t("classes.teacher.retention", lang, days=retention))
with st.expander(t("classes.teacher.delete", lang)):
    confirm = st.checkbox(t("classes.teacher.delete_confirm", lang), key="teacher-delete-confirm")
    if st.button(t("classes.teacher.delete", lang), disabled=not confirm, key="teacher-delete"):
        classes.delete_session(db, session.id)
        st.session_state["teacher-deleted"] = True
        st.query_params.clear()
        st.query_params["lang"] = lang
        st.rerun()
