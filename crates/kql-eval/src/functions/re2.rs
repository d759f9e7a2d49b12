//! Kusto's regular expressions are RE2's (q/re2.md: "KQL uses the RE2 library"); the
//! `regex` crate reads almost the same syntax. This is where the two differ in what
//! they accept, so that a pattern Kusto runs is not refused here:
//!
//! ```kql
//! print trim("[[]", "[[x")                          // a `[` inside a class is literal
//! print "crowdstrike.com" matches regex "^{a-z]+$"  // a `{` that starts no repeat is literal
//! ```
//!
//! * Inside a class, the `regex` crate reads `[` as the start of a nested class and `&&`
//!   and `~~` as set operations; RE2 reads all three literally (only `[:alpha:]` is
//!   special). They are escaped.
//! * Outside a class, RE2 reads a `{` that does not begin `{n}`, `{n,}` or `{n,m}` as a
//!   literal `{`; the `regex` crate refuses it. It is escaped.
//!
//! Everything else is passed through unchanged, and the `regex` crate's own errors
//! stand for patterns RE2 refuses too.

use regex::Regex;

/// Compiles a Kusto (RE2) pattern.
pub(crate) fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    Regex::new(&translate(pattern))
}

/// The pattern in the `regex` crate's syntax.
pub(crate) fn translate(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut i = 0;
    let mut in_class = false;
    // Inside a class: whether the next character is the first (where `]` is literal).
    let mut class_start = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            out.push(c);
            if let Some(&next) = chars.get(i + 1) {
                out.push(next);
            }
            i += 2;
            class_start = false;
            continue;
        }
        if in_class {
            let first = class_start;
            class_start = false;
            match c {
                '^' if first && out.ends_with('[') => {
                    out.push(c);
                    class_start = true;
                }
                ']' if !first => {
                    in_class = false;
                    out.push(c);
                }
                '[' if chars.get(i + 1) == Some(&':') => {
                    // `[:alpha:]`: copy through its closing `:]`.
                    let end = (i + 2..chars.len().saturating_sub(1))
                        .find(|&j| chars[j] == ':' && chars[j + 1] == ']');
                    match end {
                        Some(end) => {
                            out.extend(&chars[i..end + 2]);
                            i = end + 2;
                            continue;
                        }
                        None => out.push_str("\\["),
                    }
                }
                '[' => out.push_str("\\["),
                '&' | '~' if chars.get(i + 1) == Some(&c) => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                class_start = true;
                out.push(c);
            }
            '{' if !starts_repeat(&chars[i..]) => out.push_str("\\{"),
            _ => out.push(c),
        }
        i += 1;
    }
    out
}

/// Whether `text` (at a `{`) is `{n}`, `{n,}` or `{n,m}`.
fn starts_repeat(text: &[char]) -> bool {
    let digits = |from: usize| {
        text[from..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let n = digits(1);
    if n == 0 {
        return false;
    }
    match text.get(1 + n) {
        Some('}') => true,
        Some(',') => {
            let m = digits(2 + n);
            text.get(2 + n + m) == Some(&'}')
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::{compile, translate};

    #[test]
    fn literal_brackets_and_braces_are_escaped() {
        assert_eq!(translate("[[]"), "[\\[]");
        assert_eq!(translate("[]a]"), "[]a]");
        assert_eq!(translate("[^]a]"), "[^]a]");
        assert_eq!(translate("[[:alpha:]x]"), "[[:alpha:]x]");
        assert_eq!(translate("[a&&b]"), "[a\\&&b]");
        assert_eq!(translate("^{a-z0-9\\-]{0,}x"), "^\\{a-z0-9\\-]{0,}x");
        assert_eq!(translate("a{2}b{3,}c{1,4}"), "a{2}b{3,}c{1,4}");
        assert_eq!(translate("a{,3}"), "a\\{,3}");
        assert_eq!(translate("\\[x\\{"), "\\[x\\{");
    }

    #[test]
    fn translated_patterns_match_as_re2_does() {
        let trim = compile("[[]").unwrap();
        assert!(trim.is_match("["));
        let crowdstrike = compile("^{a-z0-9\\-]{0,}cr[0oO]wdstr[i1l]ke").unwrap();
        assert!(crowdstrike.is_match("{a-z0-9-]crowdstrike"));
        assert!(!crowdstrike.is_match("crowdstrike"));
    }
}
