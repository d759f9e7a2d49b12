//! `countof(source, search[, kind])` (q/countof-function.md).
//!
//! ```kql
//! print countof("aaaa", "aa"), countof("ababa", "aba", "regex")   // 3, 1
//! ```

use std::borrow::Cow;

use kql_parser::ast::ScalarType;
use regex::Regex;

use super::super::args::map_rows;
use super::super::string::{check_string, string_arg};
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{compile, empty_match};
use crate::exec::EvalError;
use crate::value::Value;

pub(super) fn countof_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the source")?;
    check_string(args, 1, "the search")?;
    if let Some(kind) = args.get(2) {
        match kind.literal {
            Some(Value::String(k)) if matches!(&**k, "normal" | "regex") => {}
            _ => {
                return Err(TypeError::arg(
                    2,
                    "the kind must be the literal \"normal\" or \"regex\"",
                ));
            }
        }
        if matches!(kind.literal, Some(Value::String(k)) if &**k == "regex")
            && let Some(Value::String(p)) = args[1].literal
        {
            compile("countof", p).map_err(|e| TypeError::arg(1, e))?;
        }
    }
    Ok(ScalarType::Long)
}

/// `countof(source, search[, kind])` (q/countof-function.md): plain matches may
/// overlap (`countof("aaaa", "aa")` is 3); regex matches don't.
pub(super) fn countof(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let regex_kind = matches!(call.args.get(2).and_then(|a| a.as_scalar()), Some(Value::String(k)) if &**k == "regex");
    let constant = match (regex_kind, call.args[1].as_scalar()) {
        (true, Some(p)) => Some(compile("countof", &string_arg(p)?).map_err(EvalError::invalid)?),
        _ => None,
    };
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        let search = string_arg(&v[1])?;
        if search.is_empty() {
            return Err(EvalError::invalid(
                "countof(): an empty search is undocumented; kql refuses it",
            ));
        }
        let n = if regex_kind {
            let re: Cow<'_, Regex> = match &constant {
                Some(re) => Cow::Borrowed(re),
                None => Cow::Owned(compile("countof", &search).map_err(EvalError::invalid)?),
            };
            let mut n = 0;
            for m in re.find_iter(&s) {
                if m.is_empty() {
                    return Err(empty_match("countof"));
                }
                n += 1;
            }
            n
        } else {
            s.char_indices()
                .filter(|(i, _)| s[*i..].starts_with(&*search))
                .count() as i64
        };
        Ok(Value::Long(n))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::eval_row;

    #[test]
    fn countof_examples() {
        // q/countof-function.md.
        assert_eq!(
            eval_row(
                r#"print countof("aaa", "a"), countof("aaaa", "aa"), countof("ababa", "ab", "normal"), countof("ababa", "aba"), countof("ababa", "aba", "regex"), countof("abcabc", "a.c", "regex")"#
            ),
            ["3", "3", "2", "2", "1", "2"]
        );
    }
}
