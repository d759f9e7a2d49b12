//! `parse_csv(csv_text)` and `regex_quote(string)` (q/parse-csv-function.md,
//! q/regex-quote-function.md).
//!
//! ```kql
//! print parse_csv('aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"')
//! // ["aa","b,b,b","cc","Escaping quotes: \"Title\"","line1\nline2"]
//! print regex_quote('(so$me.Te^xt)')                     // "\(so\$me\.Te\^xt\)"
//! ```

use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::compare::text;
use super::super::string::{check_string, string_arg};
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

pub(super) fn parse_csv_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the CSV text")?;
    Ok(ScalarType::Dynamic)
}

fn unsure(what: &str) -> EvalError {
    EvalError::invalid(format!(
        "parse_csv(): {what} is undocumented; kql refuses it"
    ))
}

/// The fields of the first record: commas separate fields, a field in double quotes
/// may hold commas, line feeds and `""` (a quote); a line feed outside quotes ends the
/// record. Carriage returns, stray quotes and text after a closing quote are refused.
pub(super) fn parse_csv(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        if s.is_empty() {
            return Err(unsure("empty text"));
        }
        if s.contains('\r') {
            return Err(unsure("a carriage return"));
        }
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut chars = s.chars().peekable();
        loop {
            if chars.peek() == Some(&'"') {
                chars.next();
                loop {
                    match chars.next() {
                        None => return Err(unsure("an unclosed quote")),
                        Some('"') if chars.peek() == Some(&'"') => {
                            chars.next();
                            field.push('"');
                        }
                        Some('"') => break,
                        Some(c) => field.push(c),
                    }
                }
                if !matches!(chars.peek(), None | Some(',' | '\n')) {
                    return Err(unsure("text after a closing quote"));
                }
            } else {
                while let Some(&c) = chars.peek() {
                    if c == ',' || c == '\n' {
                        break;
                    }
                    if c == '"' {
                        return Err(unsure("a quote inside an unquoted field"));
                    }
                    field.push(c);
                    chars.next();
                }
            }
            fields.push(Dynamic::String(std::mem::take(&mut field).into()));
            match chars.next() {
                Some(',') => continue,
                _ => break,
            }
        }
        Ok(Value::Dynamic(Dynamic::Array(Arc::new(fields))))
    })
}

pub(super) fn regex_quote_type(_: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    Ok(ScalarType::String)
}

/// Escapes regex metacharacters with a backslash. The characters every escaping
/// convention escapes (`\.+*?()|[]{}^$#&-~`) are escaped; other ASCII punctuation and
/// white space, which conventions disagree on, are refused.
pub(super) fn regex_quote(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = text(&v[0]);
        let mut out = String::with_capacity(s.len() * 2);
        for c in s.chars() {
            if r"\.+*?()|[]{}^$#&-~".contains(c) {
                out.push('\\');
                out.push(c);
            } else if c.is_ascii_alphanumeric() || c == '_' || !c.is_ascii() {
                out.push(c);
            } else {
                return Err(EvalError::invalid(format!(
                    "regex_quote(): kql cannot tell whether Kusto escapes {c:?}"
                )));
            }
        }
        Ok(Value::String(out.into()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::{eval_row, refused};

    #[test]
    fn examples() {
        // conformance parse-csv-function-01 and q/parse-csv-function.md.
        assert_eq!(
            eval_row(
                r#"print parse_csv('aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\nline2"')"#
            ),
            [r#"["aa","b,b,b","cc","Escaping quotes: \"Title\"","line1\nline2"]"#]
        );
        assert_eq!(
            eval_row(r#"print parse_csv('record1,a,b,c\nrecord2,x,y,z')"#),
            [r#"["record1","a","b","c"]"#]
        );
        assert!(refused(r#"print parse_csv('a"b')"#));
        // conformance regex-quote-function-00.
        assert_eq!(
            eval_row("print regex_quote('(so$me.Te^xt)')"),
            [r"\(so\$me\.Te\^xt\)"]
        );
        assert!(refused("print regex_quote('a b')"));
    }
}
