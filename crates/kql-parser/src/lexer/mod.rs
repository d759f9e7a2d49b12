//! The lexer: source bytes to tokens with byte spans.
//!
//! Hand-written and byte-oriented (a `match` on the first byte of each token) so that it
//! runs far faster than the parser that consumes it. It knows only what every context
//! agrees on: words, numbers, strings, punctuation, `//` comments. Whether a word is a
//! keyword is the parser's call. Two literal families are recognised here because their
//! text is not made of ordinary tokens:
//!
//! * numbers with a time unit, `4hrs`, `1.5h`, `100ms` ([`TokenKind::TimeSpan`]);
//! * `datetime(...)`, `date(...)`, `timespan(...)`, `time(...)` and `guid(...)`, whose
//!   contents (`2015-12-31 23:59`, `74be27de-1e4e-...`) are kept raw
//!   ([`TokenKind::RawLiteral`]).
//!
//! Malformed text becomes a [`TokenKind::Error`] token plus a recorded error, so the
//! parser can go on and report more than one problem.

mod token;

pub(crate) use token::{Token, TokenKind};

use crate::ast::Span;
use crate::error::ParseError;
use crate::literal::timespan::suffix_ticks;

/// The lexer's output: tokens ending with [`TokenKind::Eof`], and the lexical errors.
pub(crate) struct Lexed {
    pub tokens: Vec<Token>,
    pub errors: Vec<ParseError>,
}

/// Splits `src` into tokens, filling `buffer` (a vector kept between parses, so that
/// its allocation is reused).
pub(crate) fn lex(src: &str, mut buffer: Vec<Token>) -> Lexed {
    buffer.clear();
    buffer.reserve(src.len() / 5 + 2);
    let mut lexer = Lexer {
        src,
        bytes: src.as_bytes(),
        pos: 0,
        tokens: buffer,
        errors: Vec::new(),
    };
    lexer.run();
    Lexed {
        tokens: lexer.tokens,
        errors: lexer.errors,
    }
}

struct Lexer<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    tokens: Vec<Token>,
    errors: Vec<ParseError>,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

/// A byte's class bit: `[A-Za-z0-9_]`, which continues a name.
const IDENT: u8 = 1;
/// A byte's class bit: ASCII whitespace (space, `\t`, `\n`, `\r`, vertical tab, form feed).
const SPACE: u8 = 2;

/// The class bits of every byte, as a table: the lexer's hottest tests.
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() || c == b'_' {
            table[b] = IDENT;
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c) {
            table[b] = SPACE;
        }
        b += 1;
    }
    table
};

#[inline(always)]
fn is_ident_continue(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & IDENT != 0
}

#[inline(always)]
fn is_ascii_space(b: u8) -> bool {
    BYTE_CLASS[usize::from(b)] & SPACE != 0
}

/// The end of the run of `[A-Za-z0-9_]` bytes that starts at `pos`: eight bytes a step
/// while eight remain (see [`non_ident_bytes`]), then one at a time. Names are short, so
/// most take one step, and no branch depends on a name's length.
#[inline(always)]
fn ascii_ident_end(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let stops = non_ident_bytes(u64::from_le_bytes(word));
        if stops != 0 {
            return pos + (stops.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while pos < bytes.len() && is_ident_continue(bytes[pos]) {
        pos += 1;
    }
    pos
}

/// Eight bytes at once (little-endian): the high bit of each byte lane is set where the
/// byte is not in `[A-Za-z0-9_]` (non-ASCII bytes included).
#[inline(always)]
fn non_ident_bytes(word: u64) -> u64 {
    const LANES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = LANES * 0x80;
    // Lanes with the high bit cleared: the sums below cannot carry into the next lane.
    let low = word & !HIGH;
    // High bit set where `lo <= byte <= hi`, for a 7-bit byte.
    let in_range = |x: u64, lo: u64, hi: u64| {
        x.wrapping_add(LANES * (0x80 - lo)) & !x.wrapping_add(LANES * (0x7f - hi)) & HIGH
    };
    let digit = in_range(low, b'0'.into(), b'9'.into());
    // `| 0x20` folds `A-Z` onto `a-z` (and nothing else onto them).
    let letter = in_range(low | (LANES * 0x20), b'a'.into(), b'z'.into());
    let underscore = in_range(low, b'_'.into(), b'_'.into());
    (!(digit | letter | underscore) & HIGH) | (word & HIGH)
}

impl Lexer<'_> {
    fn run(&mut self) {
        loop {
            self.skip_trivia();
            let start = self.pos;
            let Some(&b) = self.bytes.get(start) else {
                self.push(TokenKind::Eof, start);
                return;
            };
            let kind = match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'_' => self.word(start),
                b'0'..=b'9' => self.number(start),
                b'"' | b'\'' => self.quoted(start, start),
                b'@' => self.at(start),
                b'`' if self.bytes[start..].starts_with(b"```") => self.fenced(start, b"```"),
                b'~' if self.bytes[start..].starts_with(b"~~~") => self.fenced(start, b"~~~"),
                b'$' if self
                    .bytes
                    .get(start + 1)
                    .is_some_and(|&c| is_ident_start(c)) =>
                {
                    self.pos += 1;
                    self.scan_ident_tail();
                    TokenKind::Ident
                }
                b'|' => self.single(TokenKind::Pipe),
                b';' => self.single(TokenKind::Semi),
                b',' => self.single(TokenKind::Comma),
                b'(' => self.single(TokenKind::LParen),
                b')' => self.single(TokenKind::RParen),
                b'[' => self.single(TokenKind::LBracket),
                b']' => self.single(TokenKind::RBracket),
                b'{' => self.single(TokenKind::LBrace),
                b'}' => self.single(TokenKind::RBrace),
                b':' => self.single(TokenKind::Colon),
                b'+' => self.single(TokenKind::Plus),
                b'-' => self.single(TokenKind::Minus),
                b'*' => self.single(TokenKind::Star),
                b'/' => self.single(TokenKind::Slash),
                b'%' => self.single(TokenKind::Percent),
                b'~' => self.single(TokenKind::Tilde),
                b'?' => self.single(TokenKind::Question),
                b'.' => self.pair(b'.', TokenKind::DotDot, TokenKind::Dot),
                b'=' => match self.peek(1) {
                    Some(b'=') => self.fixed(2, TokenKind::EqEq),
                    Some(b'~') => self.fixed(2, TokenKind::EqTilde),
                    Some(b'>') => self.fixed(2, TokenKind::Arrow),
                    _ => self.single(TokenKind::Assign),
                },
                b'!' => match self.peek(1) {
                    Some(b'=') => self.fixed(2, TokenKind::NotEq),
                    Some(b'~') => self.fixed(2, TokenKind::NotTilde),
                    _ => self.single(TokenKind::Bang),
                },
                b'<' => match self.peek(1) {
                    Some(b'=') => self.fixed(2, TokenKind::Le),
                    Some(b'>') => self.fixed(2, TokenKind::LtGt),
                    _ => self.single(TokenKind::Lt),
                },
                b'>' => self.pair(b'=', TokenKind::Ge, TokenKind::Gt),
                0x80.. => self.non_ascii(start),
                _ => self.bad_char(start),
            };
            self.push(kind, start);
        }
    }

    fn push(&mut self, kind: TokenKind, start: usize) {
        self.tokens.push(Token {
            kind,
            start: to_u32(start),
            end: to_u32(self.pos),
        });
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.pos + ahead).copied()
    }

    fn single(&mut self, kind: TokenKind) -> TokenKind {
        self.pos += 1;
        kind
    }

    fn fixed(&mut self, len: usize, kind: TokenKind) -> TokenKind {
        self.pos += len;
        kind
    }

    /// A one- or two-byte token: `two` when the next byte is `second`.
    fn pair(&mut self, second: u8, two: TokenKind, one: TokenKind) -> TokenKind {
        if self.peek(1) == Some(second) {
            self.fixed(2, two)
        } else {
            self.single(one)
        }
    }

    fn error(&mut self, error: ParseError) -> TokenKind {
        self.errors.push(error);
        TokenKind::Error
    }

    /// Whitespace (ASCII and Unicode, such as the no-break spaces of copied queries) and
    /// `//` comments.
    fn skip_trivia(&mut self) {
        let bytes = self.bytes;
        let mut pos = self.pos;
        loop {
            while let Some(&b) = bytes.get(pos) {
                if !is_ascii_space(b) {
                    break;
                }
                pos += 1;
            }
            match bytes.get(pos) {
                Some(b'/') if bytes.get(pos + 1) == Some(&b'/') => {
                    pos = memchr_newline(bytes, pos);
                }
                Some(0x80..) => match self.char_at(pos) {
                    Some(c) if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' => {
                        pos += c.len_utf8();
                    }
                    _ => break,
                },
                _ => break,
            }
        }
        self.pos = pos;
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.src.get(pos..).and_then(|s| s.chars().next())
    }

    /// The rest of a name: `[A-Za-z0-9_]` and non-ASCII letters and digits.
    #[inline(always)]
    fn scan_ident_tail(&mut self) {
        let bytes = self.bytes;
        let mut pos = ascii_ident_end(bytes, self.pos);
        while let Some(&b) = bytes.get(pos) {
            if is_ident_continue(b) {
                pos += 1;
            } else if b >= 0x80 {
                match self.char_at(pos) {
                    Some(c) if c.is_alphanumeric() => {
                        pos = ascii_ident_end(bytes, pos + c.len_utf8())
                    }
                    _ => break,
                }
            } else {
                break;
            }
        }
        self.pos = pos;
    }

    /// A word; or an obfuscated string (`h"..."`); or a raw literal (`datetime(...)`).
    fn word(&mut self, start: usize) -> TokenKind {
        self.pos += 1;
        self.scan_ident_tail();
        let word = &self.bytes[start..self.pos];
        // Only these lengths can be `h` or a raw literal's type name.
        if !matches!(word.len(), 1 | 4 | 8) {
            return TokenKind::Ident;
        }
        if word == b"h" || word == b"H" {
            match self.peek(0) {
                Some(b'"' | b'\'') => return self.quoted(start, self.pos),
                Some(b'@') if matches!(self.peek(1), Some(b'"' | b'\'')) => {
                    return self.verbatim(start);
                }
                _ => {}
            }
        }
        if matches!(
            word,
            b"datetime" | b"date" | b"timespan" | b"time" | b"guid"
        ) {
            return self.raw_literal(start);
        }
        TokenKind::Ident
    }

    /// `datetime(...)`: from the `(` (after optional spaces) to the first `)`.
    fn raw_literal(&mut self, start: usize) -> TokenKind {
        let mut p = self.pos;
        while matches!(self.bytes.get(p), Some(b' ' | b'\t')) {
            p += 1;
        }
        if self.bytes.get(p) != Some(&b'(') {
            return TokenKind::Ident;
        }
        match self.bytes[p..]
            .iter()
            .position(|&b| b == b')' || b == b'\n')
        {
            Some(off) if self.bytes[p + off] == b')' => {
                self.pos = p + off + 1;
                TokenKind::RawLiteral
            }
            _ => {
                self.pos = p + 1;
                self.error(ParseError::Unexpected {
                    expected: crate::error::Expected::Token("`)`"),
                    found: "the end of the line".into(),
                    span: Span::new(start, p + 1),
                    help: Some(format!(
                        "a `{}(...)` literal must close on the same line",
                        &self.src[start..self.pos - 1].trim_end()
                    )),
                })
            }
        }
    }

    /// A number: `42`, `0x1F`, `1.5`, `1e-3`, or with a time unit, `4hrs`, `1.5h`.
    fn number(&mut self, start: usize) -> TokenKind {
        let bytes = self.bytes;
        if bytes[start] == b'0'
            && matches!(self.peek(1), Some(b'x' | b'X'))
            && self.peek(2).is_some_and(|b| b.is_ascii_hexdigit())
        {
            self.pos += 2;
            while self.peek(0).is_some_and(|b| b.is_ascii_hexdigit()) {
                self.pos += 1;
            }
            return self.number_end(start, TokenKind::Long);
        }
        self.skip_digits();
        let mut kind = TokenKind::Long;
        if self.peek(0) == Some(b'.') && self.peek(1).is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
            self.skip_digits();
            kind = TokenKind::Real;
        }
        if matches!(self.peek(0), Some(b'e' | b'E')) {
            let digit_at = match self.peek(1) {
                Some(b'+' | b'-') => 2,
                _ => 1,
            };
            if self.peek(digit_at).is_some_and(|b| b.is_ascii_digit()) {
                self.pos += digit_at;
                self.skip_digits();
                kind = TokenKind::Real;
            }
        }
        if self.peek(0).is_some_and(|b| b.is_ascii_alphabetic()) {
            let unit_start = self.pos;
            while self.peek(0).is_some_and(|b| b.is_ascii_alphabetic()) {
                self.pos += 1;
            }
            let unit = &self.src[unit_start..self.pos];
            if suffix_ticks(unit).is_some() && !self.peek(0).is_some_and(is_ident_continue) {
                return TokenKind::TimeSpan;
            }
            self.scan_ident_tail();
            if kind == TokenKind::Long && self.src[start..self.pos].contains('_') {
                return TokenKind::Ident;
            }
            let help = if unit.starts_with('w') {
                Some("Kusto has no week unit: write `7d` for a week".to_string())
            } else {
                Some(
                    "timespan units are d, h, m, s, ms, microsecond, tick (and their long forms)"
                        .into(),
                )
            };
            return self.error(ParseError::InvalidNumber {
                reason: format!(
                    "`{}` is not a number or timespan",
                    &self.src[start..self.pos]
                ),
                span: Span::new(start, self.pos),
                help,
            });
        }
        self.number_end(start, kind)
    }

    fn skip_digits(&mut self) {
        while self.peek(0).is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
    }

    /// A number must not run into a name (`12a`); but digits joined to a name by an
    /// underscore are a name (`0_`, `1_st`), as Kusto reads them.
    fn number_end(&mut self, start: usize, kind: TokenKind) -> TokenKind {
        if !self.peek(0).is_some_and(is_ident_continue) {
            return kind;
        }
        self.scan_ident_tail();
        if kind == TokenKind::Long && self.src[start..self.pos].contains('_') {
            return TokenKind::Ident;
        }
        self.error(ParseError::InvalidNumber {
            reason: format!("`{}` is not a number", &self.src[start..self.pos]),
            span: Span::new(start, self.pos),
            help: None,
        })
    }

    /// `"..."` or `'...'` with backslash escapes, starting at `quote_at` (after an `h`).
    fn quoted(&mut self, start: usize, quote_at: usize) -> TokenKind {
        let quote = self.bytes[quote_at];
        let mut p = quote_at + 1;
        while let Some(&b) = self.bytes.get(p) {
            match b {
                b'\\' => p += 2,
                b'\n' => break,
                _ if b == quote => {
                    self.pos = p + 1;
                    return TokenKind::String;
                }
                _ => p += 1,
            }
        }
        self.unterminated(start, p)
    }

    /// `@"..."` or `@'...'`; a doubled quote stands for one quote.
    fn at(&mut self, start: usize) -> TokenKind {
        if matches!(self.peek(1), Some(b'"' | b'\'')) {
            self.verbatim(start)
        } else {
            self.bad_char(start)
        }
    }

    /// A verbatim string whose `@` is at `self.pos`.
    fn verbatim(&mut self, start: usize) -> TokenKind {
        let quote = self.bytes[self.pos + 1];
        let mut p = self.pos + 2;
        while let Some(&b) = self.bytes.get(p) {
            if b == quote {
                if self.bytes.get(p + 1) == Some(&quote) {
                    p += 2;
                    continue;
                }
                self.pos = p + 1;
                return TokenKind::String;
            }
            if b == b'\n' {
                break;
            }
            p += 1;
        }
        self.unterminated(start, p)
    }

    /// A multi-line string between ```` ``` ```` or `~~~` fences.
    fn fenced(&mut self, start: usize, fence: &[u8]) -> TokenKind {
        let body = start + 3;
        match self.bytes[body..].windows(3).position(|w| w == fence) {
            Some(off) => {
                self.pos = body + off + 3;
                TokenKind::String
            }
            None => self.unterminated(start, self.bytes.len()),
        }
    }

    fn unterminated(&mut self, start: usize, end: usize) -> TokenKind {
        self.pos = end.min(self.bytes.len());
        self.error(ParseError::UnterminatedString {
            span: Span::new(start, self.pos),
        })
    }

    /// A non-ASCII character: a letter starts a name, anything else is an error.
    fn non_ascii(&mut self, start: usize) -> TokenKind {
        match self.char_at(start) {
            Some(c) if c.is_alphabetic() => {
                self.pos += c.len_utf8();
                self.scan_ident_tail();
                TokenKind::Ident
            }
            _ => self.bad_char(start),
        }
    }

    fn bad_char(&mut self, start: usize) -> TokenKind {
        let ch = self.char_at(start).unwrap_or('\u{fffd}');
        self.pos = start + ch.len_utf8();
        self.error(ParseError::UnexpectedCharacter {
            ch,
            span: Span::new(start, self.pos),
        })
    }
}

/// The position of the next `\n` at or after `from`, or the end.
fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |off| from + off)
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests;
