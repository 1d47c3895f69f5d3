//! Grouped results: `POST /points/search/groups`, `/recommend/groups` and `/query/groups`
//! (lib/collection/src/grouping/, lib/api/src/rest/schema.rs `BaseGroupRequest`,
//! `QueryBaseGroupRequest`, `WithLookup`; v1.19.0 has no discover groups). Each request is
//! planned as its non-grouped twin, then grouped by `crate::query::groups`.
//! Answer: `{"groups": [{"id", "hits": [ScoredPoint], "lookup"?: Record}]}`.

use super::models::{Common, WithVector};
use super::output::{record, scored_point, Attach, Record, ScoredPoint};
use super::{to_json, Database};
use crate::collection::Collection;
use crate::error::{Error, Result};
use crate::payload::select::WithPayload;
use crate::payload::JsonPath;
use crate::point_id::PointId;
use crate::query::groups::{group, Group, GroupKey, GroupSpec};
use crate::query::Plan;
use serde::{Deserialize, Serialize};

/// The grouping part of a request, flattened into it.
#[derive(Debug, Clone, Deserialize)]
pub(super) struct GroupsInput {
    group_by: JsonPath,
    #[serde(default)]
    group_size: Option<u64>,
    #[serde(default)]
    limit: Option<u64>,
    #[serde(default)]
    with_lookup: Option<WithLookupInput>,
}

crate::json::untagged_enum! {
    /// `with_lookup`: a collection name, or the collection with what to attach.
    #[derive(Debug, Clone)]
    enum WithLookupInput {
        Collection(String),
        WithLookup(WithLookup),
    }
}

#[derive(Debug, Clone, Deserialize)]
struct WithLookup {
    collection: String,
    /// `default_with_payload`: the whole payload.
    #[serde(default = "all_payload")]
    with_payload: Option<WithPayload>,
    #[serde(default, alias = "with_vector")]
    with_vectors: Option<WithVector>,
}

fn all_payload() -> Option<WithPayload> {
    Some(WithPayload::All)
}

/// How each endpoint reads `group_size` and `limit`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Sizes {
    /// `search/groups`: both required, validated ≥ 1 under the request's nested field path.
    Required { path: &'static str },
    /// `recommend/groups`: both required, never validated (its `group_request` lacks
    /// `#[validate(nested)]`): 0 asks for nothing.
    Unchecked,
    /// `query/groups`: 3 and 10 by default (`DEFAULT_GROUP_SIZE`, `DEFAULT_LIMIT`), ≥ 1.
    Defaulted { path: &'static str },
}

impl GroupsInput {
    pub(super) fn spec(&self, sizes: Sizes) -> Result<GroupSpec> {
        let (group_size, limit) = match sizes {
            Sizes::Defaulted { .. } => (self.group_size.unwrap_or(3), self.limit.unwrap_or(10)),
            Sizes::Required { .. } | Sizes::Unchecked => (required(self.group_size, "group_size")?, required(self.limit, "limit")?),
        };
        if let Sizes::Required { path } | Sizes::Defaulted { path } = sizes {
            for (name, value) in [("group_size", group_size), ("limit", limit)] {
                if value == 0 {
                    return Err(Error::validation(format!("{path}.{name}: value 0 invalid, must be 1 or larger")));
                }
            }
        }
        let size = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Ok(GroupSpec { group_by: self.group_by.clone(), group_size: size(group_size), groups: size(limit) })
    }
}

/// A required count; the legacy endpoints read it as `u32`.
fn required(value: Option<u64>, name: &str) -> Result<u64> {
    let v = value.ok_or_else(|| Error::format(format!("missing field `{name}`")))?;
    if v > u64::from(u32::MAX) {
        return Err(Error::format(format!("{name}: invalid value: integer `{v}`, expected u32")));
    }
    Ok(v)
}

#[derive(Debug, Serialize)]
struct GroupsResult {
    groups: Vec<PointGroup>,
}

#[derive(Debug, Serialize)]
struct PointGroup {
    hits: Vec<ScoredPoint>,
    id: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    lookup: Option<Record>,
}

/// Runs the grouped plan and renders `{"groups": [...]}` with the hits' payload and vectors as
/// `common` asks, and each group's lookup record when asked.
pub(super) fn answer(db: &Database, coll: &Collection, plan: &Plan, input: &GroupsInput, sizes: Sizes, common: &Common) -> Result<String> {
    let spec = input.spec(sizes)?;
    let groups = group(coll, plan, &spec)?;
    let with_payload = common.with_payload.clone().unwrap_or_default();
    let with_vector = common.with_vector.clone().unwrap_or_default();
    let attach = Attach { with_payload: &with_payload, with_vector: &with_vector };
    let mut out: Vec<PointGroup> = groups.iter().map(|g| render(coll, g, attach)).collect();
    if let Some(lookup) = &input.with_lookup {
        attach_lookups(db, lookup, &groups, &mut out)?;
    }
    to_json(&GroupsResult { groups: out })
}

fn render(coll: &Collection, g: &Group, attach: Attach<'_>) -> PointGroup {
    let hits = g
        .hits
        .iter()
        .map(|h| ScoredPoint { order_value: h.order_value, ..scored_point(coll, h.offset, h.score, attach) })
        .collect();
    PointGroup { hits, id: g.key.to_json(), lookup: None }
}

/// Each group's key read as a point id of the lookup collection (`lookup_ids`,
/// lib/collection/src/lookup/). The records come back keyed by their canonical id, so a key
/// spelled otherwise (an uppercase or braced UUID) finds none, as on the server.
fn attach_lookups(db: &Database, lookup: &WithLookupInput, groups: &[Group], out: &mut [PointGroup]) -> Result<()> {
    let (name, with_payload, with_vector) = match lookup {
        WithLookupInput::Collection(name) => (name, WithPayload::All, WithVector::Bool(false)),
        WithLookupInput::WithLookup(l) => {
            (&l.collection, l.with_payload.clone().unwrap_or_default(), l.with_vectors.clone().unwrap_or_default())
        }
    };
    let other = db.collection(name).map_err(|_| Error::NotFound { description: format!("Collection {name}") })?;
    let attach = Attach { with_payload: &with_payload, with_vector: &with_vector };
    for (g, o) in groups.iter().zip(out.iter_mut()) {
        let id = match &g.key {
            GroupKey::Str(s) => PointId::parse_uuid(s).filter(|id| id.to_string() == *s),
            GroupKey::U64(n) => Some(PointId::Num(*n)),
            GroupKey::I64(n) => u64::try_from(*n).ok().map(PointId::Num),
        };
        o.lookup = id.and_then(|id| other.offset_of(&id)).map(|off| record(other, off, attach));
    }
    Ok(())
}
