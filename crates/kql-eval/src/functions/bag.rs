//! Property-bag functions: `bag_pack` (and its older names `pack`, `pack_dictionary`),
//! `bag_keys`, `bag_merge`, `bag_remove_keys`, `bag_has_key`, `bag_set_key`, `bag_zip`
//! (q/pack-function.md, q/bag-*-function.md, q/bag-zip.md; signatures from
//! Kusto.Language `Functions.cs`).
//!
//! ```kql
//! print bag_pack("Dest", 100, "Text", "Hi")                  // {"Dest":100,"Text":"Hi"}
//! print bag_keys(dynamic({"a": "b", "c": 123}))              // ["a","c"]
//! print bag_merge(dynamic({"A1": 12}), dynamic({"A1": 1, "B": 2}))   // {"A1":12,"B":2}
//! print bag_remove_keys(dynamic({"a": {"b": 1, "c": 2}}), dynamic(["$.a.b"]))  // {"a":{"c":2}}
//! print bag_set_key(dynamic({}), "$.a.b", 1)                  // {"a":{"b":1}}
//! print bag_zip(dynamic(["a", 8, "b"]), dynamic([1, "2", 2.5]))  // {"a":1,"b":2.5}
//! ```
//!
//! Keys may be JSONPath (`$.a.b`, `$['a']`) where the docs allow it; array indexing is
//! not supported by Kusto there. **[U]** Inputs the docs leave open are refused: a
//! non-bag where only `bag_keys`/`bag_set_key`/`bag_zip` document a null result,
//! duplicate keys, empty keys, a plain key containing `.`, `[` or `]`.

mod path;

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::dynamic::{dynamic_of, packable, to_dynamic};
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError, entry};
use crate::exec::EvalError;
use crate::value::{Bag, Dynamic, Value};

#[rustfmt::skip]
pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    entry("bag_pack", (2, usize::MAX), pack_type, pack, "bag_pack(k1, v1, k2, v2, ...): a property bag"),
    entry("pack", (2, usize::MAX), pack_type, pack, "deprecated alias of bag_pack()"),
    entry("pack_dictionary", (2, usize::MAX), pack_type, pack, "deprecated alias of bag_pack()"),
    entry("bag_keys", (1, 1), all_dynamic, keys, "the root keys of a bag; null when not a bag"),
    entry("bag_merge", (2, 64), all_dynamic, merge, "the properties of all the bags; the first bag with a key wins"),
    entry("bag_remove_keys", (2, 2), all_dynamic, path::remove_keys, "the bag without the given keys (or JSONPaths)"),
    entry("bag_has_key", (2, 2), path::has_key_type, path::has_key, "true if the bag has the key (or JSONPath)"),
    entry("bag_set_key", (3, 3), path::set_key_type, path::set_key, "the bag with the key (or JSONPath) set to the value"),
    entry("bag_zip", (2, 2), all_dynamic, zip, "a bag from an array of keys and an array of values"),
];

fn all_dynamic(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for (i, a) in args.iter().enumerate() {
        if a.ty != ScalarType::Dynamic {
            return Err(TypeError::arg(
                i,
                format!("expected a dynamic value, not {}", a.ty),
            ));
        }
    }
    Ok(ScalarType::Dynamic)
}

fn expect_string(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::String => Ok(()),
        t => Err(TypeError::arg(
            i,
            format!("a key must be a string, not {t}"),
        )),
    }
}

fn undocumented(function: &str, what: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}() of {what} is undocumented in Kusto, so kql refuses rather than guess"
    ))
}

/// The bag argument of a function whose non-bag result is undocumented.
fn bag_of<'a>(function: &str, v: &'a Value) -> Result<&'a Bag, EvalError> {
    match dynamic_of(v) {
        Some(Dynamic::Bag(b)) => Ok(b),
        _ => Err(undocumented(function, "a value that is not a property bag")),
    }
}

fn bag_value(bag: Bag) -> Value {
    Value::Dynamic(Dynamic::bag(bag))
}

fn pack_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if !args.len().is_multiple_of(2) {
        return Err(TypeError::call("bag_pack() takes key/value pairs"));
    }
    for i in (0..args.len()).step_by(2) {
        expect_string(args, i)?;
        packable(args, i + 1)?;
    }
    Ok(ScalarType::Dynamic)
}

/// `bag_pack(k1, v1, ...)`: null values are kept as nulls (q/pack-function.md).
fn pack(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let types = call.types;
    map_rows(call, |v| {
        let mut bag = Bag::with_capacity(v.len() / 2);
        for (pair, tys) in v.chunks_exact(2).zip(types.chunks_exact(2)) {
            let key = match &pair[0] {
                Value::String(s) if !s.is_empty() => s.to_string(),
                _ => return Err(undocumented(name, "an empty key")),
            };
            if bag.contains_key(&key) {
                return Err(undocumented(name, "a repeated key"));
            }
            bag.insert(key, to_dynamic(&pair[1], tys[1])?);
        }
        Ok(bag_value(bag))
    })
}

/// `bag_keys(b)`: the root keys; null for anything but a bag (q/bag-keys-function.md).
/// The docs call the order undetermined; kql gives the bag's own key order.
fn keys(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(match dynamic_of(&v[0]) {
            Some(Dynamic::Bag(b)) => Value::Dynamic(Dynamic::array(
                b.keys().map(|k| Dynamic::string(k)).collect(),
            )),
            _ => Value::Dynamic(Dynamic::Null),
        })
    })
}

/// `bag_merge(b1, b2, ...)`: a key keeps the value of the first bag that has it
/// (conformance bag-merge-function-00: `A1` stays 12).
fn merge(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let mut out = Bag::new();
        for x in v {
            for (k, val) in bag_of("bag_merge", x)? {
                if !out.contains_key(k) {
                    out.insert(k.clone(), val.clone());
                }
            }
        }
        Ok(bag_value(out))
    })
}

/// `bag_zip(keys, values)` (q/bag-zip.md): null when `keys` is not an array, all values
/// null when `values` is not one, non-string keys skipped (their values too), missing
/// values null and extra values ignored. **[U]** A repeated key is refused.
fn zip(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let Some(Dynamic::Array(keys)) = dynamic_of(&v[0]) else {
            return Ok(Value::Dynamic(Dynamic::Null));
        };
        let values = match dynamic_of(&v[1]) {
            Some(Dynamic::Array(values)) => &values[..],
            _ => &[],
        };
        let mut bag = Bag::with_capacity(keys.len());
        for (i, key) in keys.iter().enumerate() {
            let Some(key) = key.as_str() else { continue };
            if bag.contains_key(key) {
                return Err(undocumented("bag_zip", "a repeated key"));
            }
            bag.insert(key.to_string(), values.get(i).cloned().unwrap_or_default());
        }
        Ok(bag_value(bag))
    })
}

#[cfg(test)]
mod tests {
    use super::super::dynamic::test_support::{ok, query, refused};

    #[test]
    fn pack_and_keys() {
        // q/pack-function.md (conformance pack-function-01).
        let rows = query(
            r#"datatable (Source: int, Destination: int, Message: string) [1234, 100, "Hi"]
               | extend MyBag=bag_pack("Dest", Destination, "Text", Message)
               | project MyBag, MyBag_Dest=MyBag.Dest"#,
        )
        .unwrap();
        assert_eq!(rows[1], [r#"{"Dest":100,"Text":"Hi"}"#, "100"]);
        assert_eq!(ok(r#"pack("a", 1, "b", int(null))"#), r#"{"a":1,"b":null}"#);
        assert_eq!(ok(r#"pack_dictionary("t", 2s)"#), r#"{"t":"00:00:02"}"#);
        assert!(refused(r#"bag_pack("a", 1, "a", 2)"#));
        assert!(refused(r#"bag_pack("a", 1, "b")"#));
        assert!(refused(r#"bag_pack(1, 1)"#));
        // q/bag-keys-function.md (conformance bag-keys-function-00).
        assert_eq!(
            ok(r#"bag_keys(dynamic({"a": "b", "c": {"d": 123}}))"#),
            r#"["a","c"]"#
        );
        assert_eq!(ok("bag_keys(dynamic({}))"), "[]");
        for v in ["null", "'a'", "[]"] {
            assert_eq!(ok(&format!("isnull(bag_keys(dynamic({v})))")), "true");
        }
    }

    #[test]
    fn merge() {
        // q/bag-merge-function.md (conformance bag-merge-function-00).
        assert_eq!(
            ok(
                "bag_merge(dynamic({'A1':12, 'B1':2, 'C1':3}), dynamic({'A2':81, 'B2':82, 'A1':1}))"
            ),
            r#"{"A1":12,"B1":2,"C1":3,"A2":81,"B2":82}"#
        );
        assert!(refused("bag_merge(dynamic({}), dynamic(null))"));
    }

    #[test]
    fn zip() {
        // q/bag-zip.md (conformance bag-zip-00, -02, -04).
        assert_eq!(
            ok("bag_zip(dynamic(['a', 'b', 'c']), dynamic([1, '2', 3.4]))"),
            r#"{"a":1,"b":"2","c":3.4}"#
        );
        assert_eq!(
            ok("bag_zip(dynamic(['a', 'b', 'c']), dynamic([1, '2']))"),
            r#"{"a":1,"b":"2","c":null}"#
        );
        assert_eq!(
            ok("bag_zip(dynamic(['a', 8, 'b']), dynamic([1, '2', 2.5]))"),
            r#"{"a":1,"b":2.5}"#
        );
        assert_eq!(
            ok("bag_zip(dynamic(['a', 8, 'b']), dynamic(1))"),
            r#"{"a":null,"b":null}"#
        );
        assert_eq!(ok("isnull(bag_zip(dynamic('a'), dynamic([1])))"), "true");
    }
}
