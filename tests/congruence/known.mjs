// Known disagreements between simile and Qdrant's engine, found by this suite and not fixed yet.
// Each has a narrow predicate (generated requests it explains are counted and listed, not
// failed) and a minimal case that congruence.test.mjs requires to still disagree: once simile is
// fixed, that test fails, and the entry must be removed.

/** Whether vector `using` of some point is all zeros. */
function hasZeroVector(points, using) {
  return points.some((p) => {
    const v = Array.isArray(p.vector) ? (using === "" ? p.vector : null) : p.vector[using];
    return Array.isArray(v) && v.every((x) => x === 0);
  });
}

export const KNOWN = [
  {
    name: "discover: signed zero similarity of a zero vector",
    // Qdrant ranks a context pair with `sim(pos).total_cmp(&sim(neg))` (discover_query.rs).
    // Below 16 dimensions its dot product is the scalar `iter().map(a * b).sum()`
    // (spaces/simple.rs), and Rust's float `Sum` starts at -0.0: against a stored zero vector
    // the similarity is -0.0 when every example component is negative, +0.0 otherwise, so a
    // pair ranks +1 or -1. simile ranks such a pair 0 (its two similarities compare equal).
    matches: (c, body) => body.query?.discover !== undefined && hasZeroVector(c.points, body.using ?? ""),
    minimal: {
      collection: { vectors: { size: 2, distance: "Cosine" } },
      points: [{ id: 1, vector: [0, 0] }, { id: 2, vector: [1, 0] }],
      // Qdrant: [2: 1.7071, 1: 1.5] (rank +1 for the zero vector), simile: [2: 1.7071, 1: 0.5].
      requests: [{ query: { discover: { target: [1, 1], context: [{ positive: [1, 1], negative: [-1, -1] }] } } }],
    },
  },
];

/** The known disagreement a failing generated request is explained by, if any. */
export function knownFor(c, body) {
  return KNOWN.find((k) => k.matches(c, body)) ?? null;
}
