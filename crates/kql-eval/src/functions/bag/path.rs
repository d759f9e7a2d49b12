//! Keys by JSONPath: `bag_remove_keys`, `bag_has_key`, `bag_set_key`
//! (q/bag-remove-keys-function.md, q/bag-has-key-function.md,
//! q/bag-set-key-function.md).
//!
//! ```kql
//! print bag_remove_keys(dynamic({"a": {"b": 1, "c": 2}}), dynamic(["$.a.b"]))  // {"a":{"c":2}}
//! print bag_has_key(dynamic({"a": {"b": 1}}), "$['a'].b")                        // true
//! print bag_set_key(dynamic({}), "$.a.b", 1)                                     // {"a":{"b":1}}
//! ```
//!
//! A key is a root key name, or a JSONPath (`$.a.b`, `$['a']["b"]`) to a nested key.
//! Kusto supports no array indexing there; kql also refuses wildcards, the bare root
//! `$` and, **[U]**, plain keys containing `.`, `[` or `]` (root key or path?).

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::dynamic::{dynamic_of, packable, to_dynamic};
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{all_dynamic, bag_of, bag_value, expect_string, undocumented};
use crate::exec::EvalError;
use crate::value::{Bag, Dynamic, Value};

/// A key argument as a path of nested keys: a JSONPath (`$.a.b`, `$['a']["b"]`) or a
/// root key name. Array indexing, wildcards and the bare root are refused.
fn key_path(function: &str, key: &str) -> Result<Vec<String>, EvalError> {
    let bad = || undocumented(function, &format!("the key `{key}`"));
    let Some(mut rest) = key.strip_prefix('$') else {
        if key.is_empty() || key.contains(['.', '[', ']']) {
            return Err(bad());
        }
        return Ok(vec![key.to_string()]);
    };
    let mut path = Vec::new();
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('.') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let name = &after[..end];
            if name.is_empty() || name.contains([']', '*', '$']) {
                return Err(bad());
            }
            path.push(name.to_string());
            rest = &after[end..];
        } else if let Some(after) = rest.strip_prefix('[') {
            let quote = after
                .chars()
                .next()
                .filter(|c| *c == '\'' || *c == '"')
                .ok_or_else(bad)?;
            let body = &after[1..];
            let close = body.find(quote).ok_or_else(bad)?;
            let tail = body[close + 1..].strip_prefix(']').ok_or_else(bad)?;
            let name = &body[..close];
            if name.is_empty() || name.contains('\\') {
                return Err(bad());
            }
            path.push(name.to_string());
            rest = tail;
        } else {
            return Err(bad());
        }
    }
    if path.is_empty() {
        Err(bad())
    } else {
        Ok(path)
    }
}

/// `bag_remove_keys(b, keys)` (q/bag-remove-keys-function.md); a missing key is no
/// change.
pub(super) fn remove_keys(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    const NAME: &str = "bag_remove_keys";
    map_rows(call, |v| {
        let mut bag = bag_of(NAME, &v[0])?.clone();
        let Some(Dynamic::Array(keys)) = dynamic_of(&v[1]) else {
            return Err(undocumented(NAME, "keys that are not an array"));
        };
        for key in keys.iter() {
            let key = key
                .as_str()
                .ok_or_else(|| undocumented(NAME, "non-string keys"))?;
            remove_path(&mut bag, &key_path(NAME, key)?);
        }
        Ok(bag_value(bag))
    })
}

fn remove_path(bag: &mut Bag, path: &[String]) {
    match path {
        [] => {}
        [last] => {
            bag.shift_remove(last);
        }
        [first, rest @ ..] => {
            if let Some(Dynamic::Bag(inner)) = bag.get_mut(first) {
                remove_path(Arc::make_mut(inner), rest);
            }
        }
    }
}

pub(super) fn has_key_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    all_dynamic(&args[..1])?;
    expect_string(args, 1)?;
    Ok(ScalarType::Bool)
}

/// `bag_has_key(b, key)` (q/bag-has-key-function.md).
pub(super) fn has_key(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    const NAME: &str = "bag_has_key";
    map_rows(call, |v| {
        let bag = bag_of(NAME, &v[0])?;
        let key = v[1].as_str().unwrap_or_default();
        let path = key_path(NAME, key)?;
        let mut current = bag;
        for (i, k) in path.iter().enumerate() {
            match current.get(k) {
                Some(_) if i + 1 == path.len() => return Ok(Value::Bool(true)),
                Some(Dynamic::Bag(inner)) => current = inner,
                _ => return Ok(Value::Bool(false)),
            }
        }
        Ok(Value::Bool(false))
    })
}

pub(super) fn set_key_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    all_dynamic(&args[..1])?;
    expect_string(args, 1)?;
    if args[1].literal.is_none() {
        return Err(TypeError::arg(
            1,
            "the key of bag_set_key() must be a constant",
        ));
    }
    packable(args, 2)?;
    Ok(ScalarType::Dynamic)
}

/// `bag_set_key(b, key, value)`: null when `b` is not a bag; a JSONPath creates the
/// missing levels (q/bag-set-key-function.md). **[U]** A null value, and a path through
/// a non-bag value, are refused.
pub(super) fn set_key(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    const NAME: &str = "bag_set_key";
    let ty = call.types[2];
    map_rows(call, |v| {
        let Some(Dynamic::Bag(bag)) = dynamic_of(&v[0]) else {
            return Ok(Value::Dynamic(Dynamic::Null));
        };
        let path = key_path(NAME, v[1].as_str().unwrap_or_default())?;
        let value = to_dynamic(&v[2], ty)?;
        if value.is_null() {
            return Err(undocumented(NAME, "a null value"));
        }
        let mut out = Bag::clone(bag);
        set_path(&mut out, &path, value)?;
        Ok(bag_value(out))
    })
}

fn set_path(bag: &mut Bag, path: &[String], value: Dynamic) -> Result<(), EvalError> {
    match path {
        [] => Ok(()),
        [last] => {
            bag.insert(last.clone(), value);
            Ok(())
        }
        [first, rest @ ..] => {
            let slot = bag
                .entry(first.clone())
                .or_insert_with(|| Dynamic::bag(Bag::new()));
            match slot {
                Dynamic::Bag(inner) => set_path(Arc::make_mut(inner), rest, value),
                _ => Err(undocumented(
                    "bag_set_key",
                    "a path through a value that is not a bag",
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::super::dynamic::test_support::{ok, refused};

    #[test]
    fn remove_and_has() {
        // q/bag-remove-keys-function.md
        assert_eq!(
            ok("bag_remove_keys(dynamic({'key1': 123, 'key2': 'abc'}), dynamic(['key2', 'key4']))"),
            r#"{"key1":123}"#
        );
        assert_eq!(
            ok(
                "bag_remove_keys(dynamic({'key1': 123, 'key2': {'prop1': 'abc', 'prop2': 'xyz'}, 'key3': [100, 200]}), dynamic(['$.key2.prop1', 'key3']))"
            ),
            r#"{"key1":123,"key2":{"prop2":"xyz"}}"#
        );
        assert!(refused(
            "bag_remove_keys(dynamic({'a': [1]}), dynamic(['$.a[0]']))"
        ));
        // q/bag-has-key-function.md
        assert_eq!(
            ok("bag_has_key(dynamic({'key1': 123, 'key2': 'abc'}), 'key2')"),
            "true"
        );
        assert_eq!(
            ok("bag_has_key(dynamic({'key1': 123, 'key3': 'abc'}), 'key2')"),
            "false"
        );
        assert_eq!(
            ok("bag_has_key(dynamic({'key2': {'prop1': 'abc'}}), '$.key2.prop1')"),
            "true"
        );
        assert_eq!(
            ok("bag_has_key(dynamic({'k': {'p': 1}}), \"$['k']['q']\")"),
            "false"
        );
        assert!(refused("bag_has_key(dynamic(null), 'a')"));
    }

    #[test]
    fn set_key() {
        // q/bag-set-key-function.md
        assert_eq!(
            ok("bag_set_key(dynamic({'key1': 1, 'key3': 'abc'}), 'key3', 3)"),
            r#"{"key1":1,"key3":3}"#
        );
        assert_eq!(
            ok("bag_set_key(dynamic({'key1': 123}), '$.key2.prop1', 'abc')"),
            r#"{"key1":123,"key2":{"prop1":"abc"}}"#
        );
        assert_eq!(ok("isnull(bag_set_key(dynamic([1]), 'a', 1))"), "true");
        assert!(refused("bag_set_key(dynamic({'a': 1}), '$.a.b', 1)"));
    }
}
