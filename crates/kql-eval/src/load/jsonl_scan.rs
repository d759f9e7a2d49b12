//! A fast reader for JSONL records in the plain form exports write, straight into an
//! [`Assembler`]: one object per line, fields of unwanted columns passed over by
//! finding where they end (eight bytes at a time for strings), strings without
//! escapes stored as slices of the block, numbers and literals read in place.
//!
//! ```json
//! {"Timestamp":"2026-05-09T12:00:00.123456Z","Subject":"RE: x","UrlCount":2,"BulkComplaintLevel":null}
//! ```
//!
//! It accepts exactly what serde_json accepts for such lines, or gives up: anything it
//! does not read the same way (a syntax error, a value that does not convert, a
//! duplicate field, nesting deeper than [`MAX_DEPTH`]) is [`GaveUp`], and the caller
//! reads the file again with the serde path, which reports the error with its place.
//! Objects and arrays stored into a column are parsed by serde_json itself.

use std::ops::Not;

use crate::value::Dynamic;

use super::assemble::{Assembler, Target};
use super::convert::Raw;
pub(crate) use super::json_strings::GaveUp;
use super::json_strings::{Scan, clean_string_end, string_end, unescape, utf8};

/// Containers nested deeper than this are left to serde (whose limit is 128).
const MAX_DEPTH: usize = 100;

/// Reused buffers for strings with escapes.
#[derive(Default)]
pub(crate) struct Scanner {
    key: String,
    text: String,
}

impl Scanner {
    /// Reads every record of `block` (whole lines of JSONL) into `asm`; blank lines
    /// are skipped. Returns the number of records.
    pub(crate) fn records(&mut self, block: &[u8], asm: &mut Assembler) -> Scan<usize> {
        let b = Block::new(block);
        let block = b.bytes;
        let mut i = 0;
        let mut rows = 0;
        loop {
            while block
                .get(i)
                .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
            {
                i += 1;
            }
            match block.get(i) {
                None => return Ok(rows),
                Some(b'{') => {}
                Some(_) => return Err(GaveUp),
            }
            i = self.record(&b, i, asm)?;
            rows += 1;
            i = inline_ws(block, i);
            match block.get(i) {
                None | Some(b'\n') => {}
                Some(_) => return Err(GaveUp),
            }
        }
    }

    /// One `{...}` starting at `i`; the index after its `}`.
    fn record(&mut self, blk: &Block<'_>, i: usize, asm: &mut Assembler) -> Scan<usize> {
        let b = blk.bytes;
        let mut i = inline_ws(b, i + 1);
        if b.get(i) == Some(&b'}') {
            asm.end_row();
            return Ok(i + 1);
        }
        let mut pos = 0;
        loop {
            if b.get(i) != Some(&b'"') {
                return Err(GaveUp);
            }
            let (end, target) = match expected_key(b, i + 1, asm.expected_at(pos)) {
                Some(found) => found,
                None => {
                    let (end, escaped) = blk.string_end(i + 1)?;
                    let target = if escaped {
                        unescape(&b[i + 1..end], &mut self.key)?;
                        asm.resolve_at(pos, &self.key)
                    } else {
                        asm.resolve_at(pos, blk.text(i + 1, end)?)
                    };
                    (end, target)
                }
            };
            i = inline_ws(b, end + 1);
            if b.get(i) != Some(&b':') {
                return Err(GaveUp);
            }
            i = inline_ws(b, i + 1);
            i = match target {
                Target::Skip => blk.skip_value(i, 0)?,
                Target::Slot(slot) => self.cell(blk, i, slot, asm)?,
            };
            pos += 1;
            i = inline_ws(b, i);
            match b.get(i) {
                Some(b',') => i = inline_ws(b, i + 1),
                Some(b'}') => {
                    asm.end_row();
                    return Ok(i + 1);
                }
                _ => return Err(GaveUp),
            }
        }
    }

    /// A value stored into column `slot`; the index after it.
    fn cell(&mut self, blk: &Block<'_>, i: usize, slot: usize, asm: &mut Assembler) -> Scan<usize> {
        let b = blk.bytes;
        let (raw, next) = match b.get(i) {
            Some(b'"') => {
                let (end, escaped) = blk.string_end(i + 1)?;
                let s = if escaped {
                    unescape(&b[i + 1..end], &mut self.text)?;
                    self.text.as_str()
                } else {
                    blk.text(i + 1, end)?
                };
                (Raw::Str(s), end + 1)
            }
            Some(b't') => (Raw::Bool(true), literal(b, i, b"true")?),
            Some(b'f') => (Raw::Bool(false), literal(b, i, b"false")?),
            Some(b'n') => (Raw::Null, literal(b, i, b"null")?),
            Some(b'-' | b'0'..=b'9') => {
                let (end, integral) = number_end(b, i)?;
                (number(&b[i..end], integral)?, end)
            }
            Some(b'{' | b'[') => {
                let end = blk.skip_value(i, 0)?;
                let d: Dynamic = serde_json::from_slice(&b[i..end]).map_err(|_| GaveUp)?;
                (Raw::Json(d), end)
            }
            _ => return Err(GaveUp),
        };
        asm.push(slot, raw).map_err(|_| GaveUp)?;
        Ok(next)
    }
}

/// A block of lines, checked once: is it all UTF-8 (then strings are slices of one
/// `str`), and is it free of control characters other than line ends (then a string
/// ends at the first quote or backslash, found eight bytes at a time).
struct Block<'a> {
    bytes: &'a [u8],
    text: Option<&'a str>,
    clean: bool,
}

impl<'a> Block<'a> {
    fn new(bytes: &'a [u8]) -> Block<'a> {
        let clean = bytes.chunks(64).all(|chunk| {
            chunk
                .iter()
                .fold(false, |bad, &c| bad | ((c < 0x20) & (c != b'\n')))
                .not()
        });
        Block {
            bytes,
            text: std::str::from_utf8(bytes).ok(),
            clean,
        }
    }

    /// The text between two quotes (or a quote and a backslash): ASCII places, so
    /// always char boundaries of a valid block.
    fn text(&self, from: usize, to: usize) -> Scan<&'a str> {
        match self.text {
            Some(t) => t.get(from..to).ok_or(GaveUp),
            None => utf8(self.bytes.get(from..to).ok_or(GaveUp)?),
        }
    }

    fn string_end(&self, i: usize) -> Scan<(usize, bool)> {
        if self.clean {
            clean_string_end(self.bytes, i)
        } else {
            string_end(self.bytes, i)
        }
    }

    fn skip_value(&self, i: usize, depth: usize) -> Scan<usize> {
        skip_value(self, i, depth)
    }
}

/// The end of a key starting at `i` that is the previous record's key at the same
/// place (`expected`: its name, without `"` or `\\`), and its target: the name's bytes
/// followed by the closing quote.
#[inline]
fn expected_key(b: &[u8], i: usize, expected: Option<(&[u8], Target)>) -> Option<(usize, Target)> {
    let (name, target) = expected?;
    let end = i + name.len();
    (b.get(i..end) == Some(name) && b.get(end) == Some(&b'"')).then_some((end, target))
}

/// Spaces, tabs and carriage returns (a record does not span lines).
fn inline_ws(b: &[u8], mut i: usize) -> usize {
    while b.get(i).is_some_and(|c| matches!(c, b' ' | b'\t' | b'\r')) {
        i += 1;
    }
    i
}

/// `true`, `false` or `null` at `i`; the index after it.
fn literal(b: &[u8], i: usize, word: &[u8]) -> Scan<usize> {
    if b.get(i..i + word.len()) == Some(word) {
        Ok(i + word.len())
    } else {
        Err(GaveUp)
    }
}

/// The end of a JSON number starting at `i`, and whether it is an integer (no
/// fraction, no exponent).
fn number_end(b: &[u8], mut i: usize) -> Scan<(usize, bool)> {
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if b.get(i) == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => {
            digits(&mut i);
        }
        _ => return Err(GaveUp),
    }
    let mut integral = true;
    if b.get(i) == Some(&b'.') {
        i += 1;
        integral = false;
        if !digits(&mut i) {
            return Err(GaveUp);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        integral = false;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return Err(GaveUp);
        }
    }
    Ok((i, integral))
}

/// A number as serde_json gives it to a visitor: non-negative integers as `u64`,
/// negative ones as `i64` (but `-0` as the `f64` -0.0, as serde_json does), anything
/// else (or out of range) as `f64`.
fn number(text: &[u8], integral: bool) -> Scan<Raw<'static>> {
    if integral {
        let s = utf8(text)?;
        if s.starts_with('-') {
            if let Ok(v) = s.parse::<i64>()
                && v != 0
            {
                return Ok(Raw::I64(v));
            }
        } else if let Ok(v) = s.parse::<u64>() {
            return Ok(Raw::U64(v));
        }
    }
    serde_json::from_slice::<f64>(text)
        .map(Raw::F64)
        .map_err(|_| GaveUp)
}

/// Passes over the value at `i` (checking its syntax); the index after it.
fn skip_value(blk: &Block<'_>, i: usize, depth: usize) -> Scan<usize> {
    let b = blk.bytes;
    match b.get(i) {
        Some(b'"') => blk.string_end(i + 1).map(|(end, _)| end + 1),
        Some(b't') => literal(b, i, b"true"),
        Some(b'f') => literal(b, i, b"false"),
        Some(b'n') => literal(b, i, b"null"),
        Some(b'-' | b'0'..=b'9') => number_end(b, i).map(|(end, _)| end),
        Some(open @ (b'{' | b'[')) if depth < MAX_DEPTH => {
            let (object, close) = (*open == b'{', if *open == b'{' { b'}' } else { b']' });
            let mut i = inline_ws(b, i + 1);
            if b.get(i) == Some(&close) {
                return Ok(i + 1);
            }
            loop {
                if object {
                    if b.get(i) != Some(&b'"') {
                        return Err(GaveUp);
                    }
                    let (end, _) = blk.string_end(i + 1)?;
                    i = inline_ws(b, end + 1);
                    if b.get(i) != Some(&b':') {
                        return Err(GaveUp);
                    }
                    i = inline_ws(b, i + 1);
                }
                i = inline_ws(b, skip_value(blk, i, depth + 1)?);
                match b.get(i) {
                    Some(b',') => i = inline_ws(b, i + 1),
                    Some(c) if *c == close => return Ok(i + 1),
                    _ => return Err(GaveUp),
                }
            }
        }
        _ => Err(GaveUp),
    }
}

#[cfg(test)]
mod tests {
    use kql_parser::ast::ScalarType;

    use super::*;
    use crate::load::json_strings::next_special;
    use crate::table::Schema;
    use crate::value::Value;

    fn load(text: &str) -> Scan<crate::table::Table> {
        let schema = Schema::from_pairs(&[
            ("S", ScalarType::String),
            ("N", ScalarType::Long),
            ("D", ScalarType::Dynamic),
        ]);
        let wanted = ["S".to_string(), "N".to_string(), "D".to_string()];
        let mut asm = Assembler::new(Some(&schema), Some(&wanted), None, false);
        Scanner::default().records(text.as_bytes(), &mut asm)?;
        asm.finish().map_err(|_| GaveUp)
    }

    #[test]
    fn reads_plain_records() {
        let t = load(concat!(
            "{\"X\":{\"a\":[1,-2.5e3,\"}\"]},\"S\":\"a\\\"b\\u00e9\\ud83d\\ude00\",\"N\":-7}\n",
            "\n",
            "{ \"N\" : 12 , \"D\":[true,null], \"Y\":false }\r\n",
            "{}",
        ))
        .unwrap();
        assert_eq!(t.num_rows(), 3);
        assert_eq!(
            t.row(0),
            [Value::string("a\"bé😀"), Value::Long(-7), Value::Null]
        );
        assert_eq!(t.row(1)[1], Value::Long(12));
        assert_eq!(t.row(1)[2].to_kusto_string(), "[true,null]");
        assert_eq!(t.row(2), [Value::string(""), Value::Null, Value::Null]);
    }

    #[test]
    fn minus_zero_is_the_real_serde_gives() {
        // serde_json visits `-0` as the f64 -0.0, not the i64 0: both readers must agree.
        assert!(matches!(number(b"-0", true), Ok(Raw::F64(v)) if v == 0.0 && v.is_sign_negative()));
        assert!(matches!(number(b"-3", true), Ok(Raw::I64(-3))));
        assert!(matches!(number(b"0", true), Ok(Raw::U64(0))));
    }

    #[test]
    fn finds_the_first_quote_backslash_or_line_end() {
        let text = b"abcdefgh\\ijklmnop\"q\nrs";
        assert_eq!(next_special(text, 0), Some(8));
        assert_eq!(next_special(text, 9), Some(17));
        assert_eq!(next_special(text, 18), Some(19));
        assert_eq!(next_special(text, 20), None);
        // A block without control characters (the memchr-free path), keys predicted from
        // the previous record, one of them escaped.
        let t = load("{\"S\":\"x\\\"y\",\"N\":1}\n{\"S\":\"longer than eight\",\"N\":2}\n{\"\\u0053\":\"z\"}\n")
            .unwrap();
        assert_eq!(t.row(0)[0], Value::string("x\"y"));
        assert_eq!(
            t.row(1)[..2],
            [Value::string("longer than eight"), Value::Long(2)]
        );
        assert_eq!(t.row(2)[0], Value::string("z"));
        assert_eq!(load("{\"S\":\"open\n\"}").err(), Some(GaveUp));
    }

    #[test]
    fn gives_up_where_serde_must_speak() {
        for bad in [
            "{\"S\":\"a\"} {}",
            "{\"S\":\"a\",}",
            "{\"S\":\"a\tb\"}",
            "{\"N\":\"x\"}",
            "{\"N\":1,\"N\":2}",
            "{\"X\":tru}",
            "{\"X\":01}",
            "{\"X\":\"\\x\"}",
            "{\"S\":\"\\ud800\"}",
            "{\"S\":\"a\"",
            "[1]",
        ] {
            assert_eq!(load(bad).err(), Some(GaveUp), "{bad}");
        }
    }
}
