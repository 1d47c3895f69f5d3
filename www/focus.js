// Keyboard focus across redraws: every change redraws the panels, which would drop the focus
// on <body> (and a keyboard user 25 tabs from where they were). `remember` notes where the
// focus is before a redraw, `restore` puts it back on the same control or its nearest
// successor. The live region says what a click changed.
import { $ } from "./dom.js";

const ZONES = ["#matches", "#results", "#examples", "#map-panel"];

/** Where the focus is, as a way to find the same control after a redraw (or null). */
export function remember() {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  if (el.id) return { el, elementId: el.id };
  const zone = ZONES.find((z) => el.closest(z));
  if (!zone) return null;
  const buttons = [...document.querySelectorAll(`${zone} button`)];
  const act = el.dataset.act;
  const id = el.dataset.id ?? el.closest("[data-id]")?.dataset.id;
  return { el, zone, act, id, cls: el.className, index: buttons.indexOf(el) };
}

/** Focuses the remembered control, else the one now at its place, else the zone's heading. */
export function restore(spot) {
  // Still in the page (not redrawn): the focus never moved.
  if (!spot || spot.el.isConnected) return;
  if (spot.elementId) {
    document.getElementById(spot.elementId)?.focus();
    return;
  }
  const { zone, act, id, cls, index } = spot;
  const same = act
    ? document.querySelector(`${zone} button[data-act="${act}"][data-id="${id}"]`)
    : [...document.querySelectorAll(`${zone} [data-id="${id}"] button`)].find((b) => b.className === cls);
  if (same) {
    same.focus();
    return;
  }
  const buttons = [...document.querySelectorAll(`${zone} button`)];
  const next = buttons[Math.min(index, buttons.length - 1)];
  if (next) next.focus();
  else $(`${zone}-title`)?.focus() ?? $("#find").focus();
}

/** Says `text` politely in the live region (replacing what it said before). */
export function say(text) {
  const region = $("#announce");
  // Clear first so repeating the same words is announced again.
  region.textContent = "";
  requestAnimationFrame(() => { region.textContent = text; });
}
