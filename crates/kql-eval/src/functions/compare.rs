//! Comparisons and predicates: `==`, `<`, `=~`, the string operators, `in`, `has_any`,
//! `between` (q/datatypes-string-operators.md, q/scalar-data-types/null-values.md).
//!
//! ```kql
//! print int(null) == 5    // false      print int(null) != 5   // true
//! print "North America" has "america"           // true (a whole term, any case)
//! print "KustoExplorerQueryRun" has "Explorer"  // false
//! print "abc" in ("123", "abc")                  // true
//! print 5 between (1 .. 10)                      // true
//! ```

use std::cmp::Ordering;
use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::strings::{self, Needle};
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::table::{Column, PrimitiveColumn};
use crate::value::Value;

macro_rules! entries {
    ($($name:literal => $ty:ident, $eval:ident, $doc:literal;)*) => {
        pub(super) static FUNCTIONS: &[ScalarFunction] = &[
            $(ScalarFunction { name: $name, min_args: arity($name).0, max_args: arity($name).1, return_type: $ty, eval: $eval, doc: $doc },)*
        ];
    };
}

const fn arity(name: &str) -> (usize, usize) {
    match name.as_bytes() {
        b"in" | b"!in" | b"in~" | b"!in~" | b"has_any" | b"has_all" => (2, usize::MAX),
        b"between" | b"!between" => (3, 3),
        _ => (2, 2),
    }
}

entries! {
    "==" => comparable, equality, "equals (case-sensitive for strings)";
    "!=" => comparable, equality, "not equals; `null != 5` is true";
    "<" => ordered, ordering, "less than";
    "<=" => ordered, ordering, "less than or equal";
    ">" => ordered, ordering, "greater than";
    ">=" => ordered, ordering, "greater than or equal";
    "=~" => strings2, string_predicate, "equals, case-insensitive";
    "!~" => strings2, string_predicate, "not equals, case-insensitive";
    "has" => strings2, string_predicate, "right side is a whole term of the left, case-insensitive";
    "!has" => strings2, string_predicate, "negation of has";
    "has_cs" => strings2, string_predicate, "has, case-sensitive";
    "!has_cs" => strings2, string_predicate, "negation of has_cs";
    "hasprefix" => strings2, string_predicate, "a term of the left starts with the right side";
    "!hasprefix" => strings2, string_predicate, "negation of hasprefix";
    "hasprefix_cs" => strings2, string_predicate, "hasprefix, case-sensitive";
    "!hasprefix_cs" => strings2, string_predicate, "negation of hasprefix_cs";
    "hassuffix" => strings2, string_predicate, "a term of the left ends with the right side";
    "!hassuffix" => strings2, string_predicate, "negation of hassuffix";
    "hassuffix_cs" => strings2, string_predicate, "hassuffix, case-sensitive";
    "!hassuffix_cs" => strings2, string_predicate, "negation of hassuffix_cs";
    "contains" => strings2, string_predicate, "substring, case-insensitive";
    "!contains" => strings2, string_predicate, "negation of contains";
    "contains_cs" => strings2, string_predicate, "substring, case-sensitive";
    "!contains_cs" => strings2, string_predicate, "negation of contains_cs";
    "startswith" => strings2, string_predicate, "prefix of the whole string, case-insensitive";
    "!startswith" => strings2, string_predicate, "negation of startswith";
    "startswith_cs" => strings2, string_predicate, "startswith, case-sensitive";
    "!startswith_cs" => strings2, string_predicate, "negation of startswith_cs";
    "endswith" => strings2, string_predicate, "suffix of the whole string, case-insensitive";
    "!endswith" => strings2, string_predicate, "negation of endswith";
    "endswith_cs" => strings2, string_predicate, "endswith, case-sensitive";
    "!endswith_cs" => strings2, string_predicate, "negation of endswith_cs";
    "matches regex" => strings2, string_predicate, "the left contains a match of the regex (RE2 syntax)";
    "in" => list, membership, "equals one of the values (case-sensitive); arrays are flattened";
    "!in" => list, membership, "equals none of the values";
    "in~" => list, membership, "equals one of the values, case-insensitive";
    "!in~" => list, membership, "equals none of the values, case-insensitive";
    "has_any" => list, membership, "has any of the values";
    "has_all" => list, membership, "has all of the values";
    "between" => range, between, "inclusive range test; a datetime may take a timespan as upper bound";
    "!between" => range, between, "outside the inclusive range";
}

fn comparable_types(a: ScalarType, b: ScalarType) -> bool {
    a == b
        || a == ScalarType::Dynamic
        || b == ScalarType::Dynamic
        || (a.is_numeric() && b.is_numeric())
}

fn comparable(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if comparable_types(args[0].ty, args[1].ty) {
        Ok(ScalarType::Bool)
    } else {
        Err(TypeError::arg(
            1,
            format!("cannot compare {} with {}", args[0].ty, args[1].ty),
        ))
    }
}

fn ordered(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    comparable(args)?;
    if args[0].ty == ScalarType::Guid {
        return Err(TypeError::arg(0, "guids have no order"));
    }
    Ok(ScalarType::Bool)
}

fn strings2(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for (i, a) in args.iter().enumerate() {
        if !matches!(a.ty, ScalarType::String | ScalarType::Dynamic) {
            return Err(TypeError::arg(
                i,
                format!("expected a string, got {}", a.ty),
            ));
        }
    }
    Ok(ScalarType::Bool)
}

fn list(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for (i, a) in args.iter().enumerate().skip(1) {
        if !comparable_types(args[0].ty, a.ty) {
            return Err(TypeError::arg(
                i,
                format!("cannot compare {} with {}", args[0].ty, a.ty),
            ));
        }
    }
    Ok(ScalarType::Bool)
}

fn range(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let t = args[0].ty;
    let ok = |b: ScalarType| {
        comparable_types(t, b) || (t == ScalarType::DateTime && b == ScalarType::TimeSpan)
    };
    if !(t.is_numeric()
        || matches!(
            t,
            ScalarType::DateTime | ScalarType::TimeSpan | ScalarType::Dynamic
        ))
    {
        return Err(TypeError::arg(
            0,
            format!("between takes numbers, datetimes or timespans, not {t}"),
        ));
    }
    for i in 1..3 {
        if !ok(args[i].ty) {
            return Err(TypeError::arg(
                i,
                format!("cannot compare {t} with {}", args[i].ty),
            ));
        }
    }
    Ok(ScalarType::Bool)
}

/// Orders two non-null values; numbers compare across types. `None` when they are
/// not comparable (or a NaN is involved).
pub(crate) fn order(a: &Value, b: &Value) -> Option<Ordering> {
    use Value as V;
    match (a, b) {
        (V::Dynamic(d), other) if !matches!(other, V::Dynamic(_)) => {
            order(&super::ops::dynamic_scalar(d)?, other)
        }
        (other, V::Dynamic(d)) if !matches!(other, V::Dynamic(_)) => {
            order(other, &super::ops::dynamic_scalar(d)?)
        }
        (V::Dynamic(x), V::Dynamic(y)) => order(
            &super::ops::dynamic_scalar(x)?,
            &super::ops::dynamic_scalar(y)?,
        ),
        (V::String(x), V::String(y)) => Some(x.as_bytes().cmp(y.as_bytes())),
        (V::Bool(x), V::Bool(y)) => Some(x.cmp(y)),
        (V::DateTime(x), V::DateTime(y)) | (V::TimeSpan(x), V::TimeSpan(y)) => Some(x.cmp(y)),
        (V::Guid(x), V::Guid(y)) => Some(x.cmp(y)),
        (V::Decimal(x), V::Decimal(y)) => Some(x.cmp(y)),
        _ => match (a.as_i64(), b.as_i64()) {
            (Some(x), Some(y)) => Some(x.cmp(&y)),
            _ => a.as_f64()?.partial_cmp(&b.as_f64()?),
        },
    }
}

/// Kusto's `==` on two values: `None` when either is null.
pub(crate) fn equals(a: &Value, b: &Value) -> Option<bool> {
    if is_null(a) || is_null(b) {
        return None;
    }
    Some(order(a, b) == Some(Ordering::Equal))
}

/// A null for comparison purposes (a string is never null: `""` is a value).
fn is_null(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Dynamic(d) => d.is_null(),
        _ => false,
    }
}

fn equality(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let negate = call.function.name == "!=";
    if let Some(result) = string_equality(call, negate) {
        return Ok(result);
    }
    let string_null = |v: &Value, t: ScalarType| {
        if t == ScalarType::String && matches!(v, Value::Null) {
            Value::String("".into())
        } else {
            v.clone()
        }
    };
    map_rows(call, |v| {
        let (a, b) = (
            string_null(&v[0], call.types[0]),
            string_null(&v[1], call.types[1]),
        );
        Ok(match (is_null(&a), is_null(&b), equals(&a, &b)) {
            (true, true, _) => Value::Null,
            (true, false, _) | (false, true, _) => Value::Bool(negate),
            (_, _, Some(eq)) => Value::Bool(eq != negate),
            (_, _, None) => Value::Null,
        })
    })
}

fn ordering(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        if is_null(&v[0]) || is_null(&v[1]) {
            return Ok(Value::Null);
        }
        Ok(match order(&v[0], &v[1]) {
            None => Value::Bool(false),
            Some(o) => Value::Bool(match name {
                "<" => o == Ordering::Less,
                "<=" => o != Ordering::Greater,
                ">" => o == Ordering::Greater,
                _ => o != Ordering::Less,
            }),
        })
    })
}

fn string_predicate(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    strings::predicate(call)
}

/// The values of an `in`/`has_any` list, arrays flattened.
fn flatten(values: &[Value], out: &mut Vec<Value>) {
    for v in values {
        match v {
            Value::Dynamic(d) => super::ops::flatten_dynamic(d, out),
            other => out.push(other.clone()),
        }
    }
}

/// `==`/`!=` between string columns and literals, comparing bytes in place (strings
/// are never null, so the result is never null).
fn string_equality(call: &ScalarCall<'_>, negate: bool) -> Option<Datum> {
    if call.types[0] != ScalarType::String || call.types[1] != ScalarType::String {
        return None;
    }
    let text_of = |d: &Datum| match d.as_scalar() {
        Some(Value::String(s)) => Some(s.to_string()),
        Some(Value::Null) => Some(String::new()),
        _ => None,
    };
    let out: Vec<bool> = match (call.args[0].as_column(), call.args[1].as_column()) {
        (Some(Column::String(a)), None) => {
            let b = text_of(&call.args[1])?;
            a.iter().map(|x| (x == b) != negate).collect()
        }
        (None, Some(Column::String(b))) => {
            let a = text_of(&call.args[0])?;
            b.iter().map(|x| (x == a) != negate).collect()
        }
        (Some(Column::String(a)), Some(Column::String(b))) => a
            .iter()
            .zip(b.iter())
            .map(|(x, y)| (x == y) != negate)
            .collect(),
        _ => return None,
    };
    Some(Datum::Column(Arc::new(Column::Bool(
        PrimitiveColumn::from_values(out),
    ))))
}

/// `in`/`!in`/`in~`/`!in~` of a string column against a constant list of strings,
/// with one hash lookup per row.
fn string_membership(call: &ScalarCall<'_>, list: &[Value]) -> Option<Datum> {
    let Some(Column::String(column)) = call.args[0].as_column() else {
        return None;
    };
    let name = call.function.name;
    let fold = name.ends_with('~');
    let negated = name.starts_with('!');
    let mut set = std::collections::HashSet::with_capacity(list.len());
    for item in list {
        let Value::String(s) = item else { return None };
        set.insert(if fold {
            s.to_ascii_lowercase()
        } else {
            s.to_string()
        });
    }
    let mut scratch = String::new();
    let out: Vec<bool> = column
        .iter()
        .map(|x| {
            let hit = if fold {
                scratch.clear();
                scratch.push_str(x);
                scratch.make_ascii_lowercase();
                set.contains(scratch.as_str())
            } else {
                set.contains(x)
            };
            hit != negated
        })
        .collect();
    Some(Datum::Column(Arc::new(Column::Bool(
        PrimitiveColumn::from_values(out),
    ))))
}

fn membership(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    // The list is usually constant: flatten it once.
    let constant_list: Option<Vec<Value>> = call.args[1..]
        .iter()
        .map(|d| d.as_scalar().cloned())
        .collect::<Option<Vec<_>>>()
        .map(|vals| {
            let mut flat = Vec::new();
            flatten(&vals, &mut flat);
            flat
        });
    if matches!(name, "in" | "!in" | "in~" | "!in~")
        && let Some(list) = &constant_list
        && let Some(result) = string_membership(call, list)
    {
        return Ok(result);
    }
    let needles: Option<Vec<Needle>> = match name {
        "has_any" | "has_all" => constant_list
            .as_ref()
            .map(|l| l.iter().map(|v| Needle::new(&text(v), false)).collect()),
        _ => None,
    };
    map_rows(call, |v| {
        let owned;
        let items: &[Value] = match &constant_list {
            Some(l) => l,
            None => {
                let mut flat = Vec::new();
                flatten(&v[1..], &mut flat);
                owned = flat;
                &owned
            }
        };
        let left = &v[0];
        Ok(Value::Bool(match name {
            "in" => !is_null(left) && items.iter().any(|x| equals(left, x) == Some(true)),
            "!in" => is_null(left) || !items.iter().any(|x| equals(left, x) == Some(true)),
            "in~" => items
                .iter()
                .any(|x| text(left).eq_ignore_ascii_case(&text(x))),
            "!in~" => !items
                .iter()
                .any(|x| text(left).eq_ignore_ascii_case(&text(x))),
            "has_any" | "has_all" => {
                let hay = text(left);
                let local: Vec<Needle>;
                let needles = match &needles {
                    Some(n) => n,
                    None => {
                        local = items.iter().map(|x| Needle::new(&text(x), false)).collect();
                        &local
                    }
                };
                if name == "has_any" {
                    needles.iter().any(|n| n.has(&hay))
                } else {
                    needles.iter().all(|n| n.has(&hay))
                }
            }
            _ => return Err(EvalError::Internal(format!("unknown list operator {name}"))),
        }))
    })
}

/// A value as text for string predicates (a dynamic string is its bare text).
pub(crate) fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        other => other.to_kusto_string(),
    }
}

fn between(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let negated = call.function.name == "!between";
    map_rows(call, |v| {
        let high = match (&v[1], &v[2]) {
            (Value::DateTime(lo), Value::TimeSpan(span)) => {
                lo.checked_add(*span).map_or(Value::Null, Value::DateTime)
            }
            (_, h) => h.clone(),
        };
        if is_null(&v[0]) || is_null(&v[1]) || is_null(&high) {
            return Ok(Value::Null);
        }
        let inside = matches!(
            order(&v[0], &v[1]),
            Some(Ordering::Greater | Ordering::Equal)
        ) && matches!(order(&v[0], &high), Some(Ordering::Less | Ordering::Equal));
        Ok(Value::Bool(inside != negated))
    })
}
