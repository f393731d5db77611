"""The kiosk's screen as HTML: lock-down CSS, the idle-reset script, the attract screen (no Streamlit).

:mod:`parkloop.ui.kiosk` draws these on every run in kiosk mode; what they do is described there. Kept
apart so that the markup and its configuration can be tested, and reused, without a Streamlit server.
"""

from __future__ import annotations

import html
import json
import logging
from functools import lru_cache

from parkloop import settings
from parkloop.content import t
from parkloop.i18n import SUPPORTED_LANGS

log = logging.getLogger(__name__)

KIOSK = "kiosk"
ATTRACT_ID = "parkloop-attract"
WARNING_ID = "parkloop-idle-warning"
START_KEY = "parkloop-attract-start"
RESET_PARAM = "reset"
VISIT_PARAM = "v"
ATTRACT_REFRESH_S = 120
"""The attract screen redraws its live numbers this often while nobody touches it [s]."""
SLIDE_S = 7
"""Each highlight shows this long [s]."""


# --------------------------------------------------------------------------------------------
# settings
# --------------------------------------------------------------------------------------------
def timing() -> tuple[float, float]:
    """``(kiosk_idle_s, kiosk_warn_s)``; the defaults if a setting is unusable (logged)."""
    values = []
    for name in ("kiosk_idle_s", "kiosk_warn_s"):
        fallback = settings.default(name)
        try:
            values.append(float(settings.get(name)))
        except Exception as error:  # noqa: BLE001 — a bad setting must not take a kiosk down
            log.warning("%s unusable, using %s: %s", name, fallback, error)
            values.append(float(fallback))
    return values[0], values[1]


def reset_url(default_lang: str) -> str:
    """Where the browser goes when the countdown ends (the script adds ``&v=<visit>``)."""
    return f"/?mode={KIOSK}&{RESET_PARAM}=1&lang={default_lang}"


# --------------------------------------------------------------------------------------------
# lock-down and idle: CSS and one script, installed once per page load
# --------------------------------------------------------------------------------------------
KIOSK_CSS = """
<style>
html, body, .stApp { -webkit-user-select: none; user-select: none; -webkit-touch-callout: none;
  touch-action: pan-x pan-y; overscroll-behavior: none; }
.stApp img, .stApp a { -webkit-user-drag: none; }
/* no text field invites a keyboard on a kiosk */
[data-testid="stTextInput"], [data-testid="stTextArea"], [data-testid="stChatInput"],
[data-testid="stDateInput"], [data-testid="stTimeInput"],
[data-testid="stFileUploader"] { display: none !important; }
/* no developer menu, no deploy button, no link to streamlit.io */
[data-testid="stToolbar"], [data-testid="stMainMenu"],
[data-testid="stAppDeployButton"] { display: none !important; }
a[data-parkloop-offsite] { color: inherit !important; text-decoration: none !important; cursor: default; }
#parkloop-kiosk-state { display: none; }
#parkloop-idle-warning { position: fixed; inset: 0; z-index: 1000000; display: flex; align-items: center;
  justify-content: center; background: rgba(17, 24, 39, 0.82); cursor: pointer; }
#parkloop-idle-warning .pl-panel { background: #ffffff; color: #111827; border-radius: 1rem;
  padding: 2.5rem 3rem; max-width: 52rem; text-align: center; box-shadow: 0 10px 40px rgba(0, 0, 0, 0.4); }
#parkloop-idle-warning .pl-title { font-size: 2.4rem; font-weight: 700; margin: 0 0 0.5rem 0; }
#parkloop-idle-warning .pl-body { font-size: 1.5rem; margin: 0 0 0.75rem 0; }
#parkloop-idle-warning .pl-count { font-size: 5rem; font-weight: 700; color: #9a3412; line-height: 1.1;
  margin: 1rem 0; }
#parkloop-idle-warning [lang="en"] { color: #1f2937; }
/* Text for reading from a step back: Streamlit sizes its text in rem, and its smallest (labels,
   buttons, captions: 0.875rem) is 16 px at this root size; the text-size control scales the root. */
html:root { font-size: calc(18.3px * var(--parkloop-text-scale, 1)); }
html[data-parkloop-text-size="125"] { --parkloop-text-scale: 1.25; }
html[data-parkloop-text-size="150"] { --parkloop-text-scale: 1.5; }
.stApp small { font-size: 0.875rem; }
/* touch targets of at least 44 × 44 px (WCAG 2.5.8 asks 24, a kiosk more): buttons, page links,
   expander headers, the language buttons */
.stApp button, .stApp [data-testid="stPageLink"] a { min-height: 44px; }
.stApp [data-testid="stPageLink"] a { display: flex; align-items: center; }
.stApp [data-testid="stExpander"] summary { min-height: 44px; }
.stApp summary { min-height: 44px; box-sizing: border-box; padding-block: 0.5rem; }
.st-key-parkloop-lang-switch button { min-width: 88px; }
/* slider thumbs (react-aria in Streamlit 1.67: the thumb is the
   element holding the visually hidden range input), help icons, radio options, checkboxes, toggles */
.stApp [data-testid="stSlider"] div:has(> div > input[type="range"]) { width: 44px !important;
  height: 44px !important; }
.stApp [data-testid="stSlider"] { padding-top: 1.25rem; padding-bottom: 0.75rem; }
.stApp [data-testid="stSliderThumbValue"] { top: -2rem; }
.stApp [data-testid="stTooltipHoverTarget"] button { min-width: 44px; min-height: 44px;
  display: inline-flex; align-items: center; justify-content: center; }
.stApp [data-testid="stTooltipHoverTarget"] button svg { width: 22px; height: 22px; }
.stApp [data-testid="stRadio"] label, .stApp [data-testid="stCheckbox"] label {
  min-height: 44px; min-width: 44px; align-items: center; }
/* a chart's toolbar (full screen, download) is for a mouse on a desk: not on a kiosk */
.stApp [data-testid="stElementToolbar"] { display: none !important; }
#parkloop-text-size { display: flex; align-items: center; gap: 0.25rem; margin: 0; }
#parkloop-text-size .pl-label { margin: 0 0.25rem 0 0; color: #1f2937; font-size: 1rem; }
#parkloop-text-size button { min-width: 64px; min-height: 44px; font-size: 1rem; border-radius: 0.5rem;
  border: 1px solid #6b7280; background: #ffffff; color: #111827; cursor: pointer; padding: 0 0.5rem; }
#parkloop-text-size button[aria-pressed="true"] { background: #1f2937; border-color: #1f2937;
  color: #ffffff; font-weight: 700; }
</style>
"""

TEXT_SIZE_ID = "parkloop-text-size"
TEXT_SIZES = (100, 125, 150)
"""The text sizes a visitor can choose on a kiosk [%]: pinch-zoom is locked, so this is the way."""

# Kept in the tab's sessionStorage (so it holds across page switches and reloads of one visit) and on
# <html data-parkloop-text-size>, which the kiosk CSS reads; the idle reset forgets it.
TEXT_SIZE_SCRIPT = r"""
<script>
(function () {
  const KEY = 'parkloop-text-size';
  const root = document.documentElement;
  function apply(size) {
    if (size === '100') { delete root.dataset.parkloopTextSize; }
    else { root.dataset.parkloopTextSize = size; }
    for (const button of document.querySelectorAll('#parkloop-text-size button')) {
      button.setAttribute('aria-pressed', String(button.dataset.size === size));
    }
  }
  let stored = null;
  try { stored = sessionStorage.getItem(KEY); } catch (error) { stored = null; }
  apply(stored || '100');
  if (window.parkloopTextSize) { return; }
  window.parkloopTextSize = true;
  document.addEventListener('click', (event) => {
    const button = event.target.closest ? event.target.closest('#parkloop-text-size button') : null;
    if (!button) { return; }
    try { sessionStorage.setItem(KEY, button.dataset.size); } catch (error) { /* private mode */ }
    apply(button.dataset.size);
  });
})();
</script>
"""


def text_size_html(label: str) -> str:
    """The kiosk's text-size control ``#parkloop-text-size``: a labelled group of three toggle buttons."""
    buttons = "".join(
        f'<button type="button" data-size="{size}" aria-pressed="{"true" if size == 100 else "false"}">'
        f"{size} %</button>"
        for size in TEXT_SIZES
    )
    label = html.escape(label)
    return (
        f'<div id="{TEXT_SIZE_ID}" role="group" aria-label="{label}">'
        f'<p class="pl-label" aria-hidden="true">{label}</p>{buttons}</div>' + TEXT_SIZE_SCRIPT
    )


# The one script of kiosk mode. Idempotent: Streamlit may insert it again on a rerun; the first copy
# installs the listeners, later copies only refresh the configuration.
KIOSK_SCRIPT = r"""
<script>
(function () {
  const cfg = __CONFIG__;
  const K = (window.parkloopKiosk = window.parkloopKiosk || {});
  K.cfg = cfg;
  if (K.installed) { return; }
  K.installed = true;
  let last = Date.now();
  let warning = null;
  let pendingDismiss = false;

  const onAttract = () => document.getElementById(cfg.attractId) !== null;
  const visit = () => {
    const el = document.getElementById('parkloop-kiosk-state');
    return el ? (el.dataset.visit || '') : '';
  };
  function removeWarning() {
    if (warning) { warning.remove(); warning = null; }
    pendingDismiss = false;
  }
  function line(tag, cls, lang, text) {
    const el = document.createElement(tag);
    el.className = cls; el.lang = lang; el.textContent = text;
    return el;
  }
  function showWarning() {
    const c = K.cfg;
    warning = document.createElement('div');
    warning.id = c.warningId;
    warning.setAttribute('role', 'alertdialog');
    warning.setAttribute('aria-live', 'assertive');
    const panel = document.createElement('div');
    panel.className = 'pl-panel';
    for (const lang of c.langs) {
      panel.appendChild(line('p', 'pl-title', lang === 'zh' ? 'zh-Hans' : lang, c.text[lang].title));
      panel.appendChild(line('p', 'pl-body', lang === 'zh' ? 'zh-Hans' : lang, c.text[lang].body));
    }
    const count = document.createElement('p');
    count.className = 'pl-count';
    count.setAttribute('data-parkloop-countdown', '');
    panel.appendChild(count);
    panel.appendChild(line('p', 'pl-body', '', c.seconds));
    warning.appendChild(panel);
    warning.addEventListener('click', (event) => {
      event.preventDefault(); event.stopPropagation();
      last = Date.now(); removeWarning();
    });
    document.body.appendChild(warning);
  }
  let px = null, py = null;
  function activity(event) {
    if (event.type === 'pointermove') {
      // Chromium sends moves under a resting pointer whenever the page beneath it changes (a chart
      // redrawing, an animation): only a pointer that really moved is a visitor.
      if (px !== null && Math.abs(event.clientX - px) < 3 && Math.abs(event.clientY - py) < 3) { return; }
      px = event.clientX; py = event.clientY;
    }
    last = Date.now();
    if (warning && event && warning.contains(event.target)) { pendingDismiss = true; }
  }
  for (const type of ['pointerdown', 'pointermove', 'touchstart', 'keydown', 'wheel']) {
    window.addEventListener(type, activity, { capture: true, passive: true });
  }
  function tick() {
    const c = K.cfg;
    const now = Date.now();
    if (onAttract()) { last = now; removeWarning(); return; }
    const idle = now - last;
    const idleMs = c.idleS * 1000, warnMs = c.warnS * 1000;
    if (warning) {
      if (pendingDismiss) { if (idle > 1000) { removeWarning(); } return; }
      if (idle < idleMs) { removeWarning(); return; }
      const left = Math.ceil((idleMs + warnMs - idle) / 1000);
      if (left <= 0) {
        clearInterval(K.timer);
        try { sessionStorage.removeItem('parkloop-text-size'); } catch (error) { /* private mode */ }
        const v = visit();
        window.location.replace(c.resetUrl + (v ? '&v=' + encodeURIComponent(v) : ''));
        return;
      }
      const count = warning.querySelector('[data-parkloop-countdown]');
      if (count && count.textContent !== String(left)) { count.textContent = String(left); }
    } else if (idle >= idleMs) {
      showWarning(); tick();
    }
  }
  K.timer = setInterval(tick, 250);

  // Lock-down: links, new windows, menus, selection, zoom, keyboards.
  const offsite = (href) => {
    try { return new URL(href, window.location.href).origin !== window.location.origin; }
    catch (error) { return true; }
  };
  document.addEventListener('click', (event) => {
    if (onAttract() && event.target.closest && event.target.closest('#' + K.cfg.attractId)) {
      const start = document.querySelector(K.cfg.startSelector);
      if (start) { start.click(); }
      return;
    }
    const link = event.target.closest ? event.target.closest('a') : null;
    if (!link) { return; }
    const href = link.getAttribute('href');
    if (link.hasAttribute('data-parkloop-offsite') || (href && offsite(href))) {
      event.preventDefault(); event.stopPropagation(); return;
    }
    if (href && link.target && link.target !== '_self') {  // never a second window on a kiosk
      event.preventDefault(); event.stopPropagation();
      window.location.assign(new URL(href, window.location.href).href);
    }
  }, true);
  window.open = function () { return null; };
  for (const type of ['contextmenu', 'dragstart', 'selectstart', 'gesturestart', 'gesturechange']) {
    document.addEventListener(type, (event) => event.preventDefault(), { capture: true });
  }
  document.addEventListener('touchmove', (event) => {
    if (event.touches && event.touches.length > 1) { event.preventDefault(); }
  }, { capture: true, passive: false });
  document.addEventListener('wheel', (event) => { if (event.ctrlKey) { event.preventDefault(); } },
    { capture: true, passive: false });
  document.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && ['+', '-', '=', '0', 'p', 's', 'o', 'u'].includes(event.key)) {
      event.preventDefault();
    }
  }, { capture: true });
  let meta = document.querySelector('meta[name="viewport"]');
  if (!meta) {
    meta = document.createElement('meta'); meta.name = 'viewport'; document.head.appendChild(meta);
  }
  meta.content = 'width=device-width, initial-scale=1, maximum-scale=1, user-scalable=no';

  function sanitize() {
    for (const link of document.querySelectorAll('a[href]')) {
      if (offsite(link.getAttribute('href'))) {
        link.removeAttribute('href');
        link.removeAttribute('target');
        link.setAttribute('data-parkloop-offsite', '');
        link.setAttribute('aria-disabled', 'true');
      }
    }
    const fields = 'input:not([type=range]):not([inputmode=none]), textarea';
    for (const field of document.querySelectorAll(fields)) {
      field.setAttribute('inputmode', 'none');  // no on-screen keyboard
    }
  }
  let queued = false;
  new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(() => { queued = false; sanitize(); }); }
  }).observe(document.body, { childList: true, subtree: true });
  sanitize();
})();
</script>
"""


def _script_config(default_lang: str) -> dict[str, object]:
    idle_s, warn_s = timing()
    return {
        "idleS": idle_s,
        "warnS": warn_s,
        "resetUrl": reset_url(default_lang),
        "attractId": ATTRACT_ID,
        "warningId": WARNING_ID,
        "startSelector": f".st-key-{START_KEY} button",
        "langs": list(SUPPORTED_LANGS),
        "seconds": " · ".join(t("kiosk.idle.seconds", code) for code in SUPPORTED_LANGS),
        "text": {
            code: {"title": t("kiosk.idle.title", code), "body": t("kiosk.idle.body", code)}
            for code in SUPPORTED_LANGS
        },
    }


def kiosk_head(default_lang: str, visit: str | None) -> str:
    """The visit marker and the script of kiosk mode, as one HTML string (the frame draws
    :data:`KIOSK_CSS` itself, before the first paint).

    The configuration is JSON inside the script; ``</`` is escaped so that no text can close the tag."""
    config = json.dumps(_script_config(default_lang), ensure_ascii=False).replace("</", "<\\/")
    state = f'<div id="parkloop-kiosk-state" data-visit="{html.escape(visit or "")}"></div>'
    return state + KIOSK_SCRIPT.replace("__CONFIG__", config)


# --------------------------------------------------------------------------------------------
# attract screen: a loop of slides that moves (CSS only), still under prefers-reduced-motion
# --------------------------------------------------------------------------------------------
MAX_SLIDES = 12
"""The loop has at most this many slides (a keyframes rule per count is in :data:`ATTRACT_CSS`)."""
FADE_S = 0.8
"""A slide fades and slides in over this long [s]."""

ATTRACT_CSS = """
<style>
.st-key-parkloop-topbar { display: none !important; }
#parkloop-attract { position: relative; min-height: calc(100vh - 13rem); border-radius: 1.25rem;
  cursor: pointer;
  background: linear-gradient(135deg, #064e3b 0%, #065f46 55%, #0f766e 100%); color: #ffffff;
  padding: 2.5rem 3.5rem; display: flex; flex-direction: column; justify-content: space-between;
  gap: 1rem; overflow: hidden; }
#parkloop-attract p { color: #ffffff; }
#parkloop-attract .pl-name { font-size: 2rem; font-weight: 700; margin: 0; }
#parkloop-attract .pl-name span[lang="en"] { font-weight: 400; margin-left: 1rem; }
#parkloop-attract .pl-slides { position: relative; flex: 1; min-height: 30rem; }
#parkloop-attract .pl-slide { position: absolute; inset: 0; display: flex; flex-direction: column;
  justify-content: safe center; opacity: 0; animation-timing-function: linear;
  animation-iteration-count: infinite; animation-fill-mode: both; }
#parkloop-attract .pl-zh { font-size: 3.2rem; font-weight: 700; line-height: 1.3; margin: 0 0 1rem 0; }
#parkloop-attract .pl-en { font-size: 2.2rem; line-height: 1.3; margin: 0 0 1.5rem 0; }
#parkloop-attract .pl-source { font-size: 1.2rem; margin: 0; color: #ecfdf5; }
/* a child's slide: big pictures in a row, one short sentence, nothing else */
#parkloop-attract .pl-child { align-items: center; text-align: center; }
#parkloop-attract .pl-pics { display: flex; align-items: center; justify-content: center; gap: 1.5rem;
  margin: 0 0 1.5rem 0; }
#parkloop-attract .pl-pic { width: 10rem; height: 10rem; background: #ffffff; border-radius: 2rem;
  padding: 1rem; box-sizing: border-box; animation: pl-hop 2.4s ease-in-out infinite; }
#parkloop-attract .pl-pic svg { width: 100%; height: 100%; display: block; }
#parkloop-attract .pl-pic:nth-child(3) { animation-delay: 0.4s; }
#parkloop-attract .pl-pic:nth-child(5) { animation-delay: 0.8s; }
#parkloop-attract .pl-pic:nth-child(7) { animation-delay: 1.2s; }
#parkloop-attract .pl-arrow { font-size: 4rem; font-weight: 700; line-height: 1; }
#parkloop-attract .pl-child .pl-zh { font-size: 5rem; margin: 0 0 0.5rem 0; letter-spacing: 0.05em; }
#parkloop-attract .pl-child .pl-en { font-size: 2.6rem; margin: 0; }
/* the park's journey on a white panel (its own CSS draws it; its captions are for the exhibits) */
#parkloop-attract .pl-head { display: flex; flex-wrap: wrap; align-items: baseline; column-gap: 1.25rem;
  margin: 0 0 0.6rem 0; }
#parkloop-attract .pl-journey .pl-zh { font-size: 2.2rem; margin: 0; }
#parkloop-attract .pl-journey .pl-en { font-size: 1.6rem; margin: 0; }
#parkloop-attract .pl-journey .pl-source { font-size: 1rem; }
#parkloop-attract .pl-panel { background: #ffffff; border-radius: 1.25rem; padding: 0.6rem 1rem;
  margin: 0 0 0.5rem 0; }
#parkloop-attract .pl-panel .pl-j { margin: 0; }
#parkloop-attract .pl-panel .pl-j svg { max-height: 21.5rem; width: auto; max-width: 100%; }
#parkloop-attract .pl-panel .pl-caps, #parkloop-attract .pl-panel details { display: none; }
#parkloop-attract .pl-touch { font-size: 2.4rem; font-weight: 700; text-align: center; margin: 0;
  padding: 1.25rem; border: 3px solid #ffffff; border-radius: 999px;
  animation: pl-pulse 2.5s ease-in-out infinite; }
#parkloop-attract .pl-touch span[lang="en"] { margin-left: 1.5rem; font-weight: 400; }
@keyframes pl-pulse { 0%, 100% { transform: scale(1); } 50% { transform: scale(1.03); } }
@keyframes pl-hop { 0%, 100% { transform: translateY(0); } 50% { transform: translateY(-0.9rem); } }
__CYCLES__
@media (prefers-reduced-motion: reduce) {
  /* still: the slides change without moving or fading, nothing hops, pulses or flows */
  #parkloop-attract .pl-slide { animation-timing-function: step-end; transform: none !important; }
  #parkloop-attract .pl-touch, #parkloop-attract .pl-pic { animation: none; }
}
.st-key-parkloop-attract-start button { min-height: 72px; width: 100%; background: #047857;
  border-color: #047857; color: #ffffff; }
.st-key-parkloop-attract-start button p { font-size: 1.6rem; font-weight: 700; }
@media (max-width: 640px) {
  #parkloop-attract { padding: 1.25rem 1rem; min-height: calc(100vh - 12rem); }
  #parkloop-attract .pl-name { font-size: 1.05rem; }
  #parkloop-attract .pl-name span[lang="en"] { display: block; margin: 0; font-size: 0.85rem; }
  #parkloop-attract .pl-slides { min-height: 24rem; }
  #parkloop-attract .pl-zh { font-size: 1.35rem; margin: 0 0 0.5rem 0; }
  #parkloop-attract .pl-en { font-size: 1rem; margin: 0 0 0.75rem 0; }
  #parkloop-attract .pl-source { font-size: 0.8rem; }
  #parkloop-attract .pl-touch { font-size: 1.1rem; padding: 0.75rem; }
  #parkloop-attract .pl-child .pl-zh { font-size: 1.75rem; }
  #parkloop-attract .pl-child .pl-en { font-size: 1.15rem; }
  #parkloop-attract .pl-pics { gap: 0.3rem; }
  #parkloop-attract .pl-pic { width: 3.6rem; height: 3.6rem; padding: 0.4rem; border-radius: 0.8rem; }
  #parkloop-attract .pl-arrow { font-size: 1.3rem; }
  #parkloop-attract .pl-journey .pl-zh { font-size: 1.35rem; }
  #parkloop-attract .pl-journey .pl-en { font-size: 1rem; }
  #parkloop-attract .pl-journey .pl-source { font-size: 0.8rem; }
  /* the wide picture, scaled to the width: the whole park on one screen */
  #parkloop-attract .pl-panel { padding: 0.4rem; }
  #parkloop-attract .pl-panel .pl-wide { display: block !important; }
  #parkloop-attract .pl-panel .pl-tall { display: none !important; }
}
</style>
"""


def cycle_keyframes(count: int) -> str:
    """``@keyframes pl-cycle-<count>``: one slide's share of a loop of ``count`` slides — it slides and
    fades in over :data:`FADE_S`, stays, and is gone for the other slides' time."""
    cycle = count * SLIDE_S
    fade = round(FADE_S / cycle * 100, 2)
    shown = round(100 / count - fade, 2)
    gone = round(100 / count, 2)
    if count == 1:
        return "@keyframes pl-cycle-1 { 0% { opacity: 0; transform: translateX(2rem); } " + (
            f"{fade}%, 100% {{ opacity: 1; transform: none; }} }}"
        )
    return (
        f"@keyframes pl-cycle-{count} {{ 0% {{ opacity: 0; transform: translateX(2rem); }} "
        f"{fade}% {{ opacity: 1; transform: none; }} {shown}% {{ opacity: 1; transform: none; }} "
        f"{gone}% {{ opacity: 0; transform: translateX(-2rem); }} 100% {{ opacity: 0; }} }}"
    )


def attract_css(journey_css: str = "") -> str:
    """The attract screen's ``<style>`` (the same whatever the slides say, so it can be drawn before the
    first paint), with the journey's own style (:func:`parkloop.exhibits.journey.style`) after it."""
    cycles = "\n".join(cycle_keyframes(count) for count in range(1, MAX_SLIDES + 1))
    return ATTRACT_CSS.replace("__CYCLES__", cycles) + journey_css


def _span(lang: str, text: str) -> str:
    return f'<span lang="{"zh-Hans" if lang == "zh" else lang}">{html.escape(text)}</span>'


def _lines(slide) -> str:
    return "".join(
        f'<p class="pl-{code}" lang="{"zh-Hans" if code == "zh" else code}">'
        f"{html.escape(slide.headline[code])}</p>"
        for code in SUPPORTED_LANGS
    )


def _source(slide) -> str:
    text = " · ".join(html.escape(slide.source[code]) for code in SUPPORTED_LANGS if slide.source.get(code))
    return f'<p class="pl-source">{text}</p>' if text else ""


def _picture(name: str) -> str:
    """A child's slide's picture: one of the four bins in its colour, or a Fluent Emoji Flat picture."""
    from parkloop.exhibits.sorting import load_sorting_data
    from parkloop.exhibits.sorting_pictures import bin_svg

    if name.startswith("bin:"):
        bins = load_sorting_data().bins
        colour = bins[name[4:]].colour if name[4:] in bins else "#4b5563"
        return bin_svg(name[4:], colour)
    return child_picture(name)


def child_picture(name: str) -> str:
    """A Fluent Emoji Flat picture as a decorative inline ``<svg>`` (a plain bag without the icon set)."""
    from parkloop.exhibits.sorting_pictures import VIEWBOX

    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {VIEWBOX} {VIEWBOX}" aria-hidden="true" '
        f'focusable="false">{_child_bodies().get(name, "")}</svg>'
    )


@lru_cache(maxsize=1)
def _child_bodies() -> dict[str, str]:
    from parkloop.exhibits.sorting_pictures import ICON_SET, OWN, _icons
    from parkloop.kiosk.attract import CHILD_SLIDES

    names = frozenset(n for _, pictures in CHILD_SLIDES for n in pictures if not n.startswith("bin:"))
    found = _icons(ICON_SET, names)
    return {name: found.get(name, OWN["bag"]) for name in names}


def _pictures(slide) -> str:
    """The pictures in a row; a chain (not the four bins) has arrows between them."""
    chain = not all(name.startswith("bin:") for name in slide.pictures)
    cells = [f'<div class="pl-pic">{_picture(name)}</div>' for name in slide.pictures]
    arrow = '<span class="pl-arrow" aria-hidden="true">→</span>' if chain else ""
    return f'<div class="pl-pics" aria-hidden="true">{arrow.join(cells)}</div>'


def attract_journey(journey_html: str) -> str:
    """The park's journey for the attract screen: its own id (the exhibits' ``#parkloop-journey`` stays
    unique to them), no stage a keyboard stops at (the Start button is the attract screen's one control)."""
    return journey_html.replace('id="parkloop-journey"', 'id="parkloop-attract-journey"', 1).replace(
        ' tabindex="0"', ""
    )


def _slide_body(slide, journey_html: str) -> str:
    if slide.kind == "child":
        return _pictures(slide) + _lines(slide)
    if slide.kind == "journey":
        panel = f'<div class="pl-panel">{attract_journey(journey_html)}</div>'
        return f'<div class="pl-head">{_lines(slide)}</div>' + panel + _source(slide)
    return _lines(slide) + _source(slide)


def attract_html(slides: list, journey_html: str = "") -> str:
    """The attract screen (no ``<style>``: :func:`attract_css`): the name, the loop of slides (CSS only,
    each slide's place in the loop in its own ``animation``), the invitation to touch. A journey slide is
    left out without ``journey_html``; at most :data:`MAX_SLIDES` slides."""
    shown = [s for s in slides if s.kind != "journey" or journey_html][:MAX_SLIDES]
    count, cycle = max(len(shown), 1), max(len(shown), 1) * SLIDE_S
    parts = []
    for index, slide in enumerate(shown):
        kind = {"child": " pl-child", "journey": " pl-journey"}.get(slide.kind, "")
        parts.append(
            f'<div class="pl-slide{kind}" data-slide="{html.escape(slide.name)}" '
            f'style="animation-name: pl-cycle-{count}; animation-duration: {cycle}s; '
            f'animation-delay: {index * SLIDE_S}s">{_slide_body(slide, journey_html)}</div>'
        )
    name = "".join(_span(code, t("app.park", code)) for code in SUPPORTED_LANGS)
    touch = "".join(_span(code, t("kiosk.touch", code)) for code in SUPPORTED_LANGS)
    # Not a role=button of its own: a touch anywhere on it presses the Start button under it, which is
    # the one control a keyboard or a screen reader meets (the same words, no second tab stop).
    return (
        f'<div id="{ATTRACT_ID}" data-slides="{len(shown)}">'
        f'<p class="pl-name">{name}</p><div class="pl-slides">{"".join(parts)}</div>'
        f'<p class="pl-touch">{touch}</p></div>'
    )
