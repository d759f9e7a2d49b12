//! String literal text to its value: quotes removed, escapes resolved.
//!
//! ```kql
//! "tab\there"  'it\'s'  @"C:\dir"  @'it''s'  h"secret"  ```multi
//! line```
//! ```

use std::fmt::Write;

/// An invalid escape at `start..end` of the literal's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BadEscape {
    pub start: usize,
    pub end: usize,
}

/// Decodes the text of one string token (as the lexer delimited it) into its value and
/// whether it was obfuscated (`h"..."`). `None` when an escape is invalid.
pub fn decode_string(text: &str) -> Option<(String, bool)> {
    decode(text).ok()
}

pub(crate) fn decode(text: &str) -> Result<(String, bool), BadEscape> {
    let (obfuscated, offset) = match text.as_bytes().first() {
        Some(b'h' | b'H') => (true, 1),
        _ => (false, 0),
    };
    let body = &text[offset..];
    let value = if let Some(rest) = body.strip_prefix('@') {
        let quote = &rest[..1];
        let inner = &rest[1..rest.len() - 1];
        inner.replace(&format!("{quote}{quote}"), quote)
    } else if body.starts_with("```") || body.starts_with("~~~") {
        body[3..body.len() - 3].to_string()
    } else {
        unescape(&body[1..body.len() - 1]).map_err(|e| BadEscape {
            start: e.start + offset + 1,
            end: e.end + offset + 1,
        })?
    };
    Ok((value, obfuscated))
}

/// Resolves backslash escapes: `\t \n \r \\ \' \" \a \b \f \v`, `\xHH`, `\uXXXX`
/// (surrogate pairs combined), `\UXXXXXXXX` and octal `\ooo`.
fn unescape(s: &str) -> Result<String, BadEscape> {
    if !s.contains('\\') {
        return Ok(s.to_string());
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    let mut plain_from = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&s[plain_from..i]);
        let start = i;
        let bad = |end: usize| BadEscape {
            start,
            end: end.min(bytes.len()),
        };
        let Some(&c) = bytes.get(i + 1) else {
            return Err(bad(i + 1));
        };
        i += 2;
        let simple = match c {
            b'n' => Some('\n'),
            b't' => Some('\t'),
            b'r' => Some('\r'),
            b'\\' => Some('\\'),
            b'\'' => Some('\''),
            b'"' => Some('"'),
            b'a' => Some('\u{7}'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'v' => Some('\u{b}'),
            _ => None,
        };
        if let Some(ch) = simple {
            out.push(ch);
        } else {
            let (digits, radix) = match c {
                b'x' => (2, 16),
                b'u' => (4, 16),
                b'U' => (8, 16),
                b'0'..=b'7' => {
                    i -= 1;
                    let n = bytes[i..]
                        .iter()
                        .take(3)
                        .take_while(|b| (b'0'..=b'7').contains(b))
                        .count();
                    (n, 8)
                }
                _ => {
                    return Err(bad(start
                        + 1
                        + s[start + 1..].chars().next().map_or(0, char::len_utf8)));
                }
            };
            let text = s.get(i..i + digits).ok_or(bad(i + digits))?;
            let code = u32::from_str_radix(text, radix).map_err(|_| bad(i + digits))?;
            i += digits;
            let ch = if (0xD800..0xDC00).contains(&code) {
                // A high surrogate must be followed by `\u` and a low one.
                let low = s
                    .get(i..i + 6)
                    .filter(|t| t.starts_with("\\u"))
                    .and_then(|t| u32::from_str_radix(&t[2..], 16).ok())
                    .filter(|l| (0xDC00..0xE000).contains(l))
                    .ok_or(bad(i))?;
                i += 6;
                char::from_u32(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00))
            } else {
                char::from_u32(code)
            };
            out.push(ch.ok_or(bad(i))?);
        }
        plain_from = i;
    }
    out.push_str(&s[plain_from..]);
    Ok(out)
}

/// A double-quoted KQL literal for `value`, escaping what must be escaped.
pub fn escape_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> String {
        decode(text).unwrap().0
    }

    #[test]
    fn every_form_decodes() {
        assert_eq!(value(r#""a\tb\"c""#), "a\tb\"c");
        assert_eq!(value(r"'it\'s'"), "it's");
        assert_eq!(value(r#"@"C:\dir""#), r"C:\dir");
        assert_eq!(value("@'it''s'"), "it's");
        assert_eq!(
            decode(r#"h"secret""#).unwrap(),
            ("secret".to_string(), true)
        );
        assert_eq!(decode(r#"H@"C:\x""#).unwrap(), (r"C:\x".to_string(), true));
        assert_eq!(value("```a\nb```"), "a\nb");
        assert_eq!(value(r#""\u00e9\x41\101""#), "éAA");
        assert_eq!(value(r#""\ud83d\ude00""#), "😀");
    }

    #[test]
    fn bad_escapes_have_spans() {
        assert_eq!(decode(r#""a\qb""#), Err(BadEscape { start: 2, end: 4 }));
        assert_eq!(decode(r#"h"\u12""#), Err(BadEscape { start: 2, end: 6 }));
    }

    #[test]
    fn escaping_round_trips() {
        for s in [
            "plain",
            "quote\" back\\slash",
            "line\nfeed\ttab",
            "bell\u{7}",
            "é😀",
        ] {
            assert_eq!(value(&escape_string(s)), s);
        }
    }
}
