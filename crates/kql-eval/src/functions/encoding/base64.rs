//! Base64 functions: `base64_encode_tostring`, `base64_decode_tostring`,
//! `base64_decode_toarray`, `base64_encode_fromarray`, `base64_decode_toguid`,
//! `base64_encode_fromguid`, and `gzip_decompress_from_base64_string` for invalid input.
//!
//! ```kql
//! print base64_encode_tostring("Kusto"), base64_decode_tostring("S3VzdG8=")   // "S3VzdG8=", "Kusto"
//! print base64_decode_toarray("S3VzdG8="), base64_decode_toguid("JpbpECu8dUy7Pv5gbeJXAA==")
//! ```
//!
//! Decoding is strict, like .NET's `Convert.FromBase64String`: the standard alphabet,
//! `=` padding to a multiple of 4. Invalid text decodes to null (the docs' examples:
//! `base64_decode_toguid("abcd1231")` is null, and an unpadded string does not decode).
//! White space and non-zero padding bits, which .NET may tolerate, are refused.

use std::sync::Arc;

use super::super::args::map_rows;
use super::super::string::string_arg;
use super::super::{Datum, ScalarCall};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

pub(super) fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn sextet(c: u8) -> Option<u32> {
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

/// Decodes standard padded base64: `Ok(None)` for invalid text, `Err` for the grey
/// zone (white space, non-zero padding bits).
pub(super) fn decode(function: &str, text: &str) -> Result<Option<Vec<u8>>, EvalError> {
    let unsure = || {
        EvalError::invalid(format!(
            "{function}(): kql cannot tell how Kusto decodes {text:?}"
        ))
    };
    if text.bytes().any(|b| b.is_ascii_whitespace()) {
        return Err(unsure());
    }
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return Ok(None);
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (i, chunk) in bytes.chunks(4).enumerate() {
        let last = i + 1 == bytes.len() / 4;
        let pad = chunk.iter().rev().take_while(|&&b| b == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return Ok(None);
        }
        let mut n: u32 = 0;
        for &c in &chunk[..4 - pad] {
            let Some(v) = sextet(c) else {
                return Ok(None);
            };
            n = (n << 6) | v;
        }
        n <<= 6 * pad as u32;
        let produced = 3 - pad;
        let leftover_bits = n & ((1 << (8 * pad)) - 1);
        if leftover_bits != 0 {
            return Err(unsure());
        }
        out.extend(n.to_be_bytes()[1..1 + produced].iter());
    }
    Ok(Some(out))
}

/// The 16 bytes of a guid in .NET's `Guid.ToByteArray()` order (the first three fields
/// little-endian), as q/base64-encode-fromguid-function.md's example shows.
fn guid_bytes(g: u128) -> [u8; 16] {
    let mut b = g.to_be_bytes();
    b[0..4].reverse();
    b[4..6].reverse();
    b[6..8].reverse();
    b
}

pub(super) fn encode_tostring(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(Value::String(encode(string_arg(&v[0])?.as_bytes()).into()))
    })
}

pub(super) fn decode_tostring(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let bytes = decode(name, &string_arg(&v[0])?)?;
        // Invalid base64 and invalid UTF-8 both give null, which is "" for a string.
        let s = bytes
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        Ok(Value::String(s.into()))
    })
}

pub(super) fn decode_toarray(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let text = string_arg(&v[0])?;
        if text.is_empty() {
            return Err(EvalError::invalid(
                "base64_decode_toarray(\"\") is undocumented; kql refuses it",
            ));
        }
        Ok(Value::Dynamic(
            match decode("base64_decode_toarray", &text)? {
                Some(bytes) => Dynamic::Array(Arc::new(
                    bytes
                        .into_iter()
                        .map(|b| Dynamic::Long(i64::from(b)))
                        .collect(),
                )),
                None => Dynamic::Null,
            },
        ))
    })
}

pub(super) fn encode_fromarray(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let items = match &v[0] {
            Value::Null | Value::Dynamic(Dynamic::Null) => return Ok(Value::string("")),
            Value::Dynamic(Dynamic::Array(items)) => items,
            _ => {
                return Err(EvalError::invalid(
                    "base64_encode_fromarray() needs an array of bytes",
                ));
            }
        };
        let bytes = items
            .iter()
            .map(|d| d.as_i64().and_then(|n| u8::try_from(n).ok()))
            .collect::<Option<Vec<u8>>>()
            .ok_or_else(|| EvalError::invalid("base64_encode_fromarray(): elements that are not bytes (0 to 255) are undocumented; kql refuses them"))?;
        Ok(Value::String(encode(&bytes).into()))
    })
}

/// `base64_decode_toguid(s)`: invalid base64, or not 16 bytes, gives null. A valid
/// guid is refused: the page's example (`JpbpECu8dUy7Pv5gbeJXAA==` is
/// `10e99626-bc2b-754c-...`) contradicts .NET's byte order, which
/// `base64_encode_fromguid`'s example follows, so Kusto's order is unknown.
pub(super) fn decode_toguid(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        match decode("base64_decode_toguid", &string_arg(&v[0])?)? {
            Some(b) if b.len() == 16 => Err(EvalError::invalid(
                "base64_decode_toguid(): the docs disagree on the byte order of the result; kql refuses it",
            )),
            _ => Ok(Value::Null),
        }
    })
}

pub(super) fn encode_fromguid(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(match &v[0] {
            Value::Guid(g) => Value::String(encode(&guid_bytes(*g)).into()),
            _ => Value::string(""),
        })
    })
}

/// `gzip_decompress_from_base64_string(s)`: only text that is not base64 is supported
/// (it gives `""`, conformance `gzip-base64-decompress-01`); kql has no inflater.
pub(super) fn gzip_decompress(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        match decode("gzip_decompress_from_base64_string", &string_arg(&v[0])?)? {
            None => Ok(Value::string("")),
            Some(_) => Err(EvalError::invalid(
                "gzip_decompress_from_base64_string(): kql does not decompress gzip data",
            )),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::{eval_row, refused};
    use super::*;

    #[test]
    fn round_trips() {
        assert_eq!(encode(b"Kusto"), "S3VzdG8=");
        assert_eq!(encode(b""), "");
        assert_eq!(encode(b"ab"), "YWI=");
        assert_eq!(
            decode("t", "S3VzdG8=").ok().flatten(),
            Some(b"Kusto".to_vec())
        );
        assert_eq!(decode("t", "YWI=").ok().flatten(), Some(b"ab".to_vec()));
        assert_eq!(decode("t", "S3VzdG8").ok(), Some(None));
        assert_eq!(decode("t", "x0x0x0").ok(), Some(None));
        assert!(decode("t", "S3Vz dG8=").is_err());
        assert!(decode("t", "YWJ=").is_err());
    }

    #[test]
    fn doc_examples() {
        // q/base64-*-function.md and the conformance cases.
        assert_eq!(
            eval_row(
                r#"print base64_encode_tostring("Kusto"), base64_decode_tostring("S3VzdG8=")"#
            ),
            ["S3VzdG8=", "Kusto"]
        );
        assert_eq!(
            eval_row(r#"print base64_decode_tostring("U3RyaW5n0KHR0tGA0L7Rh9C60LA=")"#),
            [""]
        );
        assert_eq!(
            eval_row(r#"print base64_decode_toarray("S3VzdG8=")"#),
            ["[75,117,115,116,111]"]
        );
        assert_eq!(
            eval_row(r#"print isnull(base64_decode_toguid("abcd1231"))"#),
            ["true"]
        );
        assert!(refused(
            r#"print base64_decode_toguid("JpbpECu8dUy7Pv5gbeJXAA==")"#
        ));
        // q/base64-encode-fromguid-function.md.
        assert_eq!(
            eval_row(
                r#"print base64_encode_fromguid(toguid("ae3133f2-6e22-49ae-b06a-16e6a9b212eb"))"#
            ),
            ["8jMxriJurkmwahbmqbIS6w=="]
        );
        assert_eq!(
            eval_row(
                r#"let b = toscalar(print base64_decode_toarray("S3VzdG8=")); print base64_encode_fromarray(b)"#
            ),
            ["S3VzdG8="]
        );
        assert_eq!(
            eval_row(
                r#"let b = toscalar(print base64_decode_toarray("U3RyaW5n0KHR0tGA0L7Rh9C60LA")); print base64_encode_fromarray(b)"#
            ),
            [""]
        );
        assert_eq!(
            eval_row(r#"print gzip_decompress_from_base64_string("x0x0x0")"#),
            [""]
        );
        assert!(refused(
            r#"print gzip_decompress_from_base64_string("S3VzdG8=")"#
        ));
    }
}
