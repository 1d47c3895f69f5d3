//! Reads: retrieve by ids, get one point, scroll and count (Qdrant
//! `src/actix/api/retrieve_api.rs`, `count_api.rs`; `lib/api/src/rest/schema.rs`
//! `PointRequestInternal`; `lib/collection/src/operations/types.rs` `ScrollRequestInternal`,
//! `CountRequestInternal`; `lib/collection/src/collection/point_ops.rs` `retrieve`).

use super::super::models::WithVector;
use super::super::output::{record, Attach, Record};
use super::super::models::check_limit;
use super::super::{parse_body, to_json, Database};
use crate::collection::Collection;
use crate::query::scroll::matching;
use crate::query::OrderBy;
use crate::error::{Error, Result};
use crate::filter::Filter;
use crate::payload::WithPayload;
use crate::point_id::PointId;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// `POST /points`: `with_payload` defaults to true, `with_vector` to false.
#[derive(Debug, Deserialize)]
struct RetrieveBody {
    ids: Vec<PointId>,
    #[serde(default)]
    with_payload: Option<WithPayload>,
    #[serde(default, alias = "with_vectors")]
    with_vector: WithVector,
}

/// `POST /points/scroll`: `limit` defaults to 10, `with_payload` to true.
#[derive(Debug, Deserialize)]
struct ScrollBody {
    #[serde(default)]
    filter: Option<Filter>,
    #[serde(default)]
    limit: Option<u64>,
    #[serde(default)]
    offset: Option<PointId>,
    #[serde(default)]
    with_payload: Option<WithPayload>,
    #[serde(default, alias = "with_vectors")]
    with_vector: WithVector,
    #[serde(default)]
    order_by: Option<serde_json::Value>,
}

/// `POST /points/count`; `exact` is accepted and ignored (simile always counts exactly).
#[derive(Debug, Deserialize)]
struct CountBody {
    #[serde(default)]
    filter: Option<Filter>,
}

#[derive(Debug, Serialize)]
struct ScrollResult {
    points: Vec<Record>,
    next_page_offset: Option<PointId>,
}

#[derive(Debug, Serialize)]
struct CountResult {
    count: usize,
}

/// Records in request order; unknown ids are skipped and repeated ids answered once, at their
/// first position (Qdrant `Collection::retrieve` deduplicates through a map).
pub(super) fn retrieve(db: &Database, name: &str, body: &str) -> Result<String> {
    let req: RetrieveBody = parse_body(body)?;
    let coll = db.collection(name)?;
    let with_payload = req.with_payload.unwrap_or(WithPayload::All);
    let attach = Attach { with_payload: &with_payload, with_vector: &req.with_vector };
    let mut seen = HashSet::new();
    let records: Vec<Record> = req
        .ids
        .iter()
        .filter(|id| seen.insert(**id))
        .filter_map(|id| coll.offset_of(id))
        .map(|off| record(coll, off, attach))
        .collect();
    to_json(&records)
}

/// `GET /points/{id}`: the whole payload and every vector. The path id is an unsigned integer
/// or a UUID (Qdrant `ExtendedPointId::from_str`); anything else is 400, a missing point 404
/// with Qdrant's wording "Point with id … does not exists!".
pub(super) fn get_point(db: &Database, name: &str, id: &str) -> Result<String> {
    let id = id
        .parse::<u64>()
        .ok()
        .map(PointId::Num)
        .or_else(|| PointId::parse_uuid(id))
        .ok_or_else(|| Error::wrong_input(format!("Can not recognize \"{id}\" as point id")))?;
    let coll = db.collection(name)?;
    let off = coll
        .offset_of(&id)
        .ok_or_else(|| Error::NotFound { description: format!("Point with id {id} does not exists!") })?;
    let attach = Attach { with_payload: &WithPayload::All, with_vector: &WithVector::Bool(true) };
    to_json(&record(coll, off, attach))
}

/// Points in id order from `offset` (inclusive), `limit` at a time; `next_page_offset` is the
/// id of the first point of the next page, or null (Qdrant reads `limit + 1` points).
/// With `order_by`, see [`scroll_ordered`].
pub(super) fn scroll(db: &Database, name: &str, body: &str) -> Result<String> {
    let mut req: ScrollBody = parse_body(body)?;
    let limit = check_limit(req.limit.unwrap_or(10))?;
    super::validate_filter(req.filter.as_ref())?;
    let order_by = req.order_by.take().filter(|o| !o.is_null()).map(|o| OrderBy::parse("order_by", o)).transpose()?;
    let coll = db.collection(name)?;
    let with_payload = req.with_payload.unwrap_or(WithPayload::All);
    let attach = Attach { with_payload: &with_payload, with_vector: &req.with_vector };
    if let Some(order_by) = order_by {
        return scroll_ordered(coll, (req.offset.is_some(), req.filter.as_ref()), &order_by, limit, attach);
    }
    let start = req.offset.unwrap_or(PointId::Num(0));
    let filter = req.filter.as_ref();
    let mut hits = coll.offsets_from(start).map(|(_, off)| off).filter(|off| super::passes(coll, filter, *off));
    let points: Vec<Record> = hits.by_ref().take(limit).map(|off| record(coll, off, attach)).collect();
    let next_page_offset = hits.next().map(|off| crate::filter::PointView::id(&coll.point(off)));
    to_json(&ScrollResult { points, next_page_offset })
}

/// Scroll by a payload field (local_shard/scroll.rs `internal_scroll_by_field`): one record per
/// entry, each with its `order_value`; an id `offset` is a 400 (local_shard/shard_ops.rs) and
/// `next_page_offset` is always null (collection/point_ops.rs `scroll_by`).
fn scroll_ordered(coll: &Collection, (offset, filter): (bool, Option<&Filter>), order_by: &OrderBy, limit: usize, attach: Attach<'_>) -> Result<String> {
    if offset {
        return Err(Error::wrong_input("Cannot use an `offset` when using `order_by`. The alternative for paging is to use `order_by.start_from` and a filter to exclude the IDs that you've already seen for the `order_by.start_from` value"));
    }
    let entries = order_by.entries(coll, matching(coll, filter), limit, false)?;
    let points = entries
        .into_iter()
        .map(|(value, off)| Record { order_value: Some(value), ..record(coll, off, attach) })
        .collect();
    to_json(&ScrollResult { points, next_page_offset: None })
}

/// `{"count": n}`: live points passing the filter.
pub(super) fn count(db: &Database, name: &str, body: &str) -> Result<String> {
    let req: CountBody = parse_body(body)?;
    super::validate_filter(req.filter.as_ref())?;
    let coll = db.collection(name)?;
    let count = match &req.filter {
        None => coll.len(),
        Some(f) => matching(coll, Some(f)).count(),
    };
    to_json(&CountResult { count })
}
