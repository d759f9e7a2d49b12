//! `url_encode`, `url_encode_component`, `url_decode` (q/url-encode-function.md,
//! q/url-encode-component-function.md, q/url-decode-function.md).
//!
//! ```kql
//! print url_encode('https://www.bing.com/hello world')   // "https%3a%2f%2fwww.bing.com%2fhello+world"
//! print url_decode('https%3a%2f%2fwww.bing.com%2f')       // "https://www.bing.com/"
//! ```

use super::super::args::map_rows;
use super::super::string::string_arg;
use super::super::{Datum, ScalarCall};
use crate::exec::EvalError;
use crate::value::Value;

/// Characters .NET's `HttpUtility.UrlEncode` leaves as they are.
fn url_safe(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'!' | b'*' | b'(' | b')')
}

/// `url_encode` (q/url-encode-function.md): UTF-8 bytes as lower-case `%xx`, space as
/// `+`. `url_encode_component` writes space as `%20` (conformance
/// `url-encode-component-function-00`); what it does with `!*()'~` is not shown, so
/// those are refused there, and `'` (which .NET versions treat differently) in both.
pub(super) fn url_encode(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let component = call.function.name == "url_encode_component";
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        let unsure = if component { "!*()'~" } else { "'" };
        if s.contains(|c| unsure.contains(c)) {
            return Err(EvalError::invalid(format!(
                "{}(): kql cannot tell how Kusto encodes the characters {unsure}",
                call.function.name
            )));
        }
        let mut out = String::with_capacity(s.len() * 3);
        for b in s.bytes() {
            match b {
                b' ' if !component => out.push('+'),
                b if url_safe(b) => out.push(char::from(b)),
                b => out.push_str(&format!("%{b:02x}")),
            }
        }
        Ok(Value::String(out.into()))
    })
}

/// `url_decode` (q/url-decode-function.md): `%xx` escapes of UTF-8. `+`, `%u` escapes,
/// malformed escapes and invalid UTF-8 are refused: the docs do not say what they give.
pub(super) fn url_decode(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        let unsure = || {
            EvalError::invalid(format!(
                "url_decode(): kql cannot tell how Kusto decodes {s:?}"
            ))
        };
        let bytes = s.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'%' => {
                    let hex = bytes.get(i + 1..i + 3).ok_or_else(unsure)?;
                    let hex = std::str::from_utf8(hex).map_err(|_| unsure())?;
                    out.push(u8::from_str_radix(hex, 16).map_err(|_| unsure())?);
                    i += 3;
                }
                b'+' => return Err(unsure()),
                b => {
                    out.push(b);
                    i += 1;
                }
            }
        }
        Ok(Value::String(
            String::from_utf8(out).map_err(|_| unsure())?.into(),
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::{eval_row, refused};

    #[test]
    fn urls() {
        // conformance url-encode-function-00, url-encode-component-function-00;
        // q/url-decode-function.md.
        assert_eq!(
            eval_row(
                "print url_encode('https://www.bing.com/hello world'), url_encode_component('https://www.bing.com/hello world/')"
            ),
            [
                "https%3a%2f%2fwww.bing.com%2fhello+world",
                "https%3a%2f%2fwww.bing.com%2fhello%20world%2f"
            ]
        );
        assert_eq!(
            eval_row("print url_decode('https%3a%2f%2fwww.bing.com%2f')"),
            ["https://www.bing.com/"]
        );
        assert!(refused("print url_decode('a+b')"));
        assert!(refused("print url_decode('%zz')"));
    }
}
