//! The string predicates behind `has`, `contains`, `startswith`, `=~`, `matches regex`
//! and their `!` / `_cs` forms.
//!
//! Terms (for `has`, `hasprefix`, `hassuffix`) are maximal runs of alphanumeric
//! characters (q/datatypes-string-operators.md). A needle with other characters in it
//! (`has "foo-bar"`) matches where it occurs with term boundaries at its alphanumeric
//! ends. Case-insensitive matching folds ASCII letters.

use std::sync::Arc;

use regex::Regex;

use super::args::map_rows;
use super::compare::text;
use super::{Datum, ScalarCall};
use crate::exec::EvalError;
use crate::table::{Column, PrimitiveColumn};
use crate::value::Value;

/// Where a needle must sit relative to term boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// `has`: both ends on term boundaries.
    Term,
    /// `hasprefix`: the start on a boundary.
    TermStart,
    /// `hassuffix`: the end on a boundary.
    TermEnd,
    /// `contains`: anywhere.
    Anywhere,
}

/// A string to look for, prepared once.
#[derive(Debug, Clone)]
pub(crate) struct Needle {
    text: String,
    case_sensitive: bool,
}

impl Needle {
    pub(crate) fn new(text: &str, case_sensitive: bool) -> Needle {
        let text = if case_sensitive {
            text.to_string()
        } else {
            text.to_ascii_lowercase()
        };
        Needle {
            text,
            case_sensitive,
        }
    }

    /// `hay has needle`.
    pub(crate) fn has(&self, hay: &str) -> bool {
        self.find(hay, Anchor::Term)
    }

    fn find(&self, hay: &str, anchor: Anchor) -> bool {
        self.find_with(hay, anchor, &mut String::new())
    }

    /// As `find`, folding the haystack into `scratch` (reused across rows, so a
    /// column is searched without allocating per row).
    fn find_with(&self, hay: &str, anchor: Anchor, scratch: &mut String) -> bool {
        let hay = if self.case_sensitive {
            hay
        } else {
            scratch.clear();
            scratch.push_str(hay);
            scratch.make_ascii_lowercase();
            scratch.as_str()
        };
        let needle = self.text.as_str();
        if needle.is_empty() {
            // An empty needle is found by contains; there is no empty term.
            return anchor == Anchor::Anywhere || (anchor != Anchor::Term && !hay.is_empty());
        }
        let check_start = matches!(anchor, Anchor::Term | Anchor::TermStart)
            && needle.chars().next().is_some_and(char::is_alphanumeric);
        let check_end = matches!(anchor, Anchor::Term | Anchor::TermEnd)
            && needle
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let mut from = 0;
        while let Some(pos) = hay[from..].find(needle) {
            let start = from + pos;
            let end = start + needle.len();
            let start_ok = !check_start
                || !hay[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            let end_ok =
                !check_end || !hay[end..].chars().next().is_some_and(char::is_alphanumeric);
            if start_ok && end_ok {
                return true;
            }
            from = start + hay[start..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

/// Evaluates the string predicate named by `call.function.name`.
pub(crate) fn predicate(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let (negated, base) = match name {
        "=~" => (false, "=~"),
        "!~" => (true, "=~"),
        _ => (name.starts_with('!'), name.trim_start_matches('!')),
    };
    let case_sensitive = base.ends_with("_cs") || base == "matches regex";
    let base = base.trim_end_matches("_cs");
    if base == "matches regex" {
        return regex_match(call);
    }
    // The right side is nearly always a literal: prepare it once.
    let constant = call.args[1]
        .as_scalar()
        .map(|v| Needle::new(&text(v), case_sensitive));
    // Columnar path: a string column against a literal, without a value per row.
    if let (Some(needle), Some(Column::String(hay))) = (&constant, call.args[0].as_column()) {
        let mut scratch = String::new();
        let mut out = Vec::with_capacity(hay.len());
        for h in hay.iter() {
            let found = matches(base, needle, h, case_sensitive, &mut scratch)
                .ok_or_else(|| EvalError::Internal(format!("unknown string operator {name}")))?;
            out.push(found != negated);
        }
        return Ok(Datum::Column(Arc::new(Column::Bool(
            PrimitiveColumn::from_values(out),
        ))));
    }
    map_rows(call, |v| {
        let hay = text(&v[0]);
        let local;
        let needle = match &constant {
            Some(n) => n,
            None => {
                local = Needle::new(&text(&v[1]), case_sensitive);
                &local
            }
        };
        let found = matches(base, needle, &hay, case_sensitive, &mut String::new())
            .ok_or_else(|| EvalError::Internal(format!("unknown string operator {name}")))?;
        Ok(Value::Bool(found != negated))
    })
}

/// Whether `hay` satisfies operator `base` (`has`, `contains`, ... without `!`/`_cs`);
/// `None` for an unknown operator.
fn matches(
    base: &str,
    needle: &Needle,
    hay: &str,
    case_sensitive: bool,
    scratch: &mut String,
) -> Option<bool> {
    let prefix_or_suffix = |suffix: bool| {
        let n = needle.text.as_bytes();
        let h = hay.as_bytes();
        if n.len() > h.len() {
            return false;
        }
        let part = if suffix {
            &h[h.len() - n.len()..]
        } else {
            &h[..n.len()]
        };
        if case_sensitive {
            part == n
        } else {
            part.eq_ignore_ascii_case(n)
        }
    };
    Some(match base {
        "=~" => hay.eq_ignore_ascii_case(&needle.text),
        "has" => needle.find_with(hay, Anchor::Term, scratch),
        "hasprefix" => needle.find_with(hay, Anchor::TermStart, scratch),
        "hassuffix" => needle.find_with(hay, Anchor::TermEnd, scratch),
        "contains" => needle.find_with(hay, Anchor::Anywhere, scratch),
        "startswith" => prefix_or_suffix(false),
        "endswith" => prefix_or_suffix(true),
        _ => return None,
    })
}

/// `matches regex`: the left contains a match (not anchored).
fn regex_match(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let compile = |p: &str| {
        Regex::new(&super::re2::to_rust(p))
            .map_err(|e| EvalError::invalid(format!("invalid regex {p:?}: {e}")))
    };
    let constant = match call.args[1].as_scalar() {
        Some(v) => Some(compile(&text(v))?),
        None => None,
    };
    map_rows(call, |v| {
        let re = match &constant {
            Some(re) => re.clone(),
            None => compile(&text(&v[1]))?,
        };
        Ok(Value::Bool(re.is_match(&text(&v[0]))))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn has_matches_whole_terms_only() {
        // q/datatypes-string-operators.md: "North America" has "america";
        // "KustoExplorerQueryRun" has "Explorer" is false.
        assert!(Needle::new("america", false).has("North America"));
        assert!(!Needle::new("Explorer", false).has("KustoExplorerQueryRun"));
        assert!(!Needle::new("amer", false).has("North America"));
        assert!(Needle::new("foo-bar", false).has("x foo-bar y"));
        assert!(!Needle::new("America", true).has("North america"));
    }

    #[test]
    fn prefixes_and_suffixes_are_of_terms() {
        // "North America" hasprefix "ame" and hassuffix "ica".
        assert!(Needle::new("ame", false).find("North America", Anchor::TermStart));
        assert!(Needle::new("ica", false).find("North America", Anchor::TermEnd));
        assert!(!Needle::new("ric", false).find("North America", Anchor::TermStart));
    }
}
