//! Position-based string functions: `substring`, `indexof`, `strcmp`, `reverse`
//! (q/substring-function.md, q/indexof-function.md, q/strcmp-function.md,
//! q/reverse-function.md).
//!
//! ```kql
//! print substring("123456", -2, 2), indexof("abcdefg", "cde", -5), strcmp("abc", "ABC")   // "56", 2, 1
//! print reverse(123.45)                                                                // "54.321"
//! ```
//!
//! Kusto counts positions in UTF-16 code units; for text made only of characters of the
//! Basic Multilingual Plane that is the character count. Text with other characters
//! (emoji) is refused by these functions rather than risk an off-by-one answer.

use std::cmp::Ordering;

use super::super::args::map_rows;
use super::super::compare::text;
use super::super::{Datum, ScalarCall};
use crate::exec::EvalError;
use crate::value::Value;

/// True when every character is one UTF-16 code unit.
pub(super) fn is_bmp(s: &str) -> bool {
    s.chars().all(|c| (c as u32) < 0x1_0000)
}

pub(super) fn not_bmp(function: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}(): kql does not support text with characters outside the Basic \
         Multilingual Plane (Kusto counts them as two positions)"
    ))
}

fn undocumented(function: &str, what: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}(): {what} is undocumented; kql refuses it"
    ))
}

/// `substring(source, start[, length])`: 0-based; a negative start counts from the
/// end; the range is clipped to the text (a start past the end gives `""`). A negative
/// start reaching before the beginning, and a negative length, are refused.
pub(super) fn substring(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = text(&v[0]);
        if !is_bmp(&s) {
            return Err(not_bmp("substring"));
        }
        let Some(start) = v[1].as_i64() else {
            return Ok(Value::string(""));
        };
        let len = s.chars().count() as i64;
        let start = if start < 0 {
            len + start
        } else {
            start.min(len)
        };
        if start < 0 {
            return Err(undocumented(
                "substring",
                "a negative start before the beginning",
            ));
        }
        let end = match v.get(2) {
            None => len,
            Some(l) => match l.as_i64() {
                None => return Ok(Value::string("")),
                Some(l) if l < 0 => return Err(undocumented("substring", "a negative length")),
                Some(l) => start.saturating_add(l).min(len),
            },
        };
        let out: String = s
            .chars()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect();
        Ok(Value::String(out.into()))
    })
}

/// `indexof(string, match[, start[, length[, occurrence]]])`, checked against every
/// example of q/indexof-function.md. Readings the page leaves open (how later
/// occurrences are searched, ranges past the end) are computed both ways and refused
/// when they differ.
pub(super) fn indexof(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s: Vec<char> = text(&v[0]).chars().collect();
        let m: Vec<char> = text(&v[1]).chars().collect();
        if !s.iter().chain(&m).all(|c| (*c as u32) < 0x1_0000) {
            return Err(not_bmp("indexof"));
        }
        if m.is_empty() {
            return Err(undocumented("indexof", "an empty match"));
        }
        let len = s.len() as i64;
        let int_arg = |i: usize, default: i64| match v.get(i) {
            None => Some(default),
            Some(x) => x.as_i64(),
        };
        let (Some(start), Some(length), Some(occurrence)) =
            (int_arg(2, 0), int_arg(3, -1), int_arg(4, 1))
        else {
            return Ok(Value::Null);
        };
        if length < -1 || occurrence < 0 {
            return Ok(Value::Null);
        }
        let start = if start < 0 { len + start } else { start };
        if start < 0 || start > len || occurrence == 0 {
            return Err(undocumented("indexof", "this start or occurrence"));
        }
        if length >= 0 && start + length > len {
            return Err(undocumented(
                "indexof",
                "a range past the end of the string",
            ));
        }
        let mut answers = Vec::with_capacity(4);
        for window_moves in [true, false] {
            for step_whole in [true, false] {
                answers.push(find_nth(
                    &s,
                    &m,
                    start,
                    length,
                    occurrence,
                    window_moves,
                    step_whole,
                ));
            }
        }
        if answers.iter().any(|a| *a != answers[0]) {
            return Err(undocumented("indexof", "this occurrence search"));
        }
        Ok(Value::Long(answers[0]))
    })
}

/// The `occurrence`-th match: the first search covers `[start, start+length)`; each
/// later one starts after the previous match (`step_whole`: after all of it, else one
/// position on) with a window of `length` again (`window_moves`) or unlimited.
fn find_nth(
    s: &[char],
    m: &[char],
    start: i64,
    length: i64,
    occurrence: i64,
    window_moves: bool,
    step_whole: bool,
) -> i64 {
    let len = s.len() as i64;
    let mut from = start;
    for k in 0..occurrence {
        let end = if length < 0 || (k > 0 && !window_moves) {
            len
        } else {
            from.saturating_add(length).min(len)
        };
        let Some(found) = (from..=end - m.len() as i64).find(|&i| s[i as usize..].starts_with(m))
        else {
            return -1;
        };
        from = found + if step_whole { m.len() as i64 } else { 1 };
        if k + 1 == occurrence {
            return found;
        }
    }
    -1
}

/// `strcmp(a, b)`: -1, 0 or 1 by ordinal (UTF-16 code unit) order; conformance
/// `strcmp-function-00` has `strcmp("abc", "ABC") == 1`.
pub(super) fn strcmp(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let (a, b) = (text(&v[0]), text(&v[1]));
        Ok(Value::Long(match a.encode_utf16().cmp(b.encode_utf16()) {
            Ordering::Less => -1,
            Ordering::Equal => 0,
            Ordering::Greater => 1,
        }))
    })
}

/// `reverse(value)`: the text of the value, reversed (q/reverse-function.md).
pub(super) fn reverse(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = text(&v[0]);
        if !is_bmp(&s) {
            return Err(not_bmp("reverse"));
        }
        Ok(Value::String(s.chars().rev().collect::<String>().into()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{eval_row, refused};

    #[test]
    fn substring_examples() {
        // q/substring-function.md (semantics-cases 116).
        assert_eq!(
            eval_row(
                r#"print substring("123456", 1), substring("123456", 2, 2), substring("ABCD", 0, 2), substring("123456", -2, 2)"#
            ),
            ["23456", "34", "AB", "56"]
        );
        assert_eq!(
            eval_row(r#"print substring("abc", 1, 100), substring("abc", 5)"#),
            ["bc", ""]
        );
        assert!(refused(r#"print substring("a😀b", 1)"#));
        assert!(refused(r#"print substring("abc", -5)"#));
        assert!(refused(r#"print substring("abc", 0, -1)"#));
    }

    #[test]
    fn indexof_examples() {
        // q/indexof-function.md (semantics-cases 122).
        let q = r#"print
            indexof("abcdefg","cde"), indexof("abcdefg","cde",1,4), indexof("abcdefg","cde",1,2),
            indexof("abcdefg","cde",3,4), indexof("abcdefg","cde",-5), indexof(1234567,5,1,4),
            indexof("abcdefg","cde",2,-1), indexof("abcdefgabcdefg", "cde", 1, 10, 2),
            indexof("abcdefgabcdefg", "cde", 1, -1, 3)"#;
        assert_eq!(
            eval_row(q),
            ["2", "2", "-1", "-1", "2", "4", "2", "9", "-1"]
        );
        assert!(refused(r#"print indexof("aaaa", "aa", 0, -1, 2)"#));
    }

    #[test]
    fn strcmp_and_reverse() {
        // conformance strcmp-function-00 and reverse-function-00/01.
        assert_eq!(
            eval_row(
                r#"print strcmp("ABC","ABC"), strcmp("abc","ABC"), strcmp("ABC","abc"), strcmp("abcde","abc")"#
            ),
            ["0", "1", "-1", "1"]
        );
        assert_eq!(
            eval_row(
                "print reverse(12345), reverse(123.45), reverse(datetime(2017-10-15 12:00)), reverse(3h)"
            ),
            [
                "54321",
                "54.321",
                "Z0000000.00:00:21T51-01-7102",
                "00:00:30"
            ]
        );
    }
}
