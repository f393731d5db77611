"""Exhibit "Sorting game": children put things into Beijing's four bins and see what each becomes.

Made for a six-year-old who cannot read yet: every thing is a picture (``data-parkloop-item="<id>"``), every
bin is drawn in its colour with its symbol, the first feedback is two short lines beside the thing's
picture, with "为什么？" behind them for the story; a gold star for each thing put right at the first try,
no clock; a celebration at the end of the round. ``?py=1`` (the 拼音 switch) writes pinyin over the names,
the bins and the short lines; the read-aloud button (``#parkloop-read-aloud``) reads what is on the screen.

Tap a thing, then tap a bin (WCAG 2.5.7: a single-pointer way that needs no dragging): each card and each
bin is a real Streamlit button laid over its picture, so Tab, Enter and Space work too. On top of that, a
small script lets a visitor drag a thing onto a bin: on drop it clicks the same two buttons, so there is
one way the game changes, and the game works without the script.

The round's seed is in the URL (``?round=``), so a link reopens the same eight things; where each thing
went is kept in the session.
"""

from __future__ import annotations

import streamlit as st

from parkloop.content import page_section, t
from parkloop.exhibits.sorting import (
    CATEGORIES,
    Game,
    SortingData,
    bin_contents_text,
    bin_name,
    feedback,
    item_label,
    item_name,
    load_sorting_data,
    new_seed,
    parse_seed,
    progress_text,
    recap_markdown,
    spoken_text,
    why_markdown,
)
from parkloop.exhibits.sorting_html import (
    ask_html,
    bin_card_html,
    bin_contents_html,
    celebration_html,
    feedback_html,
    item_card_html,
    tally_html,
)
from parkloop.ui.exhibit import exhibit_start, page_style
from parkloop.ui.read_aloud import ELEMENT_ID, read_aloud_button
from parkloop.ui.state import url_toggle
from parkloop.ui.tours import station_banner_shown

PAGE = "sorting"
STATE = "sorting-game"
ROUND_PARAM = "round"
PINYIN_PARAM = "py"

# Big touch targets: cards of 150 x 176 px (kiosk) / 108 x 150 px (phone), bins of at least 200 x 170 px,
# each a real button stretched over its picture (its label, the name, is kept for screen readers). The
# picked thing gets a thick dark border, a yellow fill and "▶ picked" written on it: never colour alone.
PAGE_CSS = """<style>
.st-key-sort-items { user-select: none; -webkit-user-select: none; gap: 0.75rem !important; }
[class*="st-key-sort-card-"] { position: relative; width: 150px !important; flex: 0 0 auto; }
.st-key-sort-items > div:has(> [class*="st-key-sort-card-"]) { flex: 0 0 auto !important;
  width: auto !important; }
[class*="st-key-sort-card-"] [class*="st-key-sort-item-"],
[class*="st-key-sort-bincard-"] [class*="st-key-sort-bin-"] { position: absolute; inset: 0; z-index: 2;
  width: auto !important; height: auto !important; max-width: none !important; }
[class*="st-key-sort-card-"] [data-testid="stMarkdownContainer"],
[class*="st-key-sort-bincard-"] [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
[class*="st-key-sort-card-"] [data-testid="stMarkdown"],
[class*="st-key-sort-bincard-"] [data-testid="stMarkdown"] { margin-bottom: 0 !important; }
[class*="st-key-sort-item-"] .stButton, [class*="st-key-sort-bin-"] .stButton,
[class*="st-key-sort-item-"] button, [class*="st-key-sort-bin-"] button {
  width: 100% !important; height: 100% !important; min-height: 64px; }
[class*="st-key-sort-item-"] button, [class*="st-key-sort-bin-"] button { background: transparent !important;
  border: none !important; border-radius: 1rem; box-shadow: none; padding: 0; }
[class*="st-key-sort-item-"] button p, [class*="st-key-sort-bin-"] button p { position: absolute; width: 1px;
  height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; margin: 0; }
[class*="st-key-sort-item-"] button:focus-visible, [class*="st-key-sort-bin-"] button:focus-visible,
[class*="st-key-sort-item-"] button:hover, [class*="st-key-sort-bin-"] button:hover {
  outline: 5px solid #1d4ed8 !important; outline-offset: 2px; }
.pl-card { display: flex; flex-direction: column; align-items: center; justify-content: flex-start;
  gap: 0.35rem; min-height: 176px; padding: 0.6rem 0.4rem; border: 3px solid #374151; border-radius: 1rem;
  background: #ffffff; color: #111827; box-shadow: 0 3px 0 #d1d5db; text-align: center; }
.pl-card.pl-picked { background: #fef08a; border: 5px solid #111827; }
.pl-card-pic svg { width: 88px; height: 88px; }
.pl-card-name { font-size: 1.15rem; font-weight: 600; line-height: 1.25; }
.pl-card-badge { font-size: 1rem; font-weight: 700; background: #111827; color: #ffffff;
  border-radius: 999px; padding: 0 0.6rem; }
[class*="st-key-sort-bincard-"] { position: relative; }
.pl-bin { display: flex; flex-direction: column; align-items: center; gap: 0.2rem; min-height: 150px;
  border: 4px solid; border-radius: 1rem; background: #ffffff; overflow: hidden; padding-top: 0.4rem; }
.pl-bin-art svg { width: 80px; height: 80px; }
.pl-bin-name { align-self: stretch; text-align: center; color: #ffffff; font-size: 1.35rem; font-weight: 700;
  padding: 0.25rem 0.3rem; line-height: 1.3; }
.pl-bin-sub { font-size: 1rem; color: #111827; padding-bottom: 0.3rem; text-align: center; }
.pl-bin-contents { display: flex; flex-wrap: wrap; gap: 0.2rem; min-height: 2.2rem; }
.pl-mini svg { width: 2rem; height: 2rem; }
[class*="st-key-sort-drop-"] { border-radius: 1rem; padding: 0.25rem; }
[class*="st-key-sort-drop-"].pl-drop-over { outline: 6px dashed #111827; outline-offset: 2px; }
.pl-feedback { display: flex; align-items: center; gap: 1rem; padding: 0.8rem 1.2rem; border-radius: 1rem;
  border: 3px solid; color: #111827; }
.pl-feedback.pl-right { background: #dcfce7; border-color: #166534; }
.pl-feedback.pl-helped { background: #dbeafe; border-color: #1d4ed8; }
.pl-fb-pic svg, .pl-fb-star svg { width: 72px; height: 72px; }
.pl-fb-lines { display: flex; flex-direction: column; }
.pl-fb-line { font-size: 1.7rem; font-weight: 700; line-height: 1.45; }
.pl-tally { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; min-height: 2.6rem; }
.pl-tally-mark svg { width: 2.4rem; height: 2.4rem; }
.pl-tally-mark.pl-wait { width: 1rem; height: 1rem; margin: 0 0.7rem; border-radius: 50%;
  background: #d1d5db; }
.pl-py ruby { ruby-position: over; ruby-align: center; margin: 0 0.12em; }
.pl-py rt { font-size: 0.62em; font-weight: 500; color: #374151; letter-spacing: 0; }
.pl-bin-name .pl-py rt { color: #ffffff; }
.pl-celebrate { position: relative; overflow: hidden; text-align: center; padding: 1rem; border-radius: 1rem;
  background: #fef9c3; border: 4px solid #ca8a04; color: #111827; }
.pl-celebrate-row { display: flex; justify-content: center; align-items: center; gap: 1.5rem; }
.pl-popper { width: 96px; height: 96px; }
.pl-celebrate-word { font-size: 2.6rem; font-weight: 800; }
.pl-win-star { width: 56px; height: 56px; animation: pl-pop 0.6s ease-out both; }
.pl-win-count { font-size: 1.4rem; font-weight: 700; }
.pl-confetti-box { position: absolute; inset: 0; pointer-events: none; }
.pl-confetti { position: absolute; top: -12px; width: 10px; height: 16px; border-radius: 2px;
  animation: pl-fall 3.2s linear 3; }
.pl-c0 { background: #166534; } .pl-c1 { background: #1d4ed8; } .pl-c2 { background: #b91c1c; }
.pl-c3 { background: #4b5563; } .pl-c4 { background: #ca8a04; } .pl-c5 { background: #db2777; }
.pl-confetti:nth-child(3n) { animation-delay: 0.8s; } .pl-confetti:nth-child(3n+1) { animation-delay: 1.6s; }
@keyframes pl-fall { from { transform: translateY(0) rotate(0); }
  to { transform: translateY(320px) rotate(540deg); } }
@keyframes pl-pop { from { transform: scale(0.2); opacity: 0; } to { transform: scale(1); opacity: 1; } }
@media (prefers-reduced-motion: reduce) { .pl-confetti, .pl-win-star { animation: none; }
  .pl-confetti { top: auto; bottom: 8px; } }
.pl-sort-ghost { position: fixed; z-index: 10000; pointer-events: none; padding: 0.5rem 0.8rem;
  display: flex; align-items: center; gap: 0.5rem; background: #fef08a; color: #111827;
  border: 3px solid #111827; border-radius: 0.75rem; font-size: 1.2rem; font-weight: 600;
  box-shadow: 0 6px 16px rgba(0,0,0,0.25); }
.pl-sort-ghost svg { width: 64px; height: 64px; }
.st-key-sort-again button { min-height: 64px; padding: 0 2.5rem; background: #0f766e; color: #ffffff;
  border: 3px solid #111827; }
.st-key-sort-again button p { font-size: 1.3rem; color: #ffffff; font-weight: 600; }
.st-key-sort-feedback { min-height: 7.2rem; }
.pl-feedback.pl-ask { background: #fefce8; border-color: #ca8a04; }
.pl-ask .pl-fb-line { font-size: 1.4rem; }
.st-key-sort-game h2 { font-size: 1.35rem; padding: 0.2rem 0 0; }
.st-key-sort-feedback [data-testid="stMarkdownContainer"] p { font-size: 1.2rem; }
.st-key-sort-why summary p { font-size: 1.2rem; font-weight: 700; }
@media (max-width: 899px) {
  .st-key-sort-drag-hint { display: none; }  /* a finger on a phone scrolls: tapping is the way there */
}
@media (min-width: 900px) {
  /* on a kiosk a finger may drag a thing; on a phone a finger scrolls and tapping does the sorting */
  [class*="st-key-sort-item-"] button { touch-action: none; }
  /* pinyin a child can read from a step back: never under 16 px on a kiosk */
  .pl-py rt { font-size: max(1rem, 0.6em); }
  .pl-py ruby { margin: 0 0.05em; }
  [class*="st-key-sort-card-"]:has(.pl-py) { width: 176px !important; }
}
@media (max-width: 640px) {
  /* three cards a row and the four bins two by two on a phone */
  .st-key-sort-items { gap: 0.5rem !important; }
  [class*="st-key-sort-card-"] { width: 108px !important; }
  .pl-card { min-height: 150px; padding: 0.4rem 0.2rem; }
  .pl-card-pic svg { width: 64px; height: 64px; }
  .pl-card-name { font-size: 1rem; }
  /* the four bins in one row that stays at the bottom of the screen while the child scrolls the things */
  [data-testid="stLayoutWrapper"]:has(> .st-key-sort-bins) { position: sticky; bottom: 0; z-index: 5; }
  .st-key-sort-bins { background: #ffffff; padding: 0.3rem 0 0.4rem;
    box-shadow: 0 -4px 12px rgba(0,0,0,0.12); }
  .st-key-sort-bins [data-testid="stHorizontalBlock"] { flex-wrap: nowrap; gap: 0.3rem; }
  .st-key-sort-bins [data-testid="stColumn"] { flex: 1 1 25% !important; min-width: 0 !important;
    width: 25% !important; }
  [class*="st-key-sort-drop-"] { padding: 0; }
  .pl-bin { min-height: 96px; border-width: 3px; padding-top: 0.2rem; }
  .pl-bin-art svg { width: 44px; height: 44px; }
  .pl-bin-name { font-size: 0.95rem; padding: 0.15rem 0; }
  .pl-bin-name .pl-py rt { font-size: 0.55em; }
  .pl-bin-sub, .st-key-sort-bins .pl-bin-contents,
  .st-key-sort-bins [data-testid="stMarkdown"]:not(:has(.pl-bin)) { display: none; }
  .pl-feedback { gap: 0.5rem; padding: 0.6rem; }
  .pl-fb-line { font-size: 1.25rem; }
  .pl-fb-pic svg, .pl-fb-star svg { width: 44px; height: 44px; }
  .pl-py ruby { margin: 0 0.04em; }
  .pl-popper { width: 64px; height: 64px; }
  .pl-celebrate-word { font-size: 2rem; }
}
</style>"""

# Drag and drop with a pointer (mouse, pen, or a finger on a kiosk): on drop over a bin, click the thing's
# button, wait until the app has drawn it as picked, then click the bin's button. Installed once per
# browser tab; it only acts on elements of this page, so it is inert elsewhere.
DRAG_JS = """<script>
(function () {
  if (window.__parkloopSortDrag) { return; }
  window.__parkloopSortDrag = true;
  var THRESHOLD = 10, drag = null, swallowClick = false;
  function keyOf(el, prefix) {
    var box = el && el.closest ? el.closest('[class*="' + prefix + '"]') : null;
    if (!box) { return null; }
    for (var i = 0; i < box.classList.length; i++) {
      if (box.classList[i].indexOf(prefix) === 0) { return box.classList[i].slice(prefix.length); }
    }
    return null;
  }
  function binAt(x, y) { return keyOf(document.elementFromPoint(x, y), 'st-key-sort-drop-'); }
  function highlight(bin) {
    document.querySelectorAll('.pl-drop-over').forEach(function (el) {
      el.classList.remove('pl-drop-over');
    });
    if (bin) {
      var box = document.querySelector('.st-key-sort-drop-' + bin);
      if (box) { box.classList.add('pl-drop-over'); }
    }
  }
  function finish() {
    if (drag && drag.ghost) { drag.ghost.remove(); }
    highlight(null);
    drag = null;
  }
  function idle() {
    var app = document.querySelector('[data-testid="stApp"]');
    return !app || app.getAttribute('data-test-script-state') !== 'running';
  }
  function place(item, bin) {
    var itemButton = document.querySelector('.st-key-sort-item-' + item + ' button');
    if (!itemButton) { return; }
    var picked = '.st-key-sort-picked-' + item;
    if (!document.querySelector(picked)) { itemButton.click(); }
    var started = Date.now();
    (function wait() {
      var binButton = document.querySelector('.st-key-sort-bin-' + bin + ' button');
      if (document.querySelector(picked) && idle() && binButton) { binButton.click(); return; }
      if (Date.now() - started < 8000) { setTimeout(wait, 60); }
    })();
  }
  document.addEventListener('pointerdown', function (e) {
    if (e.button !== 0) { return; }
    var item = keyOf(e.target, 'st-key-sort-item-');
    if (item) {
      drag = { item: item, x: e.clientX, y: e.clientY, started: false, ghost: null, label: '', pic: '' };
      var card = document.querySelector('[data-parkloop-item="' + item + '"]');
      var pic = card ? card.querySelector('svg') : null;
      drag.pic = pic ? pic.outerHTML : '';
      drag.label = card ? card.querySelector('.pl-card-name').innerText : ''; }
  }, true);
  document.addEventListener('pointermove', function (e) {
    if (!drag) { return; }
    if (!drag.started) {
      if (Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < THRESHOLD) { return; }
      drag.started = true;
      drag.ghost = document.createElement('div');
      drag.ghost.className = 'pl-sort-ghost';
      drag.ghost.setAttribute('aria-hidden', 'true');
      drag.ghost.innerHTML = drag.pic;
      drag.ghost.appendChild(document.createTextNode(drag.label.replace(/\\s+/g, ' ')));
      document.body.appendChild(drag.ghost);
    }
    drag.ghost.style.left = (e.clientX + 12) + 'px';
    drag.ghost.style.top = (e.clientY + 12) + 'px';
    highlight(binAt(e.clientX, e.clientY));
    e.preventDefault();
  }, true);
  document.addEventListener('pointerup', function (e) {
    if (!drag) { return; }
    var done = drag;
    var bin = done.started ? binAt(e.clientX, e.clientY) : null;
    finish();
    if (!done.started) { return; }
    swallowClick = true;
    setTimeout(function () { swallowClick = false; }, 0);
    // after the browser's own click that ends the drag has been swallowed
    if (bin) { setTimeout(function () { place(done.item, bin); }, 30); }
  }, true);
  document.addEventListener('pointercancel', finish, true);
  document.addEventListener('click', function (e) {
    if (swallowClick) { e.preventDefault(); e.stopPropagation(); swallowClick = false; }
  }, true);
})();
</script>"""


@st.cache_data(show_spinner=False)
def _data() -> SortingData:
    return load_sorting_data()


def _game(data: SortingData) -> Game:
    """This session's round: the URL's seed if it is a good one, else the session's, else a new one."""
    game: Game | None = st.session_state.get(STATE)
    seed = parse_seed(st.query_params.get(ROUND_PARAM))
    if seed is None:
        seed = game.seed if game is not None else new_seed()
    if game is None or game.seed != seed:
        game = Game.start(data, seed)
        st.session_state[STATE] = game
    if st.query_params.get(ROUND_PARAM) != str(seed):
        st.query_params[ROUND_PARAM] = str(seed)
    return game


def _select(item_id: str) -> None:
    st.session_state[STATE].select(item_id)


def _drop(bin_id: str) -> None:
    st.session_state[STATE].drop(bin_id, _data())


def _play_again() -> None:
    old: Game = st.session_state[STATE]
    game = Game.start(_data(), new_seed(avoid=old.seed))
    st.session_state[STATE] = game
    st.query_params[ROUND_PARAM] = str(game.seed)


def _picture(block: str) -> None:
    """A block with inline SVG: through Markdown, since ``st.html``'s sanitiser drops SVG elements (every
    word in it is escaped by ``sorting_html``)."""
    st.markdown(block, unsafe_allow_html=True)


def _tools(game: Game, lang: str) -> bool:
    """The read-aloud button, the 拼音 switch (Chinese only) and the star tally; True when pinyin is on."""
    with st.container(horizontal=True, vertical_alignment="center", gap="medium", key="sort-tools"):
        # on a station's page the station story has the one #parkloop-read-aloud; the game's is beside it
        element_id = f"{ELEMENT_ID}-game" if station_banner_shown() else ELEMENT_ID
        read_aloud_button(spoken_text(game, lang), lang, element_id=element_id, key="sort-read-aloud")
        pinyin = lang == "zh" and url_toggle(t("sorting.pinyin_toggle", lang), PINYIN_PARAM)
        _picture(tally_html(game, lang))
    return pinyin


def _items(data: SortingData, game: Game, lang: str, pinyin: bool) -> None:
    st.header(t("sorting.things_heading", lang), anchor=False)
    with st.container(horizontal=True, wrap=True, gap="small", key="sort-items"):
        for item_id in game.remaining:
            with st.container(key=f"sort-card-{item_id}", gap=None):
                picked = item_id == game.selected
                _picture(item_card_html(data, item_id, lang, picked=picked, pinyin=pinyin))
                label = item_label(game, item_id, lang)
                st.button(label, key=f"sort-item-{item_id}", on_click=_select, args=(item_id,))


def _bins(data: SortingData, game: Game, lang: str, pinyin: bool) -> None:
    st.header(t("sorting.bins_heading", lang), anchor=False)
    with st.container(key="sort-bins"):
        columns = st.columns(len(CATEGORIES), gap="small")
        for column, bin_id in zip(columns, CATEGORIES, strict=True):
            with column, st.container(key=f"sort-drop-{bin_id}"):
                with st.container(key=f"sort-bincard-{bin_id}", gap=None):
                    _picture(bin_card_html(data, bin_id, lang, pinyin=pinyin))
                    label = f"{bin_name(bin_id, lang)}, {t(f'sorting.bin_sub.{bin_id}', lang)}"
                    st.button(
                        label, key=f"sort-bin-{bin_id}", on_click=_drop, args=(bin_id,), width="stretch"
                    )
                _picture(bin_contents_html(data, game, bin_id))
                st.markdown(bin_contents_text(game, bin_id, lang))


def _message(game: Game, data: SortingData, lang: str, pinyin: bool) -> None:
    """The one place, above the things, for what to do now and what just happened. It keeps its height
    from one move to the next, so the things and the bins under it never jump."""
    with st.container(key="sort-feedback"):
        if game.hint:
            st.info(t("sorting.hint", lang))
        if game.selected:
            with st.container(key=f"sort-picked-{game.selected}"):
                words = t("sorting.selected", lang, item=item_name(game.selected, lang)).replace("**", "")
                _picture(ask_html(data.by_id[game.selected].picture, words))
        elif game.last is not None:  # also after the round's last move: the child wants to know
            _picture(feedback_html(data, game.last, lang, pinyin=pinyin))
            with st.expander(t("sorting.why_label", lang), key=f"sort-why-{game.last.item}"):
                st.markdown(why_markdown(feedback(game.last, data, lang), lang))
        elif not game.hint:
            _picture(ask_html("backhand-index-pointing-down", t("sorting.nothing_selected", lang)))
        if game.done:
            _picture(celebration_html(game, lang, pinyin=pinyin))
            st.success(f"**{progress_text(game, lang)}**  \n{page_section(PAGE, 'done', lang)}")
            st.button(t("sorting.play_again", lang), key="sort-again", on_click=_play_again)


def _after_bins(game: Game, data: SortingData, lang: str) -> None:
    if game.done:
        st.markdown(f"**{t('sorting.recap_heading', lang)}**")
        st.markdown(recap_markdown(game, data, lang))
        return
    st.markdown(progress_text(game, lang))
    with st.container(key="sort-drag-hint"):
        st.markdown(t("sorting.drag_hint", lang))


data = _data()
game = _game(data)
page_style(PAGE_CSS)  # with the text, not after it: no layout shift (issue 15)
lang, _mode = exhibit_start(PAGE)
with st.container(key="sort-game"):
    pinyin = _tools(game, lang)
    _message(game, data, lang, pinyin)
    if not game.done:
        _items(data, game, lang, pinyin)
    _bins(data, game, lang, pinyin)
    _after_bins(game, data, lang)
st.html(DRAG_JS, unsafe_allow_javascript=True)
st.markdown(page_section(PAGE, "rules", lang))
st.markdown(page_section(PAGE, "simplifies", lang))
