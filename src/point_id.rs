//! Point ids: an unsigned 64-bit integer or a UUID (Qdrant's `ExtendedPointId`, `types.rs`).
//!
//! Deserialisation tries a JSON integer first, then a UUID string in any form the `uuid` crate
//! accepts (hyphenated, 32-hex simple, `{braced}`, `urn:uuid:`, any case). `"42"` as a string is
//! not an integer id. UUIDs compare by value and print lowercase hyphenated. All numeric ids order
//! before all UUIDs.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// A point's external id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PointId {
    Num(u64),
    Uuid(u128),
}

/// Numbers before UUIDs, each by value (the order a derive would give). Written out to be
/// inlined into the id map's searches: the crate is optimised for size, and a call per
/// comparison made bulk upserts measurably slower.
impl Ord for PointId {
    #[inline(always)]
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        use std::cmp::Ordering::{Greater, Less};
        match (self, other) {
            (PointId::Num(a), PointId::Num(b)) => a.cmp(b),
            (PointId::Uuid(a), PointId::Uuid(b)) => a.cmp(b),
            (PointId::Num(_), PointId::Uuid(_)) => Less,
            (PointId::Uuid(_), PointId::Num(_)) => Greater,
        }
    }
}

impl PartialOrd for PointId {
    #[inline(always)]
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

/// The position of a point inside a collection's storage.
pub type PointOffset = u32;

impl PointId {
    /// Parses a UUID string in any of the forms Qdrant accepts.
    pub fn parse_uuid(s: &str) -> Option<PointId> {
        let lower = s.trim();
        let body = lower
            .strip_prefix("urn:uuid:")
            .or_else(|| lower.strip_prefix("URN:UUID:"))
            .unwrap_or(lower);
        let body = match body.strip_prefix('{') {
            Some(rest) => rest.strip_suffix('}')?,
            None => body,
        };
        if body.len() != 32 && body.len() != 36 {
            return None;
        }
        let hex: String = if body.len() == 36 {
            let b = body.as_bytes();
            if [8, 13, 18, 23].iter().any(|&i| b[i] != b'-') {
                return None;
            }
            body.split('-').collect()
        } else {
            body.to_string()
        };
        if hex.len() != 32 || !hex.bytes().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        u128::from_str_radix(&hex, 16).ok().map(PointId::Uuid)
    }

    /// Converts a JSON value to an id, as Qdrant's deserialiser does.
    pub fn from_json(v: &serde_json::Value) -> Option<PointId> {
        match v {
            serde_json::Value::Number(n) => n.as_u64().map(PointId::Num),
            serde_json::Value::String(s) => PointId::parse_uuid(s),
            _ => None,
        }
    }

    pub fn to_json(&self) -> serde_json::Value {
        match self {
            PointId::Num(n) => serde_json::Value::from(*n),
            PointId::Uuid(_) => serde_json::Value::String(self.to_string()),
        }
    }
}

impl fmt::Display for PointId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PointId::Num(n) => write!(f, "{n}"),
            PointId::Uuid(u) => {
                let h = format!("{u:032x}");
                write!(f, "{}-{}-{}-{}-{}", &h[0..8], &h[8..12], &h[12..16], &h[16..20], &h[20..32])
            }
        }
    }
}

impl Serialize for PointId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            PointId::Num(n) => s.serialize_u64(*n),
            PointId::Uuid(_) => s.collect_str(self),
        }
    }
}

impl<'de> Deserialize<'de> for PointId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(PointIdVisitor)
    }
}

struct PointIdVisitor;

const BAD_ID: &str = "an unsigned integer or a UUID";

impl Visitor<'_> for PointIdVisitor {
    type Value = PointId;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(BAD_ID)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<PointId, E> {
        Ok(PointId::Num(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<PointId, E> {
        u64::try_from(v)
            .map(PointId::Num)
            .map_err(|_| E::custom(format!("{v} is not a valid point ID, valid values are either an unsigned integer or a UUID")))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<PointId, E> {
        Err(E::custom(format!("{v} is not a valid point ID, valid values are either an unsigned integer or a UUID")))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<PointId, E> {
        PointId::parse_uuid(v).ok_or_else(|| {
            E::custom(format!("{v} is not a valid point ID, valid values are either an unsigned integer or a UUID"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_forms_compare_by_value() {
        let canon = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26";
        let forms = [
            canon.to_string(),
            canon.to_uppercase(),
            canon.replace('-', ""),
            format!("{{{canon}}}"),
            format!("urn:uuid:{canon}"),
        ];
        for f in forms {
            let id = PointId::parse_uuid(&f).unwrap_or_else(|| panic!("{f}"));
            assert_eq!(id.to_string(), canon);
        }
    }

    #[test]
    fn string_integer_is_not_an_id() {
        assert!(crate::json::parse::<PointId>("\"42\"").is_err());
        assert!(crate::json::parse::<PointId>("-1").is_err());
        assert!(crate::json::parse::<PointId>("1.5").is_err());
        assert_eq!(crate::json::parse::<PointId>("42").unwrap(), PointId::Num(42));
    }

    #[test]
    fn numbers_order_before_uuids() {
        assert!(PointId::Num(u64::MAX) < PointId::Uuid(0));
    }
}
