//! Key paths into payloads (`a.b[0].c`, `tags[]`, `"odd key".x`) and value extraction.
//!
//! Grammar (Qdrant `lib/segment/src/json_path/parse.rs`):
//! `path = key ( "." key | "[" digits "]" | "[]" )*`, where a key is one or more Unicode
//! alphanumerics, `_` or `-`, or a `"quoted"` string holding anything but `"` and `\`.
//!
//! Extraction ([`extract`], [`visit`]) lives in `payload/extract.rs`, edits ([`set_by_key`],
//! [`delete_paths`]) in `payload/edit.rs`; both are re-exported here.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};

pub use super::edit::{delete_paths, set_by_key, set_depth, MAX_PAYLOAD_DEPTH};
pub use super::extract::{extract, visit};

/// A parsed key path. Never empty: it always starts with a key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct JsonPath {
    first_key: String,
    rest: Vec<PathItem>,
}

/// One step of a [`JsonPath`] after its first key.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathItem {
    /// `.key`: a key of an object.
    Key(String),
    /// `[n]`: one element of an array.
    Index(usize),
    /// `[]`: every element of an array.
    Wildcard,
}

impl JsonPath {
    /// Parses a path; the error is a human-readable reason.
    pub fn parse(text: &str) -> Result<JsonPath, String> {
        let bad = || format!("Invalid json path: '{text}'");
        let mut rest_of = text;
        let first_key = take_key(&mut rest_of).ok_or_else(bad)?;
        let mut rest = Vec::new();
        while !rest_of.is_empty() {
            rest.push(take_item(&mut rest_of).ok_or_else(bad)?);
        }
        Ok(JsonPath { first_key, rest })
    }

    /// A one-key path (`key` is taken literally, no parsing).
    pub fn from_key(key: &str) -> JsonPath {
        JsonPath {
            first_key: key.to_string(),
            rest: Vec::new(),
        }
    }

    pub fn first_key(&self) -> &str {
        &self.first_key
    }

    pub fn rest(&self) -> &[PathItem] {
        &self.rest
    }

    /// The path with `[]` appended unless it already ends with `[]` (Qdrant `array_key`, used by
    /// `nested` conditions).
    pub fn array_key(&self) -> JsonPath {
        let mut out = self.clone();
        if out.rest.last() != Some(&PathItem::Wildcard) {
            out.rest.push(PathItem::Wildcard);
        }
        out
    }
}

/// Consumes a raw or quoted key from the front of `s`.
fn take_key(s: &mut &str) -> Option<String> {
    if let Some(body) = s.strip_prefix('"') {
        let end = body.find(['"', '\\'])?;
        if body.as_bytes()[end] != b'"' {
            return None;
        }
        let key = body[..end].to_string();
        *s = &body[end + 1..];
        return Some(key);
    }
    let end = s.find(|c: char| !is_raw_key_char(c)).unwrap_or(s.len());
    if end == 0 {
        return None;
    }
    let key = s[..end].to_string();
    *s = &s[end..];
    Some(key)
}

/// Consumes one `.key`, `[n]` or `[]` from the front of `s`.
fn take_item(s: &mut &str) -> Option<PathItem> {
    if let Some(after) = s.strip_prefix('.') {
        *s = after;
        return take_key(s).map(PathItem::Key);
    }
    let inner = s.strip_prefix('[')?;
    let close = inner.find(']')?;
    let digits = &inner[..close];
    *s = &inner[close + 1..];
    if digits.is_empty() {
        return Some(PathItem::Wildcard);
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().map(PathItem::Index)
}

fn is_raw_key_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

fn write_key(f: &mut fmt::Formatter<'_>, key: &str) -> fmt::Result {
    if !key.is_empty() && key.chars().all(is_raw_key_char) {
        f.write_str(key)
    } else {
        write!(f, "\"{key}\"")
    }
}

impl fmt::Display for JsonPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_key(f, &self.first_key)?;
        for item in &self.rest {
            match item {
                PathItem::Key(key) => {
                    f.write_str(".")?;
                    write_key(f, key)?;
                }
                PathItem::Index(i) => write!(f, "[{i}]")?,
                PathItem::Wildcard => f.write_str("[]")?,
            }
        }
        Ok(())
    }
}

impl std::str::FromStr for JsonPath {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        JsonPath::parse(s)
    }
}

impl<'de> Deserialize<'de> for JsonPath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        JsonPath::parse(&text).map_err(de::Error::custom)
    }
}

impl Serialize for JsonPath {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn p(s: &str) -> JsonPath {
        JsonPath::parse(s).unwrap()
    }

    #[test]
    #[rustfmt::skip]
    fn parse_and_display_round_trip() {
        let cases = [
            ("foo", "foo"),
            ("a.b[0][]", "a.b[0][]"),
            ("foo[1][50].bar-baz[].\"qux[.]quux\"", "foo[1][50].bar-baz[].\"qux[.]quux\""),
            ("\"a b\".c", "\"a b\".c"),
            ("Müesli.x", "Müesli.x"),
            ("\"\"", "\"\""),
        ];
        for (input, shown) in cases {
            assert_eq!(p(input).to_string(), shown, "{input}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn parse_rejects() {
        for bad in [
            "",
            ".a",
            "a.",
            "a..b",
            "a[",
            "a[x]",
            "a[-1]",
            "[0]",
            "a b",
            "\"a",
            "a.\"b\\\"",
            "a[]b",
        ] {
            assert!(JsonPath::parse(bad).is_err(), "{bad:?} should be rejected");
        }
        assert!(crate::json::from_value::<JsonPath>(&json!("a..b")).is_err());
        assert!(crate::json::from_value::<JsonPath>(&json!(5)).is_err());
    }

    #[test]
    #[rustfmt::skip]
    fn array_key_appends_wildcard_once() {
        assert_eq!(p("a").array_key(), p("a[]"));
        assert_eq!(p("a[]").array_key(), p("a[]"));
    }
}
