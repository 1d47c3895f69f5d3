//! Turning a selective filter into a candidate list, so a filtered scan visits only the rows
//! that may match. The full filter is still checked on every candidate.

use crate::collection::index::IndexKey;
use crate::collection::Collection;
use crate::filter::{AnyList, Condition, Filter, Match, MatchValue};

/// What the index knows about a filter's matches.
#[derive(Debug)]
pub enum Candidates {
    /// No usable index: scan every row.
    All,
    /// Provably nothing matches.
    None,
    /// Only these offsets (ascending) may match.
    Offsets(Vec<u32>),
}

/// Lists above this share of the collection are not worth gathering: a full sequential scan
/// with the filter checked only for top-k contenders is faster (measured at 100k × 384: a
/// 50 % list took 1.7 × the unfiltered scan, the gated scan about 1 ×).
const MAX_SHARE: f64 = 0.25;

/// The smallest candidate list implied by any one `must` condition.
pub fn candidates(coll: &Collection, filter: &Filter) -> Candidates {
    let Some(must) = &filter.must else { return Candidates::All };
    let best = must.iter().filter_map(|c| condition_candidates(coll, c)).min_by_key(Vec::len);
    match best {
        Some(list) if list.is_empty() => Candidates::None,
        Some(list) if (list.len() as f64) <= MAX_SHARE * coll.capacity_rows() as f64 => Candidates::Offsets(list),
        _ => Candidates::All,
    }
}

fn condition_candidates(coll: &Collection, c: &Condition) -> Option<Vec<u32>> {
    match c {
        Condition::HasId(ids) => {
            let mut offs: Vec<u32> = ids.iter().filter_map(|id| coll.offset_of(id)).collect();
            offs.sort_unstable();
            offs.dedup();
            Some(offs)
        }
        Condition::Field(f) => {
            let only_match = f.range.is_none()
                && f.geo_bounding_box.is_none()
                && f.geo_radius.is_none()
                && f.geo_polygon.is_none()
                && f.values_count.is_none()
                && f.is_empty.is_none()
                && f.is_null.is_none();
            let keys = match_keys(f.r#match.as_ref()?)?;
            only_match.then(|| union(coll, &f.key, &keys))
        }
        _ => None,
    }
}

/// The exact values a `match` accepts, when it is an equality test.
fn match_keys(m: &Match) -> Option<Vec<IndexKey>> {
    Some(match m {
        Match::Value(MatchValue::Keyword(s)) => vec![IndexKey::Keyword(s.clone())],
        Match::Value(MatchValue::Integer(i)) => vec![IndexKey::Integer(*i)],
        Match::Value(MatchValue::Bool(b)) => vec![IndexKey::Bool(*b)],
        Match::Any(AnyList::Keywords(ks)) => ks.iter().cloned().map(IndexKey::Keyword).collect(),
        Match::Any(AnyList::Integers(is)) => is.iter().copied().map(IndexKey::Integer).collect(),
        _ => return None,
    })
}

fn union(coll: &Collection, key: &crate::payload::JsonPath, keys: &[IndexKey]) -> Vec<u32> {
    let idx = coll.value_index(key);
    let mut out: Vec<u32> = Vec::new();
    for k in keys {
        out.extend_from_slice(idx.get(k));
    }
    if keys.len() > 1 {
        out.sort_unstable();
        out.dedup();
    }
    out
}
