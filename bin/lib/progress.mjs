// Progress on stderr: a redrawn bar when stderr is a terminal, otherwise a plain line every few
// seconds. In "auto" mode nothing is shown unless the work takes longer than a moment, so small
// inputs stay quiet.

const fmtInt = (n) => Math.round(n).toLocaleString("en-US");

export function fmtBytes(n) {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = -1;
  do {
    v /= 1024;
    u++;
  } while (v >= 1024 && u < units.length - 1);
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

export const fmtSeconds = (s) => (s < 10 ? `${s.toFixed(2)} s` : s < 120 ? `${s.toFixed(1)} s` : `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`);

export class Progress {
  /** `mode`: "auto" (after 1 s), "always" or "never"; `total`: input bytes (0 if unknown). */
  constructor({ total, mode = "auto", stream = process.stderr, label = "reading" }) {
    this.total = total;
    this.mode = mode;
    this.stream = stream;
    this.label = label;
    this.tty = Boolean(stream.isTTY);
    this.t0 = performance.now();
    this.bytes = 0;
    this.points = 0;
    this.last = -Infinity;
    this.shown = false;
    this.interval = this.tty ? 100 : Number(process.env.SIMILE_PROGRESS_INTERVAL_MS ?? 5000);
    this.delay = mode === "always" ? 0 : 1000;
  }

  add(bytes, points = 0) {
    this.bytes += bytes;
    this.points += points;
    if (this.mode === "never") return;
    const now = performance.now();
    if (now - this.t0 < this.delay || now - this.last < this.interval) return;
    this.last = now;
    this.#draw(now, false);
  }

  #draw(now, final) {
    const secs = (now - this.t0) / 1000;
    const frac = this.total > 0 ? Math.min(1, this.bytes / this.total) : 0;
    const pct = `${(100 * (final ? 1 : frac)).toFixed(0).padStart(3)}%`;
    const rate = secs > 0 ? `${fmtBytes(this.bytes / secs)}/s` : "";
    const eta = !final && frac > 0.02 && frac < 1 ? `, ${fmtSeconds((secs / frac) * (1 - frac))} left` : "";
    const stats = `${fmtInt(this.points)} points, ${fmtBytes(this.bytes)}${this.total ? ` of ${fmtBytes(this.total)}` : ""}, ${rate}`;
    if (this.tty) {
      const width = 28;
      const fill = Math.round(width * (final ? 1 : frac));
      const bar = `[${"#".repeat(fill)}${"-".repeat(width - fill)}]`;
      this.stream.write(`\r${this.label} ${bar} ${pct}  ${stats}${eta}\x1b[K${final ? "\n" : ""}`);
    } else {
      this.stream.write(`${this.label}: ${pct.trim()}, ${stats}, ${fmtSeconds(secs)}${eta}\n`);
    }
    this.shown = true;
  }

  /** Draws the final state if anything was shown (or the mode is "always"). */
  done() {
    if (this.mode === "never") return;
    if (this.shown || this.mode === "always") this.#draw(performance.now(), true);
  }

  /** Clears a half-drawn bar before an error message. */
  abort() {
    if (this.tty && this.shown) this.stream.write("\n");
  }
}
