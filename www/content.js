// The demo's words: what each mode and strategy does, and the examples offered to start with.

/** Recommend strategies → what they do. */
export const STRATEGIES = {
  average_vector: "One query vector, 2·avg(👍) − avg(👎), searched like a plain nearest-neighbour query. Needs a 👍.",
  best_score: "Each package is scored by its best similarity to a 👍; if it is closer to some 👎, its score goes negative.",
  sum_scores: "Similarities to every 👍 added, similarities to every 👎 subtracted.",
};

/** Modes → what they do. */
export const MODES = {
  recommend: "Type what you want (BM25 keywords, plus the sentence model once loaded, fused with RRF) and/or mark packages 👍 or 👎: the examples add Qdrant's recommend query to the fusion.",
  discover:
    "Pick a 🎯 target and 👍/👎 context pairs. Packages on the 👍 side of more pairs rank first; among those, the closer to the target the better. Score = (pairs satisfied − pairs violated) + a sigmoid of the similarity to the target (between 0 and 1): 2.7 means two pairs more satisfied than violated, then 0.7 closeness.",
  context:
    "Only 👍/👎 pairs, no target: finds the region on the 👍 side of every pair. Score 0 means every pair is satisfied, below 0 how far on the wrong side. Many packages tie at 0 (shown in storage order): narrow with a filter, or add a target in Discover.",
};

/** Packages offered as a first 👍. */
export const QUICK = ["vim", "emacs", "gimp", "nginx"];

/** Ready-made queries: mode, examples by package name, and filters. */
export const SCENARIOS = [
  { label: "Text editors", hint: "positive: vim, emacs", mode: "recommend", positive: ["vim", "emacs"] },
  { label: "Image editors", hint: "positive: gimp, inkscape, krita", mode: "recommend", positive: ["gimp", "inkscape", "krita"] },
  {
    label: "Web servers, not nginx",
    hint: "positive: lighttpd; negative: nginx; best_score",
    mode: "recommend",
    positive: ["lighttpd"],
    negative: ["nginx"],
    strategy: "best_score",
  },
  {
    label: "Like vim, but a GUI editor",
    hint: "target: vim; pairs: gedit > nano, kate > micro, mousepad > joe",
    mode: "discover",
    target: "vim",
    pairs: [["gedit", "nano"], ["kate", "micro"], ["mousepad", "joe"]],
  },
  {
    label: "GUI, not terminal (context)",
    hint: "pairs: gedit > nano, kate > micro, mousepad > joe; section: editors",
    mode: "context",
    pairs: [["gedit", "nano"], ["kate", "micro"], ["mousepad", "joe"]],
    sections: ["editors"],
  },
];
