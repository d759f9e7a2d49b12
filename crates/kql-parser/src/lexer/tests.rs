//! Lexer unit tests.

use super::*;
use TokenKind as K;

fn kinds(src: &str) -> Vec<(TokenKind, &str)> {
    lex(src, Vec::new())
        .tokens
        .iter()
        .map(|t| (t.kind, &src[t.start as usize..t.end as usize]))
        .collect()
}

#[test]
fn words_numbers_and_punctuation() {
    assert_eq!(
        kinds("T|where a>=1.5 and b!=0x1F"),
        vec![
            (K::Ident, "T"),
            (K::Pipe, "|"),
            (K::Ident, "where"),
            (K::Ident, "a"),
            (K::Ge, ">="),
            (K::Real, "1.5"),
            (K::Ident, "and"),
            (K::Ident, "b"),
            (K::NotEq, "!="),
            (K::Long, "0x1F"),
            (K::Eof, ""),
        ]
    );
}

#[test]
fn timespans_take_the_whole_unit() {
    for src in [
        "4hrs",
        "1.5h",
        "30d",
        "10min",
        "100ms",
        "1tick",
        "2microseconds",
    ] {
        assert_eq!(kinds(src)[0], (K::TimeSpan, src), "{src}");
    }
    assert_eq!(kinds("3x")[0].0, K::Error);
    assert_eq!(kinds("2w")[0].0, K::Error);
}

#[test]
fn ranges_are_not_reals() {
    let k: Vec<_> = kinds("1..10").into_iter().map(|(k, _)| k).collect();
    assert_eq!(k, vec![K::Long, K::DotDot, K::Long, K::Eof]);
    assert_eq!(kinds("1e5")[0], (K::Real, "1e5"));
    assert_eq!(kinds("2.5E-3")[0], (K::Real, "2.5E-3"));
}

#[test]
fn strings_in_every_form() {
    for src in [
        r#""a\"b""#,
        r"'it\'s'",
        r#"@"C:\dir""#,
        r#"@'a''b'"#,
        r#"h"secret""#,
        r#"H'secret'"#,
        r#"h@"C:\x""#,
        "```line1\nline2```",
        "~~~x~~~",
    ] {
        assert_eq!(kinds(src)[0], (K::String, src), "{src}");
    }
    assert_eq!(kinds("\"abc")[0].0, K::Error);
    assert_eq!(kinds("'a\nb'")[0].0, K::Error);
}

#[test]
fn raw_literals_keep_their_text() {
    let src = "datetime(2015-12-31 23:59:59.9) + guid(74be27de-1e4e-49d9-b579-fe0b331d3642)";
    let k = kinds(src);
    assert_eq!(k[0], (K::RawLiteral, "datetime(2015-12-31 23:59:59.9)"));
    assert_eq!(k[2].0, K::RawLiteral);
    assert_eq!(kinds("time (1d)")[0], (K::RawLiteral, "time (1d)"));
    assert_eq!(kinds("time = 1")[0], (K::Ident, "time"));
}

#[test]
fn comments_and_unicode_spaces_are_trivia() {
    let k = kinds("a // note\n|\u{a0}b");
    assert_eq!(k.len(), 4);
    assert_eq!(k[2], (K::Ident, "b"));
    assert_eq!(kinds("$left.x")[0], (K::Ident, "$left"));
    assert_eq!(kinds("Größe")[0], (K::Ident, "Größe"));
    assert_eq!(kinds("#")[0].0, K::Error);
}

#[test]
fn eight_byte_name_scan_agrees_with_the_byte_table() {
    // Every byte value in every lane, beside name bytes and beside stops.
    for fill in [b'a', b' '] {
        for lane in 0..8 {
            for b in 0..=255u8 {
                let mut chunk = [fill; 8];
                chunk[lane] = b;
                let stops = non_ident_bytes(u64::from_le_bytes(chunk));
                for (i, &c) in chunk.iter().enumerate() {
                    let stop = stops & (0x80 << (8 * i)) != 0;
                    assert_eq!(stop, !is_ident_continue(c), "byte {c:#04x} in lane {i}");
                }
            }
        }
    }
    let text = b"abc_DEF123 x Timestamp_Long_Name_9(";
    for start in 0..text.len() {
        let mut end = start;
        while end < text.len() && is_ident_continue(text[end]) {
            end += 1;
        }
        assert_eq!(ascii_ident_end(text, start), end, "from {start}");
    }
}
