//! Encodings and hashes: base64 (in `base64`), punycode (in `punycode`), `url_encode`,
//! `url_encode_component`, `url_decode`, `hash`/`hash_xxhash64`, `hash_md5`,
//! `hash_sha1`, `hash_sha256`.
//!
//! ```kql
//! print url_encode('https://www.bing.com/hello world')   // "https%3a%2f%2fwww.bing.com%2fhello+world"
//! print url_decode('https%3a%2f%2fwww.bing.com%2f')       // "https://www.bing.com/"
//! print hash("World"), hash("World", 100)                 // 1846988464401551951, 51
//! print hash_md5("World")                                 // "f5a7924e621e84c9280a9a27e1bcb7f6"
//! ```
//!
//! The hashes are checked against the docs' examples: `hash` is XXH64 (seed 0) of the
//! UTF-8 bytes of a string or the 8 little-endian bytes of a datetime's ticks; the
//! cryptographic hashes digest the UTF-8 of the value's text (`hash_md5(datetime(2020-01-01))`
//! hashes `2020-01-01T00:00:00.0000000Z`). Other argument types are refused.

mod base64;
mod punycode;
mod url;

use kql_parser::ast::ScalarType;
use md5::Md5;
use sha1::Sha1;
use sha2::{Digest, Sha256};

use super::args::map_rows;
use super::string::{check_integer, check_string};
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

use super::entry;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    entry(
        "base64_encode_tostring",
        (1, 1),
        string_to_string,
        base64::encode_tostring,
        "a string's UTF-8 as base64",
    ),
    entry(
        "base64_encodestring",
        (1, 1),
        string_to_string,
        base64::encode_tostring,
        "alias of base64_encode_tostring()",
    ),
    entry(
        "base64_decode_tostring",
        (1, 1),
        string_to_string,
        base64::decode_tostring,
        "base64 to a UTF-8 string; invalid gives \"\"",
    ),
    entry(
        "base64_decodestring",
        (1, 1),
        string_to_string,
        base64::decode_tostring,
        "alias of base64_decode_tostring()",
    ),
    entry(
        "base64_decode_toarray",
        (1, 1),
        string_to_dynamic,
        base64::decode_toarray,
        "base64 to an array of byte values",
    ),
    entry(
        "base64_encode_fromarray",
        (1, 1),
        array_to_string,
        base64::encode_fromarray,
        "an array of byte values as base64",
    ),
    entry(
        "base64_decode_toguid",
        (1, 1),
        string_to_guid,
        base64::decode_toguid,
        "16 base64 bytes to a guid (.NET byte order)",
    ),
    entry(
        "base64_encode_fromguid",
        (1, 1),
        guid_to_string,
        base64::encode_fromguid,
        "a guid's 16 bytes (.NET order) as base64",
    ),
    entry(
        "gzip_decompress_from_base64_string",
        (1, 1),
        string_to_string,
        base64::gzip_decompress,
        "invalid base64 gives \"\"; kql cannot inflate",
    ),
    entry(
        "url_encode",
        (1, 1),
        string_to_string,
        url::url_encode,
        "percent-encodes a URL; space becomes +",
    ),
    entry(
        "url_encode_component",
        (1, 1),
        string_to_string,
        url::url_encode,
        "percent-encodes a URL component; space becomes %20",
    ),
    entry(
        "url_decode",
        (1, 1),
        string_to_string,
        url::url_decode,
        "decodes %XX escapes",
    ),
    entry(
        "hash",
        (1, 2),
        hash_type,
        xxhash,
        "XXH64 of a string or datetime, optionally modulo mod",
    ),
    entry(
        "hash_xxhash64",
        (1, 2),
        hash_type,
        xxhash,
        "alias of hash()",
    ),
    entry(
        "hash_md5",
        (1, 1),
        digest_type,
        digest,
        "MD5 of the value's text, as hex",
    ),
    entry(
        "hash_sha1",
        (1, 1),
        digest_type,
        digest,
        "SHA-1 of the value's text, as hex",
    ),
    entry(
        "hash_sha256",
        (1, 1),
        digest_type,
        digest,
        "SHA-256 of the value's text, as hex",
    ),
    entry(
        "punycode_from_string",
        (1, 1),
        string_to_string,
        punycode::from_string,
        "a string encoded as punycode",
    ),
    entry(
        "punycode_to_string",
        (1, 1),
        string_to_string,
        punycode::to_string,
        "punycode decoded to a string",
    ),
    entry(
        "punycode_domain_to_string",
        (1, 1),
        string_to_string,
        punycode::domain_encode,
        "a domain's non-ASCII labels as xn-- punycode",
    ),
    entry(
        "punycode_domain_from_string",
        (1, 1),
        string_to_string,
        punycode::domain_decode,
        "a domain's xn-- labels decoded",
    ),
];

fn string_to_string(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the argument")?;
    Ok(ScalarType::String)
}

fn string_to_dynamic(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the argument")?;
    Ok(ScalarType::Dynamic)
}

fn string_to_guid(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    check_string(args, 0, "the argument")?;
    Ok(ScalarType::Guid)
}

fn array_to_string(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if args[0].ty != ScalarType::Dynamic {
        return Err(TypeError::arg(0, "the argument must be a dynamic array"));
    }
    Ok(ScalarType::String)
}

fn guid_to_string(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Guid | ScalarType::Dynamic => Ok(ScalarType::String),
        t => Err(TypeError::arg(
            0,
            format!("the argument must be a guid, not {t}"),
        )),
    }
}

/// The types whose hashing kql has checked against Kusto.
fn hashable(t: ScalarType) -> bool {
    matches!(t, ScalarType::String | ScalarType::DateTime)
}

fn hash_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if !hashable(args[0].ty) {
        return Err(TypeError::arg(
            0,
            format!(
                "kql supports hash() of strings and datetimes, not {}",
                args[0].ty
            ),
        ));
    }
    check_integer(args, 1, "the modulo")?;
    Ok(ScalarType::Long)
}

fn digest_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if !hashable(args[0].ty) {
        return Err(TypeError::arg(
            0,
            format!(
                "kql supports hashes of strings and datetimes, not {}",
                args[0].ty
            ),
        ));
    }
    Ok(ScalarType::String)
}

fn null_hash(function: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}() of a null datetime is undocumented; kql refuses it"
    ))
}

/// `hash(source[, mod])` (q/hash-function.md): `hash("World")` is 1846988464401551951
/// and `hash("World", 100)` is 51. A negative hash with a modulo is refused (the page
/// promises `0..mod-1` without saying how).
fn xxhash(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let h = match &v[0] {
            Value::String(s) => xxhash_rust::xxh64::xxh64(s.as_bytes(), 0),
            Value::DateTime(t) => xxhash_rust::xxh64::xxh64(&t.to_le_bytes(), 0),
            _ => return Err(null_hash(name)),
        } as i64;
        match v.get(1) {
            None => Ok(Value::Long(h)),
            Some(m) => match m.as_i64() {
                Some(m) if m > 0 && h >= 0 => Ok(Value::Long(h % m)),
                _ => Err(EvalError::invalid(format!(
                    "{name}(): this modulo of a negative or null case is undocumented; kql refuses it"
                ))),
            },
        }
    })
}

/// `hash_md5`, `hash_sha1`, `hash_sha256`: lower-case hex of the digest of the value's
/// text (q/hash-md5-function.md, q/hash-sha256-function.md examples).
fn digest(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let text = match &v[0] {
            Value::String(s) => s.to_string(),
            Value::DateTime(_) => v[0].to_kusto_string(),
            _ => return Err(null_hash(name)),
        };
        let bytes: Vec<u8> = match name {
            "hash_md5" => Md5::digest(text.as_bytes()).to_vec(),
            "hash_sha1" => Sha1::digest(text.as_bytes()).to_vec(),
            _ => Sha256::digest(text.as_bytes()).to_vec(),
        };
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Value::String(hex.into()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::string::test_util::{eval_row, refused};

    #[test]
    fn hashes() {
        // q/hash-function.md, q/hash-md5-function.md, q/hash-sha256-function.md.
        assert_eq!(
            eval_row(
                r#"print hash("World"), hash("World", 100), hash(datetime("2015-01-01")), hash_xxhash64("World")"#
            ),
            [
                "1846988464401551951",
                "51",
                "1380966698541616202",
                "1846988464401551951"
            ]
        );
        assert_eq!(
            eval_row("print hash_md5('World'), hash_md5(datetime(2020-01-01))"),
            [
                "f5a7924e621e84c9280a9a27e1bcb7f6",
                "786c530672d1f8db31fee25ea8a9390b"
            ]
        );
        assert_eq!(
            eval_row("print hash_sha256('World'), hash_sha256(datetime(2020-01-01))"),
            [
                "78ae647dc5544d227130a0682a51e30bc7777fbb6d8a8f17007463a3ecd1d524",
                "ba666752dc1a20eb750b0eb64e780cc4c968bc9fb8813461c1d7e750f302d71d"
            ]
        );
        assert!(refused("print hash(123)"));
        assert!(refused("print hash(dynamic('a'))"));
    }
}
