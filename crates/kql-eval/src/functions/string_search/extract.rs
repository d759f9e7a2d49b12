//! `extract` and `extract_all` (q/extract-function.md, q/extract-all-function.md).
//!
//! ```kql
//! print extract(@"-(\d{2})-", 1, "15-12-2024", typeof(int))          // 12
//! print extract_all(@"(\w)(\w+)(\w)", dynamic([1,3]), "82b8be2d-dfa7") // [["8","d"],["d","7"]]
//! ```

use std::sync::Arc;

use kql_parser::ast::ScalarType;
use regex::Regex;

use super::super::args::map_rows;
use super::super::conversion::{convert_value, supported};
use super::super::string::{check_string, string_arg};
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{call_regex, constant_regex, empty_match};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

/// `extract(regex, captureGroup, source[, typeof(T)])`: a string, or `T`.
pub(super) fn extract_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let re = constant_regex("extract", args, 0)?;
    if !matches!(
        args[1].ty,
        ScalarType::Int | ScalarType::Long | ScalarType::Dynamic
    ) {
        return Err(TypeError::arg(
            1,
            "the capture group must be a whole number",
        ));
    }
    if let Some(group) = args[1].literal.and_then(Value::as_i64)
        && !(0..re.captures_len() as i64).contains(&group)
    {
        return Err(TypeError::arg(
            1,
            format!("the regex has no capture group {group}"),
        ));
    }
    check_string(args, 2, "the source")?;
    let Some(type_arg) = args.get(3) else {
        return Ok(ScalarType::String);
    };
    match type_arg.type_of {
        Some(ScalarType::Dynamic) => Err(TypeError::arg(
            3,
            "kql does not support extract() to dynamic",
        )),
        Some(t) if supported(ScalarType::String, t) => Ok(t),
        Some(t) => Err(TypeError::arg(
            3,
            format!("kql does not support extract() to {t}"),
        )),
        None => Err(TypeError::arg(3, "the last argument must be typeof(T)")),
    }
}

pub(super) fn extract(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let re = call_regex(call, 0)?;
    let out = call.out;
    map_rows(call, |v| {
        let Some(group) = v[1].as_i64() else {
            return Ok(Value::Null);
        };
        let group = usize::try_from(group)
            .ok()
            .filter(|g| *g < re.captures_len())
            .ok_or_else(|| {
                EvalError::invalid(format!("extract(): the regex has no capture group {group}"))
            })?;
        let s = string_arg(&v[2])?;
        let Some(caps) = re.captures(&s) else {
            return Ok(Value::Null);
        };
        let found = caps.get(group).map_or("", |m| m.as_str());
        if out == ScalarType::String {
            return Ok(Value::string(found));
        }
        convert_value("extract", &Value::string(found), out)
    })
}

/// `extract_all(regex, [captureGroups,] source)`: the regex needs 1 to 16 groups.
pub(super) fn extract_all_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    let re = constant_regex("extract_all", args, 0)?;
    let groups = re.captures_len() - 1;
    if !(1..=16).contains(&groups) {
        return Err(TypeError::arg(
            0,
            "extract_all() needs a regex with 1 to 16 capture groups",
        ));
    }
    if args.len() == 3 && args[1].ty != ScalarType::Dynamic {
        return Err(TypeError::arg(
            1,
            "the capture groups must be a dynamic array",
        ));
    }
    check_string(args, args.len() - 1, "the source")?;
    Ok(ScalarType::Dynamic)
}

/// The group indexes a `captureGroups` array selects: numbers from 1, or names.
fn selected_groups(re: &Regex, selection: &Value) -> Result<Vec<usize>, EvalError> {
    let bad = || {
        EvalError::invalid("extract_all(): captureGroups must list group numbers (from 1) or names")
    };
    let items = selection
        .as_dynamic()
        .and_then(Dynamic::as_array)
        .ok_or_else(bad)?;
    if items.is_empty() {
        return Err(bad());
    }
    items
        .iter()
        .map(|item| match item {
            Dynamic::Long(n) => usize::try_from(*n)
                .ok()
                .filter(|n| (1..re.captures_len()).contains(n))
                .ok_or_else(bad),
            Dynamic::String(name) => re
                .capture_names()
                .position(|n| n == Some(&**name))
                .ok_or_else(bad),
            _ => Err(bad()),
        })
        .collect()
}

pub(super) fn extract_all(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let re = call_regex(call, 0)?;
    let source_at = call.args.len() - 1;
    map_rows(call, |v| {
        let groups = if v.len() == 3 {
            selected_groups(&re, &v[1])?
        } else {
            (1..re.captures_len()).collect()
        };
        let s = string_arg(&v[source_at])?;
        let mut matches = Vec::new();
        for caps in re.captures_iter(&s) {
            if caps.get(0).is_some_and(|m| m.is_empty()) {
                return Err(empty_match("extract_all"));
            }
            let mut values = Vec::with_capacity(groups.len());
            for &g in &groups {
                let Some(m) = caps.get(g) else {
                    return Err(EvalError::invalid(
                        "extract_all(): a capture group that took no part in a match is undocumented; kql refuses it",
                    ));
                };
                values.push(Dynamic::string(m.as_str()));
            }
            matches.push(if groups.len() == 1 {
                values.pop().unwrap_or_default()
            } else {
                Dynamic::Array(Arc::new(values))
            });
        }
        if matches.is_empty() {
            return Ok(Value::Dynamic(Dynamic::Null));
        }
        Ok(Value::Dynamic(Dynamic::Array(Arc::new(matches))))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::{eval, eval_row, eval_types, refused};

    #[test]
    fn extract_examples() {
        // conformance extract-function-00 (q/extract-function.md).
        let q = r#"datatable(Text: string)["User: James, Email: James@example.com, Age: 29", "User: David, Age: 35"]
            | extend UserName = extract("User: ([^,]+)", 1, Text), EmailId = extract(@"Email: (\S+),", 1, Text), Age = extract(@"\d+", 0, Text)"#;
        let rows = eval(q).unwrap_or_default();
        assert_eq!(rows[1][1..], ["James", "James@example.com", "29"]);
        assert_eq!(rows[2][1..], ["David", "", "35"]);
        // conformance extract-function-01: typeof(int).
        let q = r#"print extract(@"-(\d{2})-", 1, "21-07-2023", typeof(int))"#;
        assert_eq!(eval_row(q), ["7"]);
        assert_eq!(eval_types(q), ["int"]);
        assert_eq!(
            eval_row(r#"print isnull(extract("x(\\d)", 1, "abc", typeof(long)))"#),
            ["true"]
        );
        assert!(refused(r#"print extract("(a)", 2, "a")"#));
    }

    #[test]
    fn extract_all_examples() {
        // conformance extract-all-function-00/01/02/04 (q/extract-all-function.md).
        assert_eq!(
            eval_row(r#"print extract_all(@"(\d+)", "a set of numbers: 123, 567 and 789")"#),
            [r#"["123","567","789"]"#]
        );
        let id = "82b8be2d-dfa7-4bd1-8f63-24ad26d31449";
        assert_eq!(
            eval_row(&format!(r#"print extract_all(@"(\w)(\w+)(\w)", "{id}")"#)),
            [
                r#"[["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]]"#
            ]
        );
        assert_eq!(
            eval_row(&format!(
                r#"print extract_all(@"(\w)(\w+)(\w)", dynamic([1,3]), "{id}")"#
            )),
            [r#"[["8","d"],["d","7"],["4","1"],["8","3"],["2","9"]]"#]
        );
        assert_eq!(
            eval_row(&format!(
                r#"print extract_all(@"(?P<first>\w)(?P<middle>\w+)(?P<last>\w)", dynamic(['first',2,'last']), "{id}")"#
            )),
            [
                r#"[["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]]"#
            ]
        );
        assert_eq!(
            eval_row(r#"print isnull(extract_all(@"(\d)", "abc"))"#),
            ["true"]
        );
        assert!(refused(r#"print extract_all(@"\d", "abc")"#));
    }
}
