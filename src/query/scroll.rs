//! Points in id order that pass a filter: scroll, count, point selectors by filter, and the
//! Query API's leaf without a query.

use crate::collection::Collection;
use crate::filter::Filter;
use crate::point_id::PointOffset;

/// Live offsets passing `filter` (all when `None`), in id order.
pub fn matching<'a>(coll: &'a Collection, filter: Option<&'a Filter>) -> impl Iterator<Item = PointOffset> + 'a {
    coll.offsets_by_id().map(|(_, off)| off).filter(move |off| matches(coll, filter, *off))
}

/// Checks `filter` against one point.
pub fn matches(coll: &Collection, filter: Option<&Filter>, offset: PointOffset) -> bool {
    filter.is_none_or(|f| f.check(&coll.point(offset)))
}
