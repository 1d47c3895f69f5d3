// A small seeded PRNG (sfc32) with the helpers the generators use. Same seed, same sequence.
import { randomInt } from "node:crypto";

/** The seed: `$SIMILE_SEED` (replays a run) or a fresh random one. */
export function pickSeed() {
  const s = process.env.SIMILE_SEED;
  return s === undefined || s === "" ? randomInt(2 ** 32) : Number(s) >>> 0;
}

export class Rng {
  constructor(seed) {
    this.s = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed >>> 0];
    for (let i = 0; i < 16; i += 1) this.u32();
  }

  /** Uniform 32-bit unsigned integer. */
  u32() {
    const s = this.s;
    const t = (((s[0] + s[1]) | 0) + s[3]) | 0;
    s[3] = (s[3] + 1) | 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) | 0;
    s[2] = (s[2] << 21) | (s[2] >>> 11);
    s[2] = (s[2] + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  float() {
    return this.u32() / 2 ** 32;
  }

  /** Integer in [0, n). */
  int(n) {
    return Math.floor(this.float() * n);
  }

  /** Integer in [lo, hi]. */
  range(lo, hi) {
    return lo + this.int(hi - lo + 1);
  }

  chance(p) {
    return this.float() < p;
  }

  pick(list) {
    return list[this.int(list.length)];
  }

  /** `pairs` is `[[weight, value], ...]`; returns a value with probability ∝ weight. */
  weighted(pairs) {
    const total = pairs.reduce((a, [w]) => a + w, 0);
    let x = this.float() * total;
    for (const [w, v] of pairs) {
      x -= w;
      if (x < 0) return v;
    }
    return pairs[pairs.length - 1][1];
  }

  /** `n` distinct picks from `list` (fewer if the list is shorter). */
  sample(list, n) {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(this.int(copy.length), 1)[0]);
    return out;
  }

  /** A float in [-1, 1) rounded to 4 decimals (short JSON, exact enough). */
  coord() {
    return Math.round((this.float() * 2 - 1) * 1e4) / 1e4;
  }

  vector(dim) {
    return Array.from({ length: dim }, () => this.coord());
  }

  uuid() {
    const h = Array.from({ length: 32 }, () => "0123456789abcdef"[this.int(16)]).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
}
