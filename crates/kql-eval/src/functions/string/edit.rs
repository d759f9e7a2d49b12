//! Rewriting strings: `replace_string`, `replace_strings`, `translate`, `strrep`,
//! `strcat_array`, `unicode_codepoints_from_string`, `unicode_codepoints_to_string`.
//!
//! ```kql
//! print replace_string("A cat", "cat", "dog")                                 // "A dog"
//! print replace_strings("a cat into a dog", dynamic(['cat','dog']), dynamic(['dog','pigeon']))
//! print translate("krasp", "otsku", "spark"), strrep(123, 3, '.')            // "kusto", "123.123.123"
//! print strcat_array(dynamic([1, 2, 3]), "->"), unicode_codepoints_to_string(75, 117)
//! ```

use std::collections::HashMap;
use std::sync::Arc;

use super::super::args::map_rows;
use super::super::compare::text;
use super::super::{Datum, ScalarCall};
use super::slice::{is_bmp, not_bmp};
use super::string_arg;
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

fn refuse(function: &str, what: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}(): {what} is undocumented; kql refuses it"
    ))
}

/// `replace_string(text, lookup, rewrite)`: every non-overlapping occurrence, left to
/// right (q/replace-string-function.md).
pub(super) fn replace_string(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let (s, lookup, rewrite) = (string_arg(&v[0])?, string_arg(&v[1])?, string_arg(&v[2])?);
        if lookup.is_empty() {
            return Err(refuse("replace_string", "an empty lookup"));
        }
        Ok(Value::String(s.replace(&*lookup, &rewrite).into()))
    })
}

/// `replace_strings(text, lookups, rewrites)` (q/replace-strings-function.md): earlier
/// lookups take precedence: each lookup claims its occurrences that do not overlap an
/// earlier claim. A claim whose rewrite is not a string keeps the original text.
pub(super) fn replace_strings(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        let (Some(lookups), Some(rewrites)) = (array(&v[1]), array(&v[2])) else {
            return Err(refuse(
                "replace_strings",
                "a lookup or rewrite that is not an array",
            ));
        };
        if rewrites.len() < lookups.len() {
            return Err(refuse("replace_strings", "fewer rewrites than lookups"));
        }
        let pairs: Vec<(&str, Option<&str>)> = lookups
            .iter()
            .zip(rewrites)
            .filter_map(|(l, r)| l.as_str().map(|l| (l, r.as_str())))
            .collect();
        if pairs.iter().any(|(l, _)| l.is_empty()) {
            return Err(refuse("replace_strings", "an empty lookup"));
        }
        let claims = claim(&s, &pairs, true);
        if claims != claim(&s, &pairs, false) {
            return Err(refuse("replace_strings", "overlapping lookups like these"));
        }
        let mut out = String::with_capacity(s.len());
        let mut at = 0;
        for (start, end, rewrite) in claims {
            out.push_str(&s[at..start]);
            out.push_str(rewrite.unwrap_or(&s[start..end]));
            at = end;
        }
        out.push_str(&s[at..]);
        Ok(Value::String(out.into()))
    })
}

fn array(v: &Value) -> Option<&[Dynamic]> {
    v.as_dynamic().and_then(Dynamic::as_array)
}

/// The claimed byte ranges, in text order. A blocked occurrence resumes the search one
/// character on (`resume_next`) or after the occurrence.
fn claim<'a>(
    s: &str,
    pairs: &[(&str, Option<&'a str>)],
    resume_next: bool,
) -> Vec<(usize, usize, Option<&'a str>)> {
    let mut claims: Vec<(usize, usize, Option<&'a str>)> = Vec::new();
    for &(lookup, rewrite) in pairs {
        let mut from = 0;
        while let Some(i) = s.get(from..).and_then(|rest| rest.find(lookup)) {
            let (start, end) = (from + i, from + i + lookup.len());
            if claims.iter().any(|&(a, b, _)| start < b && a < end) {
                let step = if resume_next {
                    s[start..].chars().next().map_or(1, char::len_utf8)
                } else {
                    lookup.len()
                };
                from = start + step;
            } else {
                claims.push((start, end, rewrite));
                from = end;
            }
        }
    }
    claims.sort_by_key(|c| c.0);
    claims
}

/// `translate(searchList, replacementList, source)` (q/translate-function.md): a
/// character of searchList becomes the replacement at its position, or the last one
/// when replacementList is shorter; an empty replacementList deletes.
pub(super) fn translate(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let (search, replace, s) = (string_arg(&v[0])?, string_arg(&v[1])?, string_arg(&v[2])?);
        if !is_bmp(&search) || !is_bmp(&replace) || !is_bmp(&s) {
            return Err(not_bmp("translate"));
        }
        let replace: Vec<char> = replace.chars().collect();
        let mut map: HashMap<char, Option<char>> = HashMap::new();
        for (i, c) in search.chars().enumerate() {
            let to = replace.get(i).or(replace.last()).copied();
            if map.insert(c, to).is_some_and(|old| old != to) {
                return Err(refuse("translate", "a character listed twice"));
            }
        }
        let out: String = s
            .chars()
            .filter_map(|c| map.get(&c).copied().unwrap_or(Some(c)))
            .collect();
        Ok(Value::String(out.into()))
    })
}

/// `strrep(value, multiplier[, delimiter])` (q/strrep-function.md) for multipliers 1 to
/// 1024; the page contradicts itself beyond that.
pub(super) fn strrep(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = text(&v[0]);
        let n = match v[1].as_i64() {
            Some(n) if (1..=1024).contains(&n) => n as usize,
            _ => return Err(refuse("strrep", "this multiplier")),
        };
        let delimiter = v.get(2).map(text).unwrap_or_default();
        Ok(Value::String(vec![s; n].join(&delimiter).into()))
    })
}

/// `strcat_array(array, delimiter)` (q/strcat-array-function.md).
pub(super) fn strcat_array(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let Some(items) = array(&v[0]) else {
            return Err(refuse("strcat_array", "a value that is not an array"));
        };
        if items.iter().any(Dynamic::is_null) {
            return Err(refuse("strcat_array", "an array with null elements"));
        }
        let parts: Vec<String> = items
            .iter()
            .map(|d| Value::Dynamic(d.clone()).to_kusto_string())
            .collect();
        Ok(Value::String(parts.join(&text(&v[1])).into()))
    })
}

/// `unicode_codepoints_from_string(value)`: the code points as a dynamic array of longs.
pub(super) fn codepoints_from_string(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = text(&v[0]);
        if !is_bmp(&s) {
            return Err(not_bmp("unicode_codepoints_from_string"));
        }
        let items = s
            .chars()
            .map(|c| Dynamic::Long(i64::from(u32::from(c))))
            .collect();
        Ok(Value::Dynamic(Dynamic::Array(Arc::new(items))))
    })
}

/// `unicode_codepoints_to_string(arg, ...)`: integers and arrays of integers; an
/// invalid code point gives null (`""`), q/unicode-codepoints-to-string-function.md.
pub(super) fn codepoints_to_string(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let mut points = Vec::new();
        for x in v {
            match x {
                Value::Int(_) | Value::Long(_) => points.extend(x.as_i64()),
                Value::Dynamic(Dynamic::Array(items)) => {
                    for item in items.iter() {
                        match item {
                            Dynamic::Long(n) => points.push(*n),
                            _ => {
                                return Err(refuse(
                                    "unicode_codepoints_to_string",
                                    "a non-integer element",
                                ));
                            }
                        }
                    }
                }
                _ => return Err(refuse("unicode_codepoints_to_string", "this argument")),
            }
        }
        let mut out = String::with_capacity(points.len());
        for p in points {
            if (0xD800..=0xDFFF).contains(&p) {
                return Err(refuse(
                    "unicode_codepoints_to_string",
                    "a surrogate code point",
                ));
            }
            match u32::try_from(p).ok().and_then(char::from_u32) {
                Some(c) => out.push(c),
                None => return Ok(Value::string("")),
            }
        }
        Ok(Value::String(out.into()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::test_util::{eval_row, refused};

    #[test]
    fn replace_strings_examples() {
        // q/replace-strings-function.md and conformance replace-strings-function-00/01.
        let m = "A magic trick can turn a cat into a dog";
        assert_eq!(
            eval_row(&format!(
                "print replace_strings('{m}', dynamic(['cat', 'dog']), dynamic(['dog', 'pigeon']))"
            )),
            ["A magic trick can turn a dog into a pigeon"]
        );
        assert_eq!(
            eval_row(&format!(
                "print replace_strings('{m}', dynamic(['turn', ' into a dog']), dynamic(['disappear', '']))"
            )),
            ["A magic trick can disappear a cat"]
        );
        let t = "This is an example of using replace_strings()";
        assert_eq!(
            eval_row(&format!(
                "print replace_strings('{t}', dynamic(['This', 'is']), dynamic(['This', 'was'])), \
                 replace_strings('{t}', dynamic(['is', 'This']), dynamic(['was', 'This'])), \
                 replace_strings('{t}', dynamic(['This', 'is']), dynamic([12345, 'was']))"
            )),
            [
                "This was an example of using replace_strings()",
                "Thwas was an example of using replace_strings()",
                "This was an example of using replace_strings()"
            ]
        );
        // conformance replace-string-function-00.
        assert_eq!(
            eval_row(&format!("print replace_string('{m}', 'cat', 'hamster')")),
            ["A magic trick can turn a hamster into a dog"]
        );
    }

    #[test]
    fn translate_strrep_strcat_array() {
        // q/translate-function.md.
        assert_eq!(
            eval_row(
                r#"print translate("abc", "x", "abc"), translate("abc", "", "ab"), translate("krasp", "otsku", "spark")"#
            ),
            ["xxx", "", "kusto"]
        );
        // q/strrep-function.md.
        assert_eq!(
            eval_row("print strrep('ABC', 2), strrep(123,3,'.'), strrep(3s,2,' ')"),
            ["ABCABC", "123.123.123", "00:00:03 00:00:03"]
        );
        assert!(refused("print strrep('a', 0)"));
        // q/strcat-array-function.md.
        assert_eq!(
            eval_row(
                r#"print strcat_array(dynamic([1, 2, 3]), "->"), strcat_array(dynamic([1, 2, 3]), '"')"#
            ),
            ["1->2->3", "1\"2\"3"]
        );
    }

    #[test]
    fn codepoints() {
        // conformance unicode-codepoints-* cases.
        assert_eq!(
            eval_row(r#"print unicode_codepoints_from_string("קוסטו - Kusto")"#),
            ["[1511,1493,1505,1496,1493,32,45,32,75,117,115,116,111]"]
        );
        assert_eq!(
            eval_row(
                "print unicode_codepoints_to_string(dynamic([75, 117, 115]), 116, 111), unicode_codepoints_to_string(75, 10, 117)"
            ),
            ["Kusto", "K\nu"]
        );
        assert_eq!(eval_row("print unicode_codepoints_to_string(-1)"), [""]);
    }
}
