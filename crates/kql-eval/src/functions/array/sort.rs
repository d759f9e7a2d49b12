//! `array_sort_asc` and `array_sort_desc` (q/array-sort-asc-function.md,
//! q/array-sort-desc-function.md).
//!
//! ```kql
//! print array_sort_asc(dynamic([null,"blue","yellow","green",null]))        // ["blue","green","yellow",null,null]
//! print array_sort_asc(dynamic([null,"blue","yellow","green",null]), false) // [null,null,"blue","green","yellow"]
//! print array_sort_desc(split("John,Paul,Jane,Kayo", ","))                  // ["Paul","Kayo","John","Jane"]
//! ```
//!
//! Several arrays at once (`array_sort_asc(a1, a2)`) give one output column per array
//! in Kusto (a tuple result); kql refuses that form. Within one array the documented
//! order is numbers, datetimes and timespans, then strings, then guids, then anything
//! else, with nulls last unless `nulls_last` is false. **[U]** Everything the docs
//! leave open is refused: bool, array and bag elements, numbers mixed with datetimes or
//! timespans, NaN, ties between different values (`1` and `1.0`), more than one guid,
//! and strings whose order could depend on case or culture (see [`plain_text_order`]).

use std::cmp::Ordering;

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{array_of, array_value, expect_constant, expect_dynamic, undocumented};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

pub(super) fn sort_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let last = args.len() - 1;
    let arrays = if last > 0 && args[last].ty == ScalarType::Bool {
        expect_constant(args, last, "nulls_last")?;
        last
    } else {
        args.len()
    };
    for i in 0..arrays {
        expect_dynamic(args, i)?;
    }
    if arrays > 1 {
        return Err(TypeError::arg(
            1,
            "sorting several arrays at once gives one column per array, which kql does not support",
        ));
    }
    Ok(ScalarType::Dynamic)
}

pub(super) fn sort(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let descending = name == "array_sort_desc";
    map_rows(call, |v| {
        let nulls_last = match v.get(1) {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(undocumented(name, "a null nulls_last")),
        };
        let items = array_of(name, &v[0])?;
        sorted(name, items, descending, nulls_last).map(array_value)
    })
}

/// The documented groups, in ascending order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Number,
    DateTime,
    TimeSpan,
    String,
    Guid,
}

fn group(d: &Dynamic) -> Option<Group> {
    Some(match d {
        Dynamic::Long(_) | Dynamic::Real(_) => Group::Number,
        Dynamic::DateTime(_) => Group::DateTime,
        Dynamic::TimeSpan(_) => Group::TimeSpan,
        Dynamic::String(_) => Group::String,
        Dynamic::Guid(_) => Group::Guid,
        Dynamic::Null | Dynamic::Bool(_) | Dynamic::Array(_) | Dynamic::Bag(_) => return None,
    })
}

fn sorted(
    name: &str,
    items: &[Dynamic],
    descending: bool,
    nulls_last: bool,
) -> Result<Vec<Dynamic>, EvalError> {
    let mut nulls = Vec::new();
    let mut keyed: Vec<(Group, &Dynamic)> = Vec::with_capacity(items.len());
    for item in items {
        match (item, group(item)) {
            (Dynamic::Null, _) => nulls.push(Dynamic::Null),
            (Dynamic::Real(r), _) if r.is_nan() => return Err(undocumented(name, "NaN elements")),
            (_, Some(g)) => keyed.push((g, item)),
            (_, None) => return Err(undocumented(name, "bool, array or bag elements")),
        }
    }
    let has = |g: Group| keyed.iter().any(|(k, _)| *k == g);
    let temporal = [Group::Number, Group::DateTime, Group::TimeSpan]
        .into_iter()
        .filter(|g| has(*g))
        .count();
    if temporal > 1 {
        return Err(undocumented(
            name,
            "numbers, datetimes and timespans in one array",
        ));
    }
    if keyed.iter().filter(|(g, _)| *g == Group::Guid).count() > 1 {
        return Err(undocumented(name, "several guids"));
    }
    keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| compare(a.1, b.1)));
    for pair in keyed.windows(2) {
        let (a, b) = (pair[0].1, pair[1].1);
        if compare(a, b) == Ordering::Equal && a != b {
            return Err(undocumented(
                name,
                "equal values of different types (1 and 1.0)",
            ));
        }
        if let (Dynamic::String(x), Dynamic::String(y)) = (a, b)
            && !plain_text_order(x, y)
        {
            return Err(undocumented(
                name,
                "strings whose order may depend on case or culture",
            ));
        }
    }
    let mut out: Vec<Dynamic> = keyed.into_iter().map(|(_, d)| d.clone()).collect();
    if descending {
        out.reverse();
    }
    Ok(if nulls_last {
        out.extend(nulls);
        out
    } else {
        nulls.extend(out);
        nulls
    })
}

/// Order within one group: numbers by value, strings by UTF-16 code units (.NET's
/// ordinal order), others by their value.
fn compare(a: &Dynamic, b: &Dynamic) -> Ordering {
    match (a, b) {
        (Dynamic::Long(x), Dynamic::Long(y)) => x.cmp(y),
        (Dynamic::String(x), Dynamic::String(y)) => x.encode_utf16().cmp(y.encode_utf16()),
        _ => match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            _ => a.cmp(b),
        },
    }
}

/// Text whose ordinal, case-insensitive and culture-aware orders are known to agree:
/// ASCII letters, digits, spaces and dots.
fn plain_text(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == ' ' || c == '.')
}

/// True when `x` (ordinally not after `y`) also comes strictly before `y` ignoring case,
/// so ordinal and case-insensitive sorts agree on the pair, and both are plain text.
fn plain_text_order(x: &str, y: &str) -> bool {
    if !plain_text(x) || !plain_text(y) {
        return false;
    }
    let fold = |s: &str| s.to_ascii_lowercase();
    x == y || fold(x) < fold(y)
}

#[cfg(test)]
mod tests {
    use super::super::super::dynamic::test_support::{ok, query, refused};

    #[test]
    fn documented_examples() {
        // q/array-sort-asc-function.md, example 4.
        assert_eq!(
            ok(r#"array_sort_asc(dynamic([null,"blue","yellow","green",null]))"#),
            r#"["blue","green","yellow",null,null]"#
        );
        assert_eq!(
            ok(r#"array_sort_asc(dynamic([null,"blue","yellow","green",null]), false)"#),
            r#"[null,null,"blue","green","yellow"]"#
        );
        // q/array-sort-asc-function.md, example 2.
        assert_eq!(
            ok(r#"array_sort_asc(split("John,Paul,George,Ringo", ","))"#),
            r#"["George","John","Paul","Ringo"]"#
        );
        // Conformance array-sort-desc-function-01.
        assert_eq!(
            ok(r#"array_sort_desc(split("John,Paul,Jane,Kayo", ","))"#),
            r#"["Paul","Kayo","John","Jane"]"#
        );
        assert_eq!(ok("array_sort_desc(dynamic([1,3.5,2]))"), "[3.5,2,1]");
        assert_eq!(
            ok("array_sort_desc(dynamic([1,null,2]), false)"),
            "[null,2,1]"
        );
    }

    #[test]
    fn undocumented_orders_are_refused() {
        // Several arrays give several columns in Kusto (q/array-sort-asc-function.md, example 1).
        assert!(query("print array_sort_asc(dynamic([2,1]), dynamic(['a','b']))").is_err());
        assert!(refused(r#"array_sort_asc(dynamic(["B","a"]))"#));
        assert_eq!(ok(r#"array_sort_asc(dynamic(["b","A"]))"#), r#"["A","b"]"#);
        assert!(refused(r#"array_sort_asc(dynamic(["a","A"]))"#));
        assert!(refused(r#"array_sort_asc(dynamic(["a-b","ab"]))"#));
        assert!(refused("array_sort_asc(dynamic([1,1.0]))"));
        assert!(refused("array_sort_asc(dynamic([1,true]))"));
        assert!(refused("array_sort_asc(dynamic([1,2s]))"));
        assert!(refused("array_sort_asc(dynamic([1,[2]]))"));
        assert_eq!(
            ok(r#"array_sort_asc(dynamic(["b",2,"a",1]))"#),
            r#"[1,2,"a","b"]"#
        );
    }
}
