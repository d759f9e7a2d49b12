//! JSON strings for the JSONL scanner ([`super::jsonl_scan`]): where a string ends
//! (checking its escapes as serde does when it skips one), eight bytes at a time, and
//! decoding the escapes of one that is stored.
//!
//! ```json
//! "plain text"          ends at the first quote: stored as a slice of the block
//! "RE: \"quoted\" \u00e9"  has escapes: decoded into a reused buffer
//! ```

/// The scanner met something it does not read itself; the serde path must.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct GaveUp;

pub(super) type Scan<T> = Result<T, GaveUp>;

/// The first `"`, `\\` or line end at or after `i`, eight bytes at a time: the lowest
/// set bit of the zero-byte mask is exactly the first match.
#[inline]
pub(super) fn next_special(b: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    while let Some(chunk) = b.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        let mask = zero_bytes(w ^ (ONES * u64::from(b'"')))
            | zero_bytes(w ^ (ONES * u64::from(b'\\')))
            | zero_bytes(w ^ (ONES * u64::from(b'\n')));
        if mask != 0 {
            return Some(i + (mask.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    let rest = b.get(i..)?;
    rest.iter()
        .position(|c| matches!(c, b'"' | b'\\' | b'\n'))
        .map(|p| i + p)
}

/// [`string_end`] in a block without control characters but line ends.
pub(super) fn clean_string_end(b: &[u8], mut i: usize) -> Scan<(usize, bool)> {
    let mut escaped = false;
    loop {
        i = next_special(b, i).ok_or(GaveUp)?;
        match b[i] {
            b'"' => return Ok((i, escaped)),
            b'\\' => {
                escaped = true;
                i = escape_end(b, i)?;
            }
            _ => return Err(GaveUp),
        }
    }
}

/// The index after the escape starting with the backslash at `i`.
pub(super) fn escape_end(b: &[u8], i: usize) -> Scan<usize> {
    match b.get(i + 1) {
        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => Ok(i + 2),
        Some(b'u') => {
            hex4(b, i + 2)?;
            Ok(i + 6)
        }
        _ => Err(GaveUp),
    }
}

pub(super) fn utf8(b: &[u8]) -> Scan<&str> {
    std::str::from_utf8(b).map_err(|_| GaveUp)
}

/// Eight bytes at once: does any of them need a look (`"`, `\`, or a control
/// character, which JSON does not allow raw in a string)?
pub(super) fn has_special(w: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH != 0;
    zero_byte(w ^ (ONES * u64::from(b'"')))
        || zero_byte(w ^ (ONES * u64::from(b'\\')))
        || w.wrapping_sub(ONES * 0x20) & !w & HIGH != 0
}

/// The index of the quote closing the string whose text starts at `i`, and whether
/// the text has escapes. Escapes are checked as serde checks them when it skips a
/// string.
pub(super) fn string_end(b: &[u8], mut i: usize) -> Scan<(usize, bool)> {
    let mut escaped = false;
    loop {
        while let Some(chunk) = b.get(i..i + 8) {
            let mut w = [0u8; 8];
            w.copy_from_slice(chunk);
            if has_special(u64::from_le_bytes(w)) {
                break;
            }
            i += 8;
        }
        match b.get(i) {
            Some(b'"') => return Ok((i, escaped)),
            Some(b'\\') => {
                escaped = true;
                i = escape_end(b, i)?;
            }
            Some(c) if *c < 0x20 => return Err(GaveUp),
            Some(_) => i += 1,
            None => return Err(GaveUp),
        }
    }
}

/// The four hex digits of a `\u` escape starting at `i`.
pub(super) fn hex4(b: &[u8], i: usize) -> Scan<u32> {
    let digits = b.get(i..i + 4).ok_or(GaveUp)?;
    let mut v = 0;
    for d in digits {
        v = v * 16 + char::from(*d).to_digit(16).ok_or(GaveUp)?;
    }
    Ok(v)
}

/// Decodes the text of a string with escapes (already checked by [`string_end`]) into
/// `out`. A lone surrogate is left to serde.
pub(super) fn unescape(text: &[u8], out: &mut String) -> Scan<()> {
    out.clear();
    let mut i = 0;
    while i < text.len() {
        let Some(rel) = memchr::memchr(b'\\', &text[i..]) else {
            out.push_str(utf8(&text[i..])?);
            break;
        };
        out.push_str(utf8(&text[i..i + rel])?);
        i += rel;
        let c = match text.get(i + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let hi = hex4(text, i + 2)?;
                i += 6;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if text.get(i..i + 2) != Some(b"\\u") {
                        return Err(GaveUp);
                    }
                    let lo = hex4(text, i + 2)?;
                    if !(0xDC00..0xE000).contains(&lo) {
                        return Err(GaveUp);
                    }
                    i += 6;
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                out.push(char::from_u32(code).ok_or(GaveUp)?);
                continue;
            }
            _ => return Err(GaveUp),
        };
        out.push(c);
        i += 2;
    }
    Ok(())
}
