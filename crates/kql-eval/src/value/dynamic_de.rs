//! Reading [`Dynamic`] values from serde input (JSON text, `serde_json::Value`).
//!
//! ```kql
//! print parse_json('{"a": 1, "b": 2.5, "c": [true, null]}')
//! ```
//!
//! gives a bag whose `a` is a `long` and `b` a `real`: integers that fit in a `long`
//! are longs, every other number is a real (`q/parse-json-function.md`).

use std::fmt;
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::dynamic::{Bag, Dynamic};

impl From<serde_json::Value> for Dynamic {
    fn from(v: serde_json::Value) -> Dynamic {
        use serde_json::Value as J;
        match v {
            J::Null => Dynamic::Null,
            J::Bool(b) => Dynamic::Bool(b),
            J::Number(n) => match n.as_i64() {
                Some(i) => Dynamic::Long(i),
                None => Dynamic::Real(n.as_f64().unwrap_or(f64::NAN)),
            },
            J::String(s) => Dynamic::String(Arc::from(s)),
            J::Array(items) => Dynamic::array(items.into_iter().map(Dynamic::from).collect()),
            J::Object(map) => Dynamic::bag(
                map.into_iter()
                    .map(|(k, v)| (k, Dynamic::from(v)))
                    .collect(),
            ),
        }
    }
}

impl<'de> Deserialize<'de> for Dynamic {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Dynamic, D::Error> {
        deserializer.deserialize_any(DynamicVisitor)
    }
}

/// Builds a [`Dynamic`] from any self-describing serde input (JSON).
struct DynamicVisitor;

impl<'de> Visitor<'de> for DynamicVisitor {
    type Value = Dynamic;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Dynamic, E> {
        Ok(Dynamic::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dynamic, E> {
        Ok(Dynamic::Long(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dynamic, E> {
        Ok(i64::try_from(v).map_or(Dynamic::Real(v as f64), Dynamic::Long))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dynamic, E> {
        Ok(Dynamic::Real(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Dynamic, E> {
        Ok(Dynamic::string(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Dynamic, E> {
        Ok(Dynamic::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Dynamic, E> {
        Ok(Dynamic::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Dynamic, D::Error> {
        Dynamic::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Dynamic, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(item) = seq.next_element::<Dynamic>()? {
            items.push(item);
        }
        Ok(Dynamic::array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dynamic, A::Error> {
        let mut bag = Bag::with_capacity(map.size_hint().unwrap_or(0).min(4096));
        while let Some((k, v)) = map.next_entry::<String, Dynamic>()? {
            // A repeated key keeps its first position and takes the last value.
            bag.insert(k, v);
        }
        Ok(Dynamic::bag(bag))
    }
}
