//! Translating a `parse` pattern into a regular expression (q/parse-operator.md).
//!
//! ```kql
//! T | parse Text with * "resourceName=" Name ", totalSlices=" Total:long * "x=" X
//! // simple:  ^.*?resourceName=(?P<c0>.*?), totalSlices=(?P<c1>\s*[-+]?\d+).*?x=(?P<c2>.*?)$
//! T | parse kind=regex flags=i Text with * "RESOURCENAME=" Name "," *
//! // regex:   (?i).*?RESOURCENAME=(?P<c0>.*),.*?
//! ```
//! `simple` and `relaxed` quote the literals, capture lazily and anchor at both ends; a
//! typed column just before a `*` matches its type's shape instead (only integers have
//! a known shape; others are refused). `regex` uses the literals as regexes, captures
//! string columns greedily, shapes typed columns, and does not anchor.
//!
//! Where Kusto's translation is not documented, the plan also carries *variants*: the
//! other plausible regexes. The executor refuses any row on which a variant disagrees
//! with the primary regex, so an undocumented choice never changes an answer silently.
//! Variants: a leading literal unanchored (simple/relaxed), a typed column before `*`
//! made optional (relaxed), `*` greedy and a `+` sign in integer shapes (regex).

use kql_parser::ast::{ParsePart, ScalarType, Span};

use crate::bind::CheckError;

/// `parse kind=...`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParseKind {
    Simple,
    Relaxed,
    Regex,
}

/// The regexes of a pattern and the columns it captures (group `c{k}` is column `k`).
pub(crate) struct Pattern {
    pub regex: String,
    pub variants: Vec<String>,
    pub columns: Vec<(String, ScalarType, Span)>,
}

/// Translates the pattern. `flags` are the regex flags (`kind=regex` only).
pub(crate) fn translate(
    kind: ParseKind,
    flags: &str,
    parts: &[ParsePart],
    span: Span,
) -> Result<Pattern, CheckError> {
    let mut columns: Vec<(String, ScalarType, Span)> = Vec::new();
    // Each variant is built alongside the primary regex: one String per regex.
    let mut leading_unanchored = String::new();
    let mut optional_shapes = String::new();
    let mut greedy_stars = String::new();
    let mut plus_signs = String::new();
    let mut primary = String::new();
    let mut uses_optional = false;
    let mut uses_star = false;
    let mut uses_shape = false;
    for (i, part) in parts.iter().enumerate() {
        let next = parts.get(i + 1);
        match part {
            ParsePart::Literal { value, span } => {
                let text = if kind == ParseKind::Regex {
                    let value = crate::functions::re2::translate(value);
                    regex::Regex::new(&value).map_err(|e| {
                        CheckError::invalid(format!("invalid regex in the pattern: {e}"), *span)
                    })?;
                    format!("(?:{value})")
                } else {
                    regex::escape(value)
                };
                for r in [
                    &mut primary,
                    &mut leading_unanchored,
                    &mut optional_shapes,
                    &mut greedy_stars,
                    &mut plus_signs,
                ] {
                    r.push_str(&text);
                }
            }
            ParsePart::Star { .. } => {
                uses_star = true;
                for r in [
                    &mut primary,
                    &mut leading_unanchored,
                    &mut optional_shapes,
                    &mut plus_signs,
                ] {
                    r.push_str(".*?");
                }
                greedy_stars.push_str(".*");
            }
            ParsePart::Column { name, ty, span } => {
                let ty = ty.unwrap_or(ScalarType::String);
                if columns.iter().any(|(n, _, _)| *n == name.name) {
                    return Err(CheckError::invalid(
                        format!("column `{}` appears twice in the pattern", name.name),
                        *span,
                    ));
                }
                let before_star = matches!(next, Some(ParsePart::Star { .. }));
                if before_star && ty == ScalarType::String {
                    return Err(CheckError::invalid(
                        "`*` cannot follow a string column in a parse pattern",
                        *span,
                    ));
                }
                if matches!(next, Some(ParsePart::Column { .. })) {
                    return Err(CheckError::unsupported(
                        "two columns with nothing between them in a parse pattern",
                        *span,
                    ));
                }
                let group = format!("c{}", columns.len());
                let (main, optional, plus) = if kind == ParseKind::Regex {
                    match ty {
                        ScalarType::String => (".*".to_string(), None, None),
                        ScalarType::Long | ScalarType::Int => {
                            uses_shape = true;
                            (r"-?\d+".to_string(), None, Some(r"[-+]?\d+".to_string()))
                        }
                        other => return Err(shape_unsupported(other, "kind=regex", *span)),
                    }
                } else if before_star {
                    match ty {
                        ScalarType::Long | ScalarType::Int => {
                            uses_optional |= kind == ParseKind::Relaxed;
                            (r"\s*[-+]?\d+".to_string(), Some(()), None)
                        }
                        other => return Err(shape_unsupported(other, "before `*`", *span)),
                    }
                } else {
                    (".*?".to_string(), None, None)
                };
                let capture = format!("(?P<{group}>{main})");
                primary.push_str(&capture);
                leading_unanchored.push_str(&capture);
                greedy_stars.push_str(&capture);
                match optional {
                    Some(()) => optional_shapes.push_str(&format!("(?P<{group}>{main})?")),
                    None => optional_shapes.push_str(&capture),
                }
                match plus {
                    Some(p) => plus_signs.push_str(&format!("(?P<{group}>{p})")),
                    None => plus_signs.push_str(&capture),
                }
                columns.push((name.name.to_string(), ty, *span));
            }
        }
    }
    let mut variants = Vec::new();
    let regex = if kind == ParseKind::Regex {
        let prefix = regex_flags(flags, span)?;
        if uses_star {
            variants.push(format!("{prefix}{greedy_stars}"));
        }
        if uses_shape {
            variants.push(format!("{prefix}{plus_signs}"));
        }
        format!("{prefix}{primary}")
    } else {
        if !flags.is_empty() {
            return Err(CheckError::invalid(
                "`flags` applies only to `kind=regex`",
                span,
            ));
        }
        if matches!(parts.first(), Some(ParsePart::Literal { .. })) {
            variants.push(format!("{leading_unanchored}$"));
        }
        if uses_optional {
            variants.push(format!("^{optional_shapes}$"));
        }
        format!("^{primary}$")
    };
    for r in std::iter::once(&regex).chain(&variants) {
        regex::Regex::new(r).map_err(|e| {
            CheckError::invalid(format!("the parse pattern is not a valid regex: {e}"), span)
        })?;
    }
    Ok(Pattern {
        regex,
        variants,
        columns,
    })
}

/// `flags=Ui` as an inline `(?Ui)` prefix; RE2's flags `i`, `m`, `s`, `U`.
fn regex_flags(flags: &str, span: Span) -> Result<String, CheckError> {
    if flags.is_empty() {
        return Ok(String::new());
    }
    if let Some(bad) = flags.chars().find(|c| !matches!(c, 'i' | 'm' | 's' | 'U')) {
        return Err(CheckError::invalid(
            format!("`{bad}` is not a regex flag (use i, m, s or U)"),
            span,
        ));
    }
    Ok(format!("(?{flags})"))
}

fn shape_unsupported(ty: ScalarType, place: &str, span: Span) -> CheckError {
    CheckError::unsupported(
        format!("a {ty} column {place} in a parse pattern (only long and int have a known shape)"),
        span,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use kql_parser::ast::Ident;

    fn lit(s: &str) -> ParsePart {
        ParsePart::Literal {
            value: s.to_string(),
            span: Span::default(),
        }
    }

    fn col(n: &str, ty: Option<ScalarType>) -> ParsePart {
        ParsePart::Column {
            name: Ident {
                name: n.into(),
                span: Span::default(),
            },
            ty,
            span: Span::default(),
        }
    }

    fn star() -> ParsePart {
        ParsePart::Star {
            span: Span::default(),
        }
    }

    #[test]
    fn simple_patterns_anchor_and_capture_lazily() {
        let parts = [
            star(),
            lit("n="),
            col("n", Some(ScalarType::Long)),
            star(),
            lit("."),
        ];
        let p = translate(ParseKind::Simple, "", &parts, Span::default()).unwrap();
        assert_eq!(p.regex, r"^.*?n=(?P<c0>\s*[-+]?\d+).*?\.$");
        assert!(p.variants.is_empty());
        let parts = [lit("a"), col("v", None), lit("c")];
        let p = translate(ParseKind::Simple, "", &parts, Span::default()).unwrap();
        assert_eq!(p.regex, "^a(?P<c0>.*?)c$");
        assert_eq!(p.variants, ["a(?P<c0>.*?)c$"]);
    }

    #[test]
    fn regex_patterns_are_greedy_with_flags() {
        let parts = [star(), lit("X="), col("x", None), lit(","), star()];
        let p = translate(ParseKind::Regex, "Ui", &parts, Span::default()).unwrap();
        assert_eq!(p.regex, "(?Ui).*?(?:X=)(?P<c0>.*)(?:,).*?");
        assert_eq!(p.variants, ["(?Ui).*(?:X=)(?P<c0>.*)(?:,).*"]);
    }

    #[test]
    fn refusals() {
        let s = Span::default();
        assert!(translate(ParseKind::Simple, "", &[col("a", None), star()], s).is_err());
        let dt = [col("a", Some(ScalarType::DateTime)), star()];
        assert!(translate(ParseKind::Simple, "", &dt, s).is_err());
        assert!(translate(ParseKind::Regex, "q", &[col("a", None)], s).is_err());
        assert!(translate(ParseKind::Simple, "i", &[col("a", None)], s).is_err());
        assert!(translate(ParseKind::Regex, "", &[lit("(")], s).is_err());
    }
}
