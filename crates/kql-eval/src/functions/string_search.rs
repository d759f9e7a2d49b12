//! Regular-expression string functions: `extract`, `extract_all`, `replace_regex` (and
//! its deprecated form `replace`), `trim`, `trim_start`, `trim_end`, `countof`,
//! `regex_quote`; and `parse_csv`, `parse_path`, `parse_url`,
//! `parse_urlquery`.
//!
//! ```kql
//! print extract("x=([0-9.]+)", 1, "hello x=45.6|wo", typeof(real))   // 45.6
//! print extract_all(@"(\d+)", "a set of numbers: 123, 567 and 789") // ["123","567","789"]
//! print replace_regex("Number is 1", @'is (\d+)', @'was: \1')       // "Number was: 1"
//! print trim(@"[^\w]+", "-  Te st1// $"), countof("aaaa", "aa")     // "Te st1", 3
//! ```
//!
//! Kusto's regex dialect is that of the Rust `regex` crate (q/regex.md lists its exact
//! syntax), so patterns compile with that crate unchanged. Matches that are empty, whose
//! handling between matches is undocumented, are refused.

mod count;
mod csv;
mod extract;
mod path;
mod url;

use kql_parser::ast::ScalarType;
use regex::Regex;

use super::args::map_rows;
use super::string::{check_string, string_arg};
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

use super::entry;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    entry(
        "extract",
        (3, 4),
        extract::extract_type,
        extract::extract,
        "a capture group of the first regex match, optionally converted with typeof()",
    ),
    entry(
        "extract_all",
        (2, 3),
        extract::extract_all_type,
        extract::extract_all,
        "capture groups of every regex match, as a dynamic array",
    ),
    entry(
        "extractall",
        (2, 3),
        extract::extract_all_type,
        extract::extract_all,
        "alias of extract_all()",
    ),
    entry(
        "replace_regex",
        (3, 3),
        replace_regex_type,
        replace_regex,
        "replaces every regex match; \\1 in the rewrite is group 1",
    ),
    entry(
        "replace",
        (3, 3),
        replace_type,
        replace_regex,
        "deprecated: replace(regex, rewrite, text)",
    ),
    entry(
        "trim",
        (2, 2),
        trim_type,
        trim,
        "removes leading and trailing regex matches",
    ),
    entry(
        "trim_start",
        (2, 2),
        trim_type,
        trim,
        "removes leading regex matches",
    ),
    entry(
        "trim_end",
        (2, 2),
        trim_type,
        trim,
        "removes trailing regex matches",
    ),
    entry(
        "countof",
        (2, 3),
        count::countof_type,
        count::countof,
        "occurrences of a string (overlapping) or regex (not overlapping)",
    ),
    entry(
        "parse_csv",
        (1, 1),
        csv::parse_csv_type,
        csv::parse_csv,
        "the fields of the first CSV record, as an array",
    ),
    entry(
        "regex_quote",
        (1, 1),
        csv::regex_quote_type,
        csv::regex_quote,
        "escapes regex metacharacters",
    ),
    entry(
        "parse_path",
        (1, 1),
        path::parse_path_type,
        path::parse_path,
        "a file path's parts as a property bag",
    ),
    entry(
        "parse_url",
        (1, 1),
        url::parse_url_type,
        url::parse_url,
        "a URL's parts (Scheme, Host, Port, Path, ...) as a property bag",
    ),
    entry(
        "parse_urlquery",
        (1, 1),
        url::parse_urlquery_type,
        url::parse_urlquery,
        "a URL query's parameters as {\"Query Parameters\": {...}}",
    ),
];

/// Compiles a regex, naming the function in the error.
pub(super) fn compile(function: &str, pattern: &str) -> Result<Regex, String> {
    super::re2::compile(pattern)
        .map_err(|e| format!("{function}(): invalid regex {pattern:?}: {e}"))
}

/// The constant regex argument `i`, compiled: Kusto requires a constant here.
pub(super) fn constant_regex(
    function: &str,
    args: &[ArgInfo<'_>],
    i: usize,
) -> Result<Regex, TypeError> {
    check_string(args, i, "the regex")?;
    match args[i].literal {
        Some(Value::String(p)) => compile(function, p).map_err(|e| TypeError::arg(i, e)),
        _ => Err(TypeError::arg(
            i,
            format!("{function}(): the regex must be a constant string"),
        )),
    }
}

/// The regex of a call whose argument `i` was checked constant by its type rule.
pub(super) fn call_regex(call: &ScalarCall<'_>, i: usize) -> Result<Regex, EvalError> {
    let pattern = match call.args.get(i).and_then(|a| a.as_scalar()) {
        Some(v) => string_arg(v)?.into_owned(),
        None => {
            return Err(EvalError::Internal(format!(
                "{}: regex not constant",
                call.function.name
            )));
        }
    };
    compile(call.function.name, &pattern).map_err(EvalError::invalid)
}

pub(super) fn empty_match(function: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}(): the regex matched an empty string; how Kusto continues after an empty match is undocumented"
    ))
}

/// A `replace_regex` rewrite in the `regex` crate's syntax: `\0`..`\9` name groups
/// (q/replace-regex-function.md); `$` is literal. Other escapes are refused.
fn translate_rewrite(rewrite: &str, groups: usize) -> Result<String, String> {
    let mut out = String::with_capacity(rewrite.len() + 8);
    let mut chars = rewrite.chars();
    while let Some(c) = chars.next() {
        match c {
            '$' => out.push_str("$$"),
            '\\' => match chars.next() {
                Some(d @ '0'..='9') => {
                    let n = d as usize - '0' as usize;
                    if n >= groups {
                        return Err(format!(
                            "the rewrite refers to group {n}, which the regex lacks"
                        ));
                    }
                    out.push_str(&format!("${{{n}}}"));
                }
                other => {
                    return Err(format!(
                        "the rewrite escape \\{} is undocumented; kql refuses it",
                        other.map(String::from).unwrap_or_default()
                    ));
                }
            },
            other => out.push(other),
        }
    }
    Ok(out)
}

/// Argument positions (text, regex, rewrite) of `replace_regex` and `replace`.
fn positions(name: &str) -> (usize, usize, usize) {
    if name == "replace" {
        (2, 0, 1)
    } else {
        (0, 1, 2)
    }
}

fn check_replace(
    args: &[ArgInfo<'_>],
    (text, regex, rewrite): (usize, usize, usize),
) -> Result<ScalarType, TypeError> {
    check_string(args, text, "the text")?;
    let re = constant_regex("replace_regex", args, regex)?;
    check_string(args, rewrite, "the rewrite")?;
    match args[rewrite].literal {
        Some(Value::String(r)) => {
            translate_rewrite(r, re.captures_len()).map_err(|e| TypeError::arg(rewrite, e))?;
        }
        _ => {
            return Err(TypeError::arg(
                rewrite,
                "the rewrite must be a constant string",
            ));
        }
    }
    Ok(ScalarType::String)
}

fn replace_regex_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_replace(args, positions("replace_regex"))
}

fn replace_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_replace(args, positions("replace"))
}

/// `replace_regex(text, regex, rewrite)`: every non-overlapping match replaced.
fn replace_regex(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let (text_at, regex_at, rewrite_at) = positions(call.function.name);
    let re = call_regex(call, regex_at)?;
    let rewrite = match call.args[rewrite_at].as_scalar() {
        Some(v) => {
            translate_rewrite(&string_arg(v)?, re.captures_len()).map_err(EvalError::invalid)?
        }
        None => {
            return Err(EvalError::Internal(
                "replace_regex: rewrite not constant".into(),
            ));
        }
    };
    map_rows(call, |v| {
        let s = string_arg(&v[text_at])?;
        if re.find_iter(&s).any(|m| m.is_empty()) {
            return Err(empty_match(call.function.name));
        }
        Ok(Value::String(
            re.replace_all(&s, rewrite.as_str()).into_owned().into(),
        ))
    })
}

fn trim_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    constant_regex("trim", args, 0)?;
    check_string(args, 1, "the source")?;
    Ok(ScalarType::String)
}

/// `trim(regex, source)` and its one-sided forms (q/trim-function.md): removes the
/// longest run of regex matches at the start and/or the end.
fn trim(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let pattern = match call.args[0].as_scalar() {
        Some(v) => string_arg(v)?.into_owned(),
        None => return Err(EvalError::Internal("trim: regex not constant".into())),
    };
    let start = (name != "trim_end")
        .then(|| compile(name, &format!("^(?:{pattern})+")))
        .transpose()
        .map_err(EvalError::invalid)?;
    let end = (name != "trim_start")
        .then(|| compile(name, &format!("(?:{pattern})+$")))
        .transpose()
        .map_err(EvalError::invalid)?;
    map_rows(call, |v| {
        let s = string_arg(&v[1])?;
        let mut out: &str = &s;
        if let Some(m) = start.as_ref().and_then(|re| re.find(out)) {
            out = &out[m.end()..];
        }
        if let Some(m) = end.as_ref().and_then(|re| re.find(out)) {
            out = &out[..m.start()];
        }
        Ok(Value::String(out.into()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::string::test_util::{eval_row, refused};

    #[test]
    fn trims() {
        // q/trim-function.md; conformance trim-function-00/01, trim-end-function-02.
        assert_eq!(
            eval_row(r#"print trim("--", "--https://bing.com--")"#),
            ["https://bing.com"]
        );
        assert_eq!(
            eval_row(r#"print trim(@"[^\w]+", "-  Te st1// $")"#),
            ["Te st1"]
        );
        assert_eq!(
            eval_row(
                r#"print trim(@"\s+", "    Hello, world!    "), trim_end(@"\s+", "    Hello, world!    "), trim_start(@"\s+", "  x ")"#
            ),
            ["Hello, world!", "    Hello, world!", "x "]
        );
        assert!(refused("print trim(tostring(now()), 'x')"));
    }

    #[test]
    fn replace_regex_examples() {
        // q/replace-regex-function.md.
        assert_eq!(
            eval_row(
                r#"print replace_regex("Number is 1", @'is (\d+)', @'was: \1'), replace(@'is (\d+)', @'was: \1', "Number is 2")"#
            ),
            ["Number was: 1", "Number was: 2"]
        );
        assert_eq!(
            eval_row(r#"print replace_regex("a$b", @'\$', "$1")"#),
            ["a$1b"]
        );
        assert!(refused(r#"print replace_regex("abc", "x*", "-")"#));
        assert!(refused(r#"print replace_regex("abc", "(b)", @"\2")"#));
    }
}
