//! The request loop of a group-by: which points each follow-up request may return, and when to
//! stop (lib/shard/src/grouping/driver.rs `GroupByDriver`, v1.19.0).
//!
//! Up to five requests collect groups, each excluding the groups already full; then up to five
//! fill the best groups that are not full yet. Every request excludes the points already
//! placed. The loop ends early once the `groups` best groups are all full.

use super::aggregator::Aggregator;
use super::GroupKey;
use std::collections::HashSet;

/// Requests spent on discovering groups, then on filling them (`MAX_GET_GROUPS_REQUESTS`,
/// `MAX_GROUP_FILLING_REQUESTS`).
const COLLECT_REQUESTS: usize = 5;
const FILL_REQUESTS: usize = 5;

/// What one request may return, on top of the base request's own filter.
#[derive(Debug, Clone)]
pub(super) struct Restriction<'a> {
    /// Points with none of these group values (`except_on`: a `match: {except}` per type).
    pub(super) except: Vec<GroupKey>,
    /// Points with one of these group values (`match_on`: a `match: {any}` per type); `None`
    /// for no such condition.
    pub(super) only: Option<Vec<GroupKey>>,
    /// Points already placed in a group (`must_not: has_id`).
    pub(super) placed: &'a HashSet<u32>,
}

#[derive(Debug, Clone, Copy)]
enum State {
    Collecting { left: usize },
    Filling { left: usize },
    Done,
}

/// The sans-IO loop: `next` says what to fetch, `received` takes the answer.
#[derive(Debug)]
pub(super) struct Driver {
    groups: usize,
    state: State,
}

impl Driver {
    pub(super) fn new(groups: usize, group_size: usize) -> Self {
        let state = if groups == 0 || group_size == 0 { State::Done } else { State::Collecting { left: COLLECT_REQUESTS } };
        Driver { groups, state }
    }

    /// The restriction of the next request, or `None` when the run is over.
    pub(super) fn next<'a>(&mut self, agg: &'a Aggregator) -> Option<Restriction<'a>> {
        loop {
            match &mut self.state {
                State::Collecting { left: 0 } => self.state = State::Filling { left: FILL_REQUESTS },
                State::Collecting { left } => {
                    *left -= 1;
                    let except = agg.full_keys();
                    return Some(Restriction { except, only: None, placed: &agg.seen });
                }
                State::Filling { left: 0 } => self.state = State::Done,
                State::Filling { left } => {
                    *left -= 1;
                    let unfilled = agg.unfilled_best_keys();
                    // No key to match: no condition at all (`match_any.is_empty()`).
                    let only = unfilled.iter().any(GroupKey::matchable).then_some(unfilled);
                    return Some(Restriction { except: Vec::new(), only, placed: &agg.seen });
                }
                State::Done => return None,
            }
        }
    }

    /// Advances after a response of `received` points (`add_points`).
    pub(super) fn received(&mut self, agg: &Aggregator, received: usize) {
        let enough = agg.filled_best() >= self.groups;
        self.state = match self.state {
            State::Collecting { .. } if enough => State::Done,
            State::Collecting { .. } if received == 0 => State::Filling { left: FILL_REQUESTS },
            State::Filling { .. } if enough || received == 0 => State::Done,
            other => other,
        };
    }
}
