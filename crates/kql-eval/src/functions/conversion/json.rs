//! `parse_json(text)`: JSON text to a dynamic value (q/parse-json-function.md).
//!
//! ```kql
//! print parse_json('{"a":[1,2.5]}'), parse_json('hello'), parse_json('')   // {...}, "hello", null
//! ```
//!
//! Valid JSON parses (integers to `long`, other numbers to `real`). Text that is not
//! JSON is returned as a dynamic string, as the docs say. Kusto's parser is more lenient
//! than strict JSON (single quotes, `NaN`, comments), so text that fails strict parsing
//! but might be read by a lenient one (anything starting like JSON) is refused.

use crate::exec::EvalError;
use crate::value::Dynamic;

pub(super) fn parse_json(text: &str) -> Result<Dynamic, EvalError> {
    if text.is_empty() {
        return Ok(Dynamic::Null);
    }
    match Dynamic::parse_json(text) {
        Ok(d) => Ok(d),
        Err(e) if could_be_lenient_json(text) || e.message.contains("recursion") => {
            Err(EvalError::invalid(format!(
                "parse_json: kql cannot tell how Kusto reads this almost-JSON text ({e}): {}",
                preview(text)
            )))
        }
        Err(_) => Ok(Dynamic::string(text)),
    }
}

/// Text a lenient JSON reader might accept: it starts (after white space) with a
/// JSON-ish character or a literal word, or is white space only.
fn could_be_lenient_json(text: &str) -> bool {
    let t = text.trim_start();
    let Some(first) = t.chars().next() else {
        return true;
    };
    if matches!(
        first,
        '{' | '[' | '"' | '\'' | '-' | '+' | '.' | '/' | '0'..='9'
    ) {
        return true;
    }
    let lower: String = t.chars().take(9).collect::<String>().to_ascii_lowercase();
    [
        "true",
        "false",
        "null",
        "nan",
        "infinity",
        "undefined",
        "new ",
    ]
    .iter()
    .any(|w| lower.starts_with(w))
}

fn preview(text: &str) -> String {
    let p: String = text.chars().take(40).collect();
    if p.len() < text.len() {
        format!("{p}...")
    } else {
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_not_json() {
        assert_eq!(parse_json("123").ok(), Some(Dynamic::Long(123)));
        assert_eq!(parse_json("").ok(), Some(Dynamic::Null));
        // q/parse-json-function.md: text that isn't JSON is kept as a string.
        assert_eq!(
            parse_json("hello world").ok(),
            Some(Dynamic::string("hello world"))
        );
        assert!(parse_json("{'a': 1}").is_err());
        assert!(parse_json("NaN").is_err());
        assert!(parse_json("  ").is_err());
    }
}
