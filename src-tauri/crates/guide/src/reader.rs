//! Reading `guide.json` text into a JSON value, strictly and exactly:
//!
//! - a key may appear once in an object: a second `"title"` in `meta` is an error naming the
//!   key, the object (`meta`, `sections[2]`, the top level) and the line and column, where a
//!   plain `serde_json::Value` would silently keep the last one;
//! - a number written with a zero fraction (`5.0`, `1e1`) is the whole number it is, as JSON
//!   Schema counts it (`"type": "integer"` accepts `5.0`), so integer fields read it.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Parses `text` as one JSON value, refusing duplicate keys.
pub(crate) fn parse(text: &str) -> Result<Value, serde_json::Error> {
    parse_noting(text, &RefCell::new(None))
}

/// The first key that an object of the JSON `text` holds twice, as a path (`slug`,
/// `files[1].sha256`); `None` when there is none or the text is not JSON (its reader reports
/// that). A JSON reader that keeps one of the two values silently would read the document one
/// way while its author meant the other: the bundle's manifest is checked with this too.
pub fn duplicate_key(text: &str) -> Option<String> {
    let found = RefCell::new(None);
    let _ = parse_noting(text, &found);
    found.into_inner()
}

/// `parse`, noting the path of a duplicate key in `found`.
fn parse_noting(text: &str, found: &RefCell<Option<String>>) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Strict(At::Root, found).deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Where a value sits in the document; written out only for a message.
#[derive(Clone, Copy)]
enum At<'a> {
    Root,
    Key(&'a At<'a>, &'a str),
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    fn write_path(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Root => Ok(()),
            At::Key(At::Root, key) => f.write_str(key),
            At::Key(parent, key) => {
                parent.write_path(f)?;
                write!(f, ".{key}")
            }
            At::Index(parent, i) => {
                parent.write_path(f)?;
                write!(f, "[{i}]")
            }
        }
    }
}

impl fmt::Display for At<'_> {
    /// `meta`, `sections[2]`, `deals.rows[0].capacity`, or "the top level".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            At::Root => f.write_str("the top level"),
            other => other.write_path(f),
        }
    }
}

/// `At` as a bare path (`s[1].x`; empty at the top level).
struct Path<'a>(At<'a>);

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.write_path(f)
    }
}

/// A JSON value at `At`, built as `serde_json::Value` builds it but with the checks above; a
/// duplicate key's path is noted in the cell.
struct Strict<'a>(At<'a>, &'a RefCell<Option<String>>);

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(whole_number(v).or_else(|| Number::from_f64(v)).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(v) = seq.next_element_seed(Strict(At::Index(&self.0, out.len()), self.1))? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                let path = match self.0 {
                    At::Root => key.clone(),
                    at => format!("{}.{key}", Path(at)),
                };
                *self.1.borrow_mut() = Some(path);
                return Err(de::Error::custom(format_args!(
                    "the key \"{key}\" appears twice in {} (a key may appear once in an object)",
                    self.0
                )));
            }
            let value = map.next_value_seed(Strict(At::Key(&self.0, &key), self.1))?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// `v` as an integer when it is one (`5.0` → 5) and fits `u64` or `i64`.
fn whole_number(v: f64) -> Option<Number> {
    const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;
    const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;
    if !v.is_finite() || v.fract() != 0.0 {
        return None;
    }
    if (0.0..TWO_POW_64).contains(&v) {
        Some(Number::from(v as u64))
    } else if (-TWO_POW_63..0.0).contains(&v) {
        Some(Number::from(v as i64))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_floats_become_integers_and_others_stay() {
        let v = parse(r#"[5.0, 1e1, -2.0, -0.0, 1.5, 1e30, 7]"#).unwrap();
        assert_eq!(v, serde_json::json!([5, 10, -2, 0, 1.5, 1e30, 7]));
        assert!(v[0].is_u64() && v[2].is_i64() && v[4].is_f64() && v[5].is_f64());
    }

    #[test]
    fn duplicate_keys_are_named_with_their_object_and_position() {
        let err = parse("{\"a\": 1,\n \"a\": 2}").unwrap_err().to_string();
        assert!(err.starts_with("the key \"a\" appears twice in the top level"), "{err}");
        assert!(err.contains("line 2"), "{err}");
        let err = parse(r#"{"s": [{"x": {}}, {"x": {"k": 1, "k": 1}}]}"#).unwrap_err();
        assert!(err.to_string().contains("\"k\" appears twice in s[1].x"), "{err}");
        assert_eq!(
            duplicate_key(r#"{"files": [{"p": 1}, {"p": 1, "q": {"r": 1, "r": 2}}]}"#).as_deref(),
            Some("files[1].q.r")
        );
        assert_eq!(
            duplicate_key(r#"[{"x": [1, {"y": 1, "y": 1}]}]"#).as_deref(),
            Some("[0].x[1].y")
        );
        assert_eq!(duplicate_key("{ not json"), None);
        // The same key in different objects is fine.
        assert!(parse(r#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#).is_ok());
    }

    #[test]
    fn values_read_as_serde_json_reads_them() {
        let text = r#"{"s": "é\n\u0000", "n": null, "b": [true, false], "o": {}, "i": -3}"#;
        assert_eq!(parse(text).unwrap(), serde_json::from_str::<Value>(text).unwrap());
        assert!(parse("{} x").is_err());
        assert!(parse("{").is_err());
    }
}
