"""Exhibit "Sorting game": children put things into Beijing's four bins and read what each becomes.

Tap a thing, then tap a bin (WCAG 2.5.7: a single-pointer way that needs no dragging) — plain Streamlit
buttons. On top of that, a small script lets a visitor drag a thing onto a bin: on drop it clicks the
same two buttons, so there is one way the game changes, and the game works without the script.
Untimed, no points: a wrong bin is explained kindly and the thing goes to the right bin.

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
    feedback_markdown,
    item_label,
    item_name,
    load_sorting_data,
    new_seed,
    parse_seed,
    progress_text,
    recap_markdown,
)
from parkloop.ui.exhibit import exhibit_start

PAGE = "sorting"
STATE = "sorting-game"
ROUND_PARAM = "round"

# Big touch targets (64 px things, 96 px bins), white text on the bins' own colours (contrast >= 4.5:1,
# tested), the bin's name always written on it. The picked thing gets a thick dark border, a yellow fill
# and "▶ … (picked)" in its label: never colour alone.
PAGE_CSS = """<style>
.st-key-sort-items { user-select: none; -webkit-user-select: none; }
.st-key-sort-items button { min-height: 64px; min-width: 120px; font-size: 1.2rem; border: 2px solid #374151;
  color: #111827; background: #ffffff; }
.st-key-sort-items button p { font-size: 1.2rem; }
.stApp [class*="st-key-sort-bin-"] button { min-height: 96px; border: 3px solid #111827; color: #ffffff; }
.stApp [class*="st-key-sort-bin-"] button p { font-size: 1.35rem; color: #ffffff; line-height: 1.35; }
.stApp [class*="st-key-sort-bin-"] button:hover, .stApp [class*="st-key-sort-bin-"] button:focus-visible {
  outline: 4px solid #facc15; outline-offset: 2px; color: #ffffff; }
%BIN_COLOURS%
[class*="st-key-sort-drop-"] { border-radius: 0.75rem; padding: 0.25rem; }
[class*="st-key-sort-drop-"].pl-drop-over { outline: 5px dashed #111827; outline-offset: 2px; }
.st-key-sort-feedback [data-testid="stAlert"] p { font-size: 1.15rem; }
.pl-sort-ghost { position: fixed; z-index: 10000; pointer-events: none; padding: 0.75rem 1rem;
  background: #fef08a; color: #111827; border: 3px solid #111827; border-radius: 0.5rem;
  font-size: 1.2rem; font-weight: 600; box-shadow: 0 6px 16px rgba(0,0,0,0.25); }
.st-key-sort-again button { min-height: 64px; padding: 0 2.5rem; background: #0f766e; color: #ffffff;
  border: 3px solid #111827; }
.st-key-sort-again button p { font-size: 1.3rem; color: #ffffff; font-weight: 600; }
@media (max-width: 899px) {
  .st-key-sort-drag-hint { display: none; }  /* a finger on a phone scrolls: tapping is the way there */
}
@media (min-width: 900px) {
  /* on a kiosk a finger may drag a thing; on a phone a finger scrolls and tapping does the sorting */
  .st-key-sort-items button { touch-action: none; }
}
@media (max-width: 640px) {
  /* two bins side by side on a phone instead of four stacked */
  .st-key-sort-bins [data-testid="stHorizontalBlock"] { flex-wrap: wrap; gap: 0.5rem; }
  .st-key-sort-bins [data-testid="stColumn"] { flex: 1 1 calc(50% - 0.5rem) !important;
    min-width: calc(50% - 0.5rem) !important; width: calc(50% - 0.5rem) !important; }
  .st-key-sort-items button { min-width: 0; }
  .stApp [class*="st-key-sort-bin-"] button p { font-size: 1.15rem; }
}
</style>"""
PICKED_CSS = """<style>
.st-key-sort-item-%ID% button { background: #fef08a !important; border: 4px solid #111827 !important;
  font-weight: 700; }
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
    if (item) { drag = { item: item, x: e.clientX, y: e.clientY, started: false, ghost: null, label: '' };
      drag.label = (e.target.closest('button') || e.target).innerText.replace(/^\\u25b6\\s*/, ''); }
  }, true);
  document.addEventListener('pointermove', function (e) {
    if (!drag) { return; }
    if (!drag.started) {
      if (Math.hypot(e.clientX - drag.x, e.clientY - drag.y) < THRESHOLD) { return; }
      drag.started = true;
      drag.ghost = document.createElement('div');
      drag.ghost.className = 'pl-sort-ghost';
      drag.ghost.setAttribute('aria-hidden', 'true');
      drag.ghost.textContent = drag.label;
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


def _css(data: SortingData, game: Game) -> None:
    colours = "\n".join(
        f".stApp .st-key-sort-bin-{b.id} button {{ background: {b.colour}; }}\n"
        f".stApp .st-key-sort-bin-{b.id} button:hover {{ background: {b.colour}; }}"
        for b in data.bins.values()
    )
    css = PAGE_CSS.replace("%BIN_COLOURS%", colours)
    if game.selected:
        css += PICKED_CSS.replace("%ID%", game.selected)
    st.html(css)


def _items(game: Game, lang: str) -> None:
    st.subheader(t("sorting.things_heading", lang))
    if game.selected:
        with st.container(key=f"sort-picked-{game.selected}"):
            st.markdown(t("sorting.selected", lang, item=item_name(game.selected, lang)))
    elif not game.done:
        st.markdown(t("sorting.nothing_selected", lang))
    with st.container(horizontal=True, wrap=True, gap="small", key="sort-items"):
        for item_id in game.remaining:
            label = item_label(game, item_id, lang)
            st.button(label, key=f"sort-item-{item_id}", on_click=_select, args=(item_id,))
    st.markdown(progress_text(game, lang))
    with st.container(key="sort-drag-hint"):
        st.markdown(t("sorting.drag_hint", lang))


def _bins(game: Game, lang: str) -> None:
    st.subheader(t("sorting.bins_heading", lang))
    with st.container(key="sort-bins"):
        columns = st.columns(len(CATEGORIES), gap="small")
        for column, bin_id in zip(columns, CATEGORIES, strict=True):
            with column, st.container(key=f"sort-drop-{bin_id}"):
                label = f"**{bin_name(bin_id, lang)}**  \n{t(f'sorting.bin_sub.{bin_id}', lang)}"
                st.button(label, key=f"sort-bin-{bin_id}", on_click=_drop, args=(bin_id,), width="stretch")
                st.markdown(bin_contents_text(game, bin_id, lang))


def _feedback(game: Game, data: SortingData, lang: str) -> None:
    with st.container(key="sort-feedback"):
        if game.hint:
            st.info(t("sorting.hint", lang))
        if game.last is not None:
            words = feedback(game.last, data, lang)
            # right: green "success"; wrong: blue "info", never a red "error" for a child's try
            (st.success if words.correct else st.info)(feedback_markdown(words, lang))
        if game.done:
            st.success(f"**{progress_text(game, lang)}**  \n{page_section(PAGE, 'done', lang)}")
            st.markdown(f"**{t('sorting.recap_heading', lang)}**")
            st.markdown(recap_markdown(game, data, lang))
            st.button(t("sorting.play_again", lang), key="sort-again", on_click=_play_again)


data = _data()
game = _game(data)
_css(data, game)
lang, _mode = exhibit_start(PAGE)
if not game.done:
    _items(game, lang)
_bins(game, lang)
_feedback(game, data, lang)
st.html(DRAG_JS, unsafe_allow_javascript=True)
st.markdown(page_section(PAGE, "rules", lang))
st.markdown(page_section(PAGE, "simplifies", lang))
