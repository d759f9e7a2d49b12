//! Kusto regexes are RE2; the `regex` crate differs in one place that matters: inside a
//! character class it reads `[` as the start of a nested class and `&&`, `--`, `~~` as
//! set operations, where RE2 reads plain characters.
//!
//! ```kql
//! print trim_start(@'[[]', "[::1]")   // RE2: the class of `[`
//! ```
//!
//! [`to_rust`] escapes those characters inside classes (keeping `[:alpha:]`), so both
//! engines read the same pattern.

use std::borrow::Cow;

/// The pattern with RE2's literal class characters escaped for the `regex` crate.
pub(crate) fn to_rust(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains('[') {
        return Cow::Borrowed(pattern);
    }
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut in_class = false;
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => {
                out.push(c);
                if let Some(&next) = chars.get(i + 1) {
                    out.push(next);
                }
                i += 2;
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                // `[^]...]` and `[]...]`: a leading `]` is a literal.
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                if chars.get(i + 1) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            '[' if chars.get(i + 1) == Some(&':') => {
                // `[:alpha:]`: copied through to its closing `:]`.
                let rest: String = chars[i..].iter().collect();
                match rest.find(":]") {
                    Some(end) => {
                        out.push_str(&rest[..end + 2]);
                        i += rest[..end + 2].chars().count();
                        continue;
                    }
                    None => out.push_str("\\["),
                }
            }
            '[' => out.push_str("\\["),
            '&' | '~' if in_class => {
                out.push('\\');
                out.push(c);
            }
            '-' if in_class && chars.get(i + 1) == Some(&'-') => out.push_str("\\-"),
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            c => out.push(c),
        }
        i += 1;
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_characters_are_literal_as_in_re2() {
        assert_eq!(to_rust("[[]"), "[\\[]");
        assert_eq!(to_rust("a[^]x]"), "a[^\\]x]");
        assert_eq!(to_rust("[[:alpha:]_]+"), "[[:alpha:]_]+");
        assert_eq!(to_rust("[a&&b]"), "[a\\&\\&b]");
        assert_eq!(to_rust(r"\[x\]"), r"\[x\]");
        assert_eq!(to_rust("plain"), "plain");
        for p in ["[[]", "[]a]", "[a--b]", "[~~]", "[[:digit:]]"] {
            assert!(regex::Regex::new(&to_rust(p)).is_ok(), "{p}");
        }
        let re = regex::Regex::new(&to_rust("^[[]+")).unwrap();
        assert_eq!(re.replace("[[::1]", ""), "::1]");
    }
}
