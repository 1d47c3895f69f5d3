//! Reading typed values out of JSON with fewer serde instantiations.
//!
//! serde monomorphises every `Deserialize` impl once per deserializer it meets; in wasm that
//! is much of the code.
//! - Parts of JSON the core already holds as a `Value` (request parts, configs) and small
//!   texts (snapshot section metadata) are read through `&Value` ([`from_value`], [`parse`],
//!   [`parse_slice`]), never through an owned `Value` (a second instantiation, and a clone
//!   where a reference would do). Payloads in bulk are still parsed from their text.
//! - Untagged enums that never carry vectors (configs, filter conditions, `with_vector`, …) try
//!   their variants on a `Value` ([`untagged_enum!`]) instead of serde's buffered `Content`,
//!   so the types they contain are read by the `&Value` deserializer only.
//! - Enums that carry vectors (`VectorInput`, `VectorStruct`, …) and flattened request structs
//!   keep serde's derive: through a `Value` they measured slower, up to ~90 µs more per
//!   384-float query and ~15 % per REST upsert (a `Value` per number is several times a
//!   `Content`).
//! - Request bodies are still parsed straight from their text (`api::parse_body`): a `Value`
//!   of a whole body measured ~100 µs more per request carrying a 384-float vector (its
//!   subtrees are cloned into owned fields), and an upsert would hold a `Value` per number at
//!   once (tens of bytes each in wasm32, where an `f32` is 4).

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Parses JSON text into `T` through one `Value` (for text that is small or not hot).
pub fn parse<T: DeserializeOwned>(text: &str) -> serde_json::Result<T> {
    let value: Value = serde_json::from_str(text)?;
    T::deserialize(&value)
}

/// Parses JSON bytes into `T` through one `Value` (for bytes that are small or not hot).
pub fn parse_slice<T: DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    let value: Value = serde_json::from_slice(bytes)?;
    T::deserialize(&value)
}

/// Reads `T` from a parsed value without consuming or cloning it.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> serde_json::Result<T> {
    T::deserialize(value)
}

/// An enum with a `Deserialize` that tries its variants in order, as `#[serde(untagged)]`
/// does, but through a [`Value`]: each variant's type is then read by the same `&Value`
/// deserializer as everywhere else, where serde's derive instantiates it once more for its
/// buffered `Content`. Wraps the enum's definition; variants are `Name(Type)` or
/// `Name { field: Type, … }` (read as a struct with those fields, unknown keys ignored, as
/// serde reads a struct variant). The error is serde's (`data did not match any variant of
/// untagged enum NAME`), or the text of a leading `expecting = "…";`.
/// For enums that never carry vectors: a `Value` per number is several times a `Content`.
macro_rules! untagged_enum {
    (expecting = $expecting:literal; $($definition:tt)+) => {
        $crate::json::untagged_enum!(@define ($expecting) $($definition)+);
    };
    (@define ($($expecting:literal)?)
        $(#[$attr:meta])*
        $vis:vis enum $name:ident { $($(#[$vattr:meta])* $variant:ident $body:tt),+ $(,)? }
    ) => {
        $(#[$attr])*
        $vis enum $name { $($(#[$vattr])* $variant $body),+ }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                $($crate::json::untagged_enum!(@try value $name $variant $body);)+
                Err(<D::Error as serde::de::Error>::custom(
                    $crate::json::untagged_enum!(@message $name $(, $expecting)?),
                ))
            }
        }
    };
    (@try $value:ident $name:ident $variant:ident ($ty:ty)) => {
        if let Ok(v) = <$ty as serde::Deserialize>::deserialize(&$value) {
            return Ok($name::$variant(v));
        }
    };
    (@try $value:ident $name:ident $variant:ident { $($field:ident : $ty:ty),+ $(,)? }) => {{
        #[derive(serde::Deserialize)]
        struct Fields {
            $($field: $ty),+
        }
        if let Ok(v) = <Fields as serde::Deserialize>::deserialize(&$value) {
            return Ok($name::$variant { $($field: v.$field),+ });
        }
    }};
    (@message $name:ident) => { concat!("data did not match any variant of untagged enum ", stringify!($name)) };
    (@message $name:ident, $expecting:literal) => { $expecting };
    ($($definition:tt)+) => {
        $crate::json::untagged_enum!(@define () $($definition)+);
    };
}
pub(crate) use untagged_enum;

#[cfg(test)]
mod tests {
    use serde_json::json;

    untagged_enum! {
        #[derive(Debug, PartialEq)]
        enum Shape {
            Ids(Vec<u32>),
            Name(String),
            Point { x: f64, y: f64 },
        }
    }

    untagged_enum! {
        expecting = "a boolean";
        #[derive(Debug, PartialEq)]
        enum Flag {
            On(bool),
        }
    }

    #[test]
    fn variants_are_tried_in_order_from_text_and_from_a_value() {
        assert_eq!(serde_json::from_str::<Shape>("[1, 2]").unwrap(), Shape::Ids(vec![1, 2]));
        assert_eq!(super::from_value::<Shape>(&json!("a")).unwrap(), Shape::Name("a".into()));
        // A struct variant ignores unknown keys, as serde's struct variants do.
        let point = json!({"x": 1.5, "y": -2, "z": "ignored"});
        assert_eq!(super::from_value::<Shape>(&point).unwrap(), Shape::Point { x: 1.5, y: -2.0 });
        // Inside a larger text, the enum's own part is read where it stands.
        let list: Vec<Shape> = super::parse(r#"[[3], "b"]"#).unwrap();
        assert_eq!(list, vec![Shape::Ids(vec![3]), Shape::Name("b".into())]);
    }

    #[test]
    fn no_matching_variant_is_serdes_message_or_the_expecting_text() {
        let err = super::from_value::<Shape>(&json!({"x": 1})).unwrap_err().to_string();
        assert_eq!(err, "data did not match any variant of untagged enum Shape");
        let err = serde_json::from_str::<Flag>("1").unwrap_err().to_string();
        assert!(err.starts_with("a boolean"), "{err}");
    }
}
