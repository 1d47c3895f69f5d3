// DOM helpers for the demo: a query shorthand, an element builder, and the 👍 👎 🎯 icons.

/** The first element matching `selector`. */
export const $ = (selector) => document.querySelector(selector);

// 👍 👎 🎯 in UI text are drawn as inline SVG: emoji fonts are missing on some systems.
// Thumb: Material Icons "thumb_up" (Apache-2.0); thumb down is the same shape turned over.
const THUMB =
  "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z";
const LABELS = { pos: "thumbs up", neg: "thumbs down", target: "target" };
const ICONS = {
  "👍": ["pos", `<path d="${THUMB}"/>`],
  "👎": ["neg", `<path transform="rotate(180 12 12)" d="${THUMB}"/>`],
  "🎯": ["target", '<circle cx="12" cy="12" r="9.5" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="12" r="5.5" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="12" r="2"/>'],
};

function icon(emoji) {
  const [kind, svg] = ICONS[emoji];
  const span = document.createElement("span");
  span.className = `icon icon-${kind}`;
  span.setAttribute("role", "img");
  span.setAttribute("aria-label", LABELS[kind]);
  span.innerHTML = `<svg viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">${svg}</svg>`;
  return span;
}

/** Text with 👍 👎 🎯 replaced by their icons: an array for `append` / `replaceChildren`. */
export function rich(text) {
  return text.split(/(👍|👎|🎯)/u).filter(Boolean).map((part) => (ICONS[part] ? icon(part) : part));
}

/** Element builder: h("li", { class: "x", dataset: {...}, onclick }, child, "text", ...). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "dataset") Object.assign(el.dataset, value);
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else if (key in el && key !== "list" && key !== "form") el[key] = value;
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (typeof child === "string") el.append(...rich(child));
    else if (child !== null && child !== undefined && child !== false) el.append(child);
  }
  return el;
}
