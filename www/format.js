// Text formatting for the demo: JSON as the request panel shows it, and package sizes.

/** One-line JSON with a space after `:` and `,`. */
export function inlineJson(value) {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`);
    return entries.length ? `{ ${entries.join(", ")} }` : "{}";
  }
  return JSON.stringify(value);
}

/** JSON with 2-space indentation, except that objects and arrays that fit stay on one line. */
export function prettyJson(value, indent = "") {
  const flat = inlineJson(value);
  if (flat.length + indent.length <= 72 || value === null || typeof value !== "object") return flat;
  const inner = `${indent}  `;
  const lines = Array.isArray(value)
    ? value.map((v) => inner + prettyJson(v, inner))
    : Object.entries(value).map(([k, v]) => `${inner}${JSON.stringify(k)}: ${prettyJson(v, inner)}`);
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${lines.join(",\n")}\n${indent}${close}`;
}

/** A size in KiB as the slider labels show it: KiB, MiB or GiB, ∞ for no bound. */
export function formatSize(kib) {
  if (kib === Infinity) return "∞";
  if (kib < 1024) return `${kib} KiB`;
  if (kib < 1024 * 1024) return `${+(kib / 1024).toFixed(kib < 10 * 1024 ? 1 : 0)} MiB`;
  return `${+(kib / 1024 / 1024).toFixed(1)} GiB`;
}
