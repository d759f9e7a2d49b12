//! `has_ipv4`, `has_ipv4_prefix`, `has_any_ipv4`, `has_any_ipv4_prefix`: IPv4
//! addresses in free text, delimited by non-alphanumeric characters
//! (q/has-ipv4-function.md, q/has-ipv4-prefix-function.md).
//!
//! ```kql
//! print has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1')      // true
//! print has_ipv4('05:04:54127.0.0.1 GET /favicon.ico 404', '127.0.0.1')       // false
//! print has_ipv4_prefix('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0')   // false
//! ```
//!
//! The text is read as runs of digits and dots between non-alphanumeric characters
//! (a trailing or leading `.` is punctuation). A run of more than four numbers, or one
//! with zero-padded octets, that would match is refused: how Kusto splits it is not
//! documented **[U]**.

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{parse_octets, text_list};
use crate::exec::EvalError;
use crate::value::Value;

pub(super) fn has_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if args[0].ty != ScalarType::String {
        return Err(TypeError::arg(
            0,
            format!("expected a string, got {}", args[0].ty),
        ));
    }
    if args.len() == 2 && args[1].ty == ScalarType::Dynamic {
        return Ok(ScalarType::Bool);
    }
    for (i, a) in args.iter().enumerate().skip(1) {
        if a.ty != ScalarType::String {
            return Err(TypeError::arg(
                i,
                format!("expected a string, got {}", a.ty),
            ));
        }
    }
    Ok(ScalarType::Bool)
}

/// A search term: the leading octets to match (all four for an address).
/// Anything else, `'127.0'` included, is no valid term (q/has-ipv4-prefix-function.md).
fn parse_term(term: &str, prefix: bool) -> Result<Option<Vec<u8>>, EvalError> {
    if term.split('.').count() == 4 {
        return Ok(parse_octets(term)?.map(|full| full.to_be_bytes().to_vec()));
    }
    let Some(body) = term.strip_suffix('.').filter(|_| prefix) else {
        return Ok(None);
    };
    let parts: Vec<&str> = body.split('.').collect();
    if parts.len() > 3 {
        return Ok(None);
    }
    let mut octets = Vec::new();
    for p in parts {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(None);
        }
        if p.len() > 1 && p.starts_with('0') {
            return Err(EvalError::invalid(format!(
                "'{term}': how Kusto reads zero-padded octets is not documented"
            )));
        }
        match p.parse::<u8>() {
            Ok(o) => octets.push(o),
            Err(_) => return Ok(None),
        }
    }
    Ok(Some(octets))
}

/// The delimited runs of digits and dots in `text`, outer dots trimmed.
fn runs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut prev_alnum = false;
    let mut run_ok = false;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let in_run = c.is_ascii_digit() || c == '.';
        match (start, in_run) {
            (None, true) => {
                start = Some(i);
                run_ok = !prev_alnum;
            }
            (Some(s), false) => {
                if run_ok && !c.is_alphanumeric() {
                    out.push(text[s..i].trim_matches('.'));
                }
                start = None;
            }
            _ => {}
        }
        prev_alnum = c.is_alphanumeric();
    }
    out
}

/// Whether any delimited address in `text` starts with one of the terms.
fn text_has(text: &str, terms: &[Vec<u8>]) -> Result<bool, EvalError> {
    let matches = |octets: &[u8]| terms.iter().any(|t| octets.starts_with(t));
    for run in runs(text) {
        let parts: Vec<&str> = run.split('.').collect();
        let numbers: Option<Vec<u8>> = parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 3)
                    .then(|| p.parse::<u8>().ok())
                    .flatten()
            })
            .collect();
        let Some(numbers) = numbers else { continue };
        if numbers.len() < 4 {
            continue;
        }
        let padded = parts.iter().any(|p| p.len() > 1 && p.starts_with('0'));
        if numbers.len() == 4 && !padded {
            if matches(&numbers) {
                return Ok(true);
            }
        } else if numbers.windows(4).any(matches) {
            return Err(EvalError::invalid(format!(
                "'{run}' in the text: how Kusto splits it into IPv4 addresses is not documented"
            )));
        }
    }
    Ok(false)
}

pub(super) fn has(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let prefix = call.function.name.ends_with("_prefix");
    map_rows(call, |v| {
        let mut terms = Vec::new();
        for t in text_list(&v[1..]) {
            if let Some(octets) = parse_term(&t, prefix)? {
                terms.push(octets);
            }
        }
        if terms.is_empty() {
            return Ok(Value::Bool(false));
        }
        Ok(Value::Bool(text_has(v[0].as_str().unwrap_or(""), &terms)?))
    })
}
