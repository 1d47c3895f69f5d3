//! Combining filters as Qdrant's `Filter::merge_owned` does (lib/segment/src/types.rs, v1.19.0).
//!
//! Each clause is concatenated. For `must` and `must_not` that is a conjunction, but for `should`
//! it is not: `{should: [a]}` merged with `{should: [b]}` holds when `a` *or* `b` does, and
//! `min_should` keeps the larger `min_count` over the union. The server merges a request's
//! top-level filter into every prefetch this way, so the quirk is part of its answers.

use super::{Filter, MinShould};

fn concat<T>(a: Option<Vec<T>>, b: Option<Vec<T>>) -> Option<Vec<T>> {
    match (a, b) {
        (None, None) => None,
        (Some(a), None) => Some(a),
        (None, Some(b)) => Some(b),
        (Some(mut a), Some(mut b)) => {
            a.append(&mut b);
            Some(a)
        }
    }
}

fn merge_min_should(a: Option<MinShould>, b: Option<MinShould>) -> Option<MinShould> {
    match (a, b) {
        (Some(mut a), Some(mut b)) => {
            a.conditions.append(&mut b.conditions);
            a.min_count = a.min_count.max(b.min_count);
            Some(a)
        }
        (a, b) => a.or(b),
    }
}

impl Filter {
    /// `self` merged with `other`, clause by clause.
    pub fn merge(self, other: Filter) -> Filter {
        Filter {
            should: concat(self.should, other.should),
            min_should: merge_min_should(self.min_should, other.min_should),
            must: concat(self.must, other.must),
            must_not: concat(self.must_not, other.must_not),
        }
    }

    /// [`Filter::merge`] over optional filters (`Filter::merge_opts`).
    pub fn merge_opts(a: Option<Filter>, b: Option<Filter>) -> Option<Filter> {
        match (a, b) {
            (Some(a), Some(b)) => Some(a.merge(b)),
            (a, b) => a.or(b),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::filter::Condition;

    fn vector(name: &str) -> Condition {
        Condition::HasVector(name.into())
    }

    #[test]
    fn clauses_concatenate_and_min_count_takes_the_larger() {
        let a = Filter { should: Some(vec![vector("a")]), must: Some(vec![vector("m")]), ..Default::default() };
        let b = Filter {
            should: Some(vec![vector("b")]),
            min_should: Some(MinShould { conditions: vec![vector("c")], min_count: 2 }),
            ..Default::default()
        };
        let m = a.merge(b);
        assert_eq!(m.should, Some(vec![vector("a"), vector("b")]));
        assert_eq!(m.must, Some(vec![vector("m")]));
        assert_eq!(m.min_should.map(|s| s.min_count), Some(2));
        assert_eq!(Filter::merge_opts(None, None), None);
    }
}
