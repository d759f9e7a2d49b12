//! The basic string functions: `strcat`, `strcat_delim`, `strlen`, `string_size`,
//! `tolower`, `toupper`, `split`.
//!
//! ```kql
//! print strcat("a", 1, "|", true)          // "a1|true"
//! print strcat_delim('-', 1, '2', 'A', 1s)  // "1-2-A-00:00:01"
//! print split("aaa_bbb_ccc", "_", 1)       // ["bbb"]
//! print strlen("⒦⒰⒮⒯⒪"), string_size("⒦⒰⒮⒯⒪")   // 5 (code points), 15 (UTF-8 bytes)
//! ```

use std::sync::Arc;

use super::super::args::map_rows;
use super::super::compare::text;
use super::super::{Datum, ScalarCall};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

pub(super) fn strcat(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let mut out = String::new();
        for x in v {
            x.push_kusto_string(&mut out);
        }
        Ok(Value::String(out.into()))
    })
}

/// `strcat_delim(delimiter, a, b, ...)` (q/strcat-delim-function.md).
pub(super) fn strcat_delim(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let parts: Vec<String> = v[1..].iter().map(Value::to_kusto_string).collect();
        Ok(Value::String(parts.join(&text(&v[0])).into()))
    })
}

pub(super) fn strlen(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(Value::Long(text(&v[0]).chars().count() as i64))
    })
}

/// `string_size(s)`: bytes of UTF-8 (`string_size("⒦⒰⒮⒯⒪")` is 15,
/// q/string-size-function.md).
pub(super) fn string_size(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| Ok(Value::Long(text(&v[0]).len() as i64)))
}

/// `tolower` / `toupper`, one character at a time as .NET's invariant culture does; a
/// character whose case mapping is not one character (`ß`, `İ`) is refused.
pub(super) fn case_map(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let upper = call.function.name == "toupper";
    map_rows(call, |v| {
        let s = text(&v[0]);
        if s.is_ascii() {
            return Ok(Value::String(
                if upper {
                    s.to_ascii_uppercase()
                } else {
                    s.to_ascii_lowercase()
                }
                .into(),
            ));
        }
        let mut out = String::with_capacity(s.len());
        for c in s.chars() {
            let mut mapped = if upper {
                c.to_uppercase().collect::<Vec<char>>()
            } else {
                c.to_lowercase().collect::<Vec<char>>()
            };
            match (mapped.pop(), mapped.is_empty()) {
                (Some(m), true) => out.push(m),
                _ => {
                    return Err(EvalError::invalid(format!(
                        "{}(): kql does not support the character {c:?} (its case mapping is not one character)",
                        call.function.name
                    )));
                }
            }
        }
        Ok(Value::String(out.into()))
    })
}

/// `split(source, delimiter[, index])` (q/split-function.md). An empty delimiter and
/// a negative index are undocumented and refused.
pub(super) fn split(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let source = text(&v[0]);
        let delimiter = text(&v[1]);
        if delimiter.is_empty() {
            return Err(EvalError::invalid(
                "split(): an empty delimiter is undocumented; kql refuses it",
            ));
        }
        let parts: Vec<Dynamic> = source
            .split(delimiter.as_str())
            .map(|p| Dynamic::String(p.into()))
            .collect();
        let parts = match v.get(2) {
            None => parts,
            Some(Value::Null) => return Ok(Value::Null),
            Some(index) => match index.as_i64() {
                // "contains the requested substring at the index if it exists"
                // (q/split-function.md): an index past the end gives [].
                Some(i) if i >= 0 => usize::try_from(i)
                    .ok()
                    .and_then(|i| parts.get(i).cloned())
                    .into_iter()
                    .collect(),
                _ => {
                    return Err(EvalError::invalid(
                        "split(): a negative index is undocumented; kql refuses it",
                    ));
                }
            },
        };
        Ok(Value::Dynamic(Dynamic::Array(Arc::new(parts))))
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{eval_row, eval_types, refused};

    #[test]
    fn concatenation() {
        // q/strcat-function.md, q/strcat-delim-function.md (conformance cases).
        assert_eq!(
            eval_row(r#"print strcat("hello", " ", "world")"#),
            ["hello world"]
        );
        assert_eq!(
            eval_row("print strcat_delim('-', 1, '2', 'A', 1s)"),
            ["1-2-A-00:00:01"]
        );
        assert!(refused("print strcat_delim('-', 1)"));
    }

    #[test]
    fn sizes_and_case() {
        // q/strlen-function.md, q/string-size-function.md.
        assert_eq!(
            eval_row(r#"print strlen("⒦⒰⒮⒯⒪"), string_size("⒦⒰⒮⒯⒪"), string_size("hello")"#),
            ["5", "15", "5"]
        );
        assert_eq!(
            eval_types("print strlen('a'), string_size('a')"),
            ["long", "long"]
        );
        assert_eq!(
            eval_row(r#"print tolower("Hello ÀÉ"), toupper("hello àé")"#),
            ["hello àé", "HELLO ÀÉ"]
        );
        assert!(refused(r#"print toupper("ß")"#));
    }

    #[test]
    fn split_examples() {
        // q/split-function.md (conformance split-function-00).
        assert_eq!(
            eval_row(
                r#"print split("aa_bb", "_"), split("aaa_bbb_ccc", "_", 1), split("", "_"), split("a__b", "_"), split("aabbcc", "bb")"#
            ),
            [
                r#"["aa","bb"]"#,
                r#"["bbb"]"#,
                r#"[""]"#,
                r#"["a","","b"]"#,
                r#"["aa","cc"]"#
            ]
        );
        assert_eq!(eval_row(r#"print split("a_b", "_", 5)"#), ["[]"]);
        assert!(refused(r#"print split("a_b", "_", -1)"#));
        // A regex from a `let` is a constant too.
        assert_eq!(
            eval_row(r#"let re = @"(\d+)"; print extract_all(re, "a 12 b 3")"#),
            [r#"["12","3"]"#]
        );
    }
}
