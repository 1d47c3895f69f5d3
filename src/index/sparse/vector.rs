//! A sparse vector as Qdrant's REST API carries it, its validation, sorting, dot product and
//! element-wise merge (Qdrant `lib/sparse/src/common/sparse_vector.rs`).

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// `{"indices": [...], "values": [...]}`. Indices are `u32` (a larger or negative index is a
/// JSON format error, as Qdrant's `DimId = u32` gives). Stored and prepared vectors are sorted
/// by index with unique indices; input vectors may be in any order until [`SparseVector::check`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SparseVector {
    pub indices: Vec<u32>,
    pub values: Vec<f32>,
}

impl SparseVector {
    /// Number of nonzero entries (stored entries; a stored value may itself be 0.0).
    pub fn len(&self) -> usize {
        self.indices.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// Qdrant's `validate_sparse_vector_impl` (sparse_vector.rs:302-322): `values` as long as
    /// `indices`, and unique indices; a 422 whose field is `{path}.values` / `{path}.indices`
    /// (`path` empty: no prefix). Those errors carry a code and no message, so the server
    /// describes them with the `validator` crate's fallback `Validation error: {code} [{params}]`
    /// (lib/collection/src/operations/validation.rs `describe_error`, last arm).
    /// simile also rejects non-finite values, as for dense vectors (JSON cannot carry NaN, but
    /// 1e39 overflows f32 to infinity).
    pub fn check(&self, path: &str) -> Result<()> {
        let field = |f: &str| if path.is_empty() { f.to_string() } else { format!("{path}.{f}") };
        let fail = |f: &str, code: &str| Error::validation(format!("{}: Validation error: {code} [{{}}]", field(f)));
        if self.indices.len() != self.values.len() {
            return Err(fail("values", "must be the same length as indices"));
        }
        let mut sorted = self.indices.clone();
        sorted.sort_unstable();
        if sorted.windows(2).any(|w| w[0] == w[1]) {
            return Err(fail("indices", "must be unique"));
        }
        if !self.values.iter().all(|v| v.is_finite()) {
            return Err(Error::wrong_input("vector components must be finite numbers (no NaN or Infinity)"));
        }
        Ok(())
    }

    /// Sorts entries by index (Qdrant `double_sort`, sparse_vector.rs:45-63; the server sorts
    /// every sparse vector before storing or scoring it, data_types/vectors.rs
    /// `preprocess`). Indices must be unique ([`SparseVector::check`]).
    pub fn sort_by_indices(&mut self) {
        if self.is_sorted() {
            return;
        }
        let mut pairs: Vec<(u32, f32)> = self.indices.iter().copied().zip(self.values.iter().copied()).collect();
        pairs.sort_unstable_by_key(|&(i, _)| i);
        for (k, (i, v)) in pairs.into_iter().enumerate() {
            self.indices[k] = i;
            self.values[k] = v;
        }
    }

    /// Strictly increasing indices.
    pub fn is_sorted(&self) -> bool {
        self.indices.windows(2).all(|w| w[0] < w[1])
    }

    /// Checks, then sorts: what the server does to every sparse vector it receives.
    pub fn into_checked(mut self, path: &str) -> Result<SparseVector> {
        self.check(path)?;
        self.sort_by_indices();
        self.indices.shrink_to_fit();
        self.values.shrink_to_fit();
        Ok(self)
    }

    /// Dot product over shared indices, `None` when no index is shared (Qdrant
    /// `score_vectors`, sparse_vector.rs:66-90). Both vectors must be sorted.
    pub fn score(&self, other: &SparseVector) -> Option<f32> {
        score_sorted(&self.indices, &self.values, &other.indices, &other.values)
    }

    /// The union of indices with `op(a, b)` per index, 0.0 standing in for a missing side
    /// (Qdrant `combine_aggregate`, sparse_vector.rs:174-238). Both vectors must be sorted.
    /// Used for recommend's `average_vector` (sum, then divide) and `p + p − n` merge.
    pub fn combine(&self, other: &SparseVector, op: impl Fn(f32, f32) -> f32) -> SparseVector {
        let (a, b) = (self, other);
        let mut out = SparseVector::default();
        let (mut i, mut j) = (0, 0);
        while i < a.len() || j < b.len() {
            let take_a = j >= b.len() || (i < a.len() && a.indices[i] <= b.indices[j]);
            let take_b = i >= a.len() || (j < b.len() && b.indices[j] <= a.indices[i]);
            let x = if take_a { a.values[i] } else { 0.0 };
            let y = if take_b { b.values[j] } else { 0.0 };
            out.indices.push(if take_a { a.indices[i] } else { b.indices[j] });
            out.values.push(op(x, y));
            i += usize::from(take_a);
            j += usize::from(take_b);
        }
        out
    }
}

/// [`SparseVector::score`] over borrowed columns: products summed in index order.
pub fn score_sorted(ai: &[u32], av: &[f32], bi: &[u32], bv: &[f32]) -> Option<f32> {
    let (mut i, mut j) = (0, 0);
    let mut score = 0.0f32;
    let mut overlap = false;
    while i < ai.len() && j < bi.len() {
        match ai[i].cmp(&bi[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                overlap = true;
                score += av.get(i).copied().unwrap_or(0.0) * bv.get(j).copied().unwrap_or(0.0);
                i += 1;
                j += 1;
            }
        }
    }
    overlap.then_some(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sv(i: &[u32], v: &[f32]) -> SparseVector {
        SparseVector { indices: i.to_vec(), values: v.to_vec() }
    }

    #[test]
    fn check_reports_qdrant_wording() {
        let e = sv(&[1, 2], &[1.0]).check("").unwrap_err();
        assert_eq!(e.to_string(), "Validation error in JSON body: values: Validation error: must be the same length as indices [{}]");
        let e = sv(&[1, 1], &[1.0, 2.0]).check("vector.text").unwrap_err();
        assert_eq!(e.to_string(), "Validation error in JSON body: vector.text.indices: Validation error: must be unique [{}]");
        assert_eq!(e.status(), 422);
        assert!(sv(&[], &[]).check("").is_ok());
    }

    #[test]
    fn sorts_and_scores_like_qdrant() {
        let a = sv(&[3, 1, 2], &[3.0, 1.0, 2.0]).into_checked("").unwrap();
        assert_eq!(a, sv(&[1, 2, 3], &[1.0, 2.0, 3.0]));
        assert_eq!(a.score(&sv(&[2, 3, 9], &[1.0, 1.0, 5.0])), Some(5.0));
        assert_eq!(a.score(&sv(&[4], &[1.0])), None);
        assert_eq!(a.score(&sv(&[1], &[0.0])), Some(0.0));
    }

    #[test]
    fn combine_is_a_union() {
        let a = sv(&[1, 3], &[1.0, 3.0]);
        let b = sv(&[2, 3], &[2.0, 4.0]);
        assert_eq!(a.combine(&b, |x, y| x + y), sv(&[1, 2, 3], &[1.0, 2.0, 7.0]));
        assert_eq!(a.combine(&b, |p, n| p + p - n), sv(&[1, 2, 3], &[2.0, -2.0, 2.0]));
        assert_eq!(SparseVector::default().combine(&a, |x, y| x + y), a);
    }
}
