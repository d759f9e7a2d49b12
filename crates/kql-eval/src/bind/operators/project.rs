//! The `project` family: choose, rename and reorder columns.
//!
//! ```kql
//! T | project Pair = strcat(A, "|", B), NetworkMessageId
//! T | project-away Tmp*, Debug        // keep the rest, in order
//! T | project-keep Sender*            // keep only these, in order
//! T | project-rename Domain = SenderFromDomain
//! T | project-reorder Subject, Sender* asc
//! ```

use std::sync::Arc;

use kql_parser::ast::{Ident, NamedExpr, Rename, ReorderItem, ReorderOrder, Span};

use super::extend::Projection;
use crate::bind::{Binder, CheckError, did_you_mean};
use crate::plan::{Plan, ProjectItem};

impl Binder<'_> {
    pub(super) fn project(
        &mut self,
        input: Arc<Plan>,
        items: &[NamedExpr],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut projection = Projection::new(input, false);
        for item in items {
            projection.add(self, item, false)?;
        }
        Ok(projection.finish(span))
    }

    pub(super) fn project_away(
        &mut self,
        input: Arc<Plan>,
        patterns: &[Ident],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let removed = matched_columns(&input, patterns)?;
        let mut projection = Projection::new(input.clone(), false);
        for (i, f) in input.schema.fields.iter().enumerate() {
            if !removed.contains(&i) {
                projection.set(f.name.clone(), ProjectItem::Input(i));
            }
        }
        Ok(projection.finish(span))
    }

    pub(super) fn project_keep(
        &mut self,
        input: Arc<Plan>,
        patterns: &[Ident],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let kept = matched_columns(&input, patterns)?;
        let mut projection = Projection::new(input.clone(), false);
        for (i, f) in input.schema.fields.iter().enumerate() {
            if kept.contains(&i) {
                projection.set(f.name.clone(), ProjectItem::Input(i));
            }
        }
        Ok(projection.finish(span))
    }

    pub(super) fn project_rename(
        &mut self,
        input: Arc<Plan>,
        renames: &[Rename],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut names: Vec<String> = input.schema.fields.iter().map(|f| f.name.clone()).collect();
        for rename in renames {
            let Some(i) = input.schema.index_of(&rename.old.name) else {
                return Err(unknown_column(&input, &rename.old));
            };
            names[i] = rename.new.name.to_string();
        }
        let mut projection = Projection::new(input.clone(), false);
        for (i, name) in names.into_iter().enumerate() {
            if projection.has_output(&name) {
                return Err(CheckError::invalid(
                    format!("column `{name}` would exist twice after the rename"),
                    span,
                ));
            }
            projection.set(name, ProjectItem::Input(i));
        }
        Ok(projection.finish(span))
    }

    pub(super) fn project_reorder(
        &mut self,
        input: Arc<Plan>,
        items: &[ReorderItem],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut order: Vec<usize> = Vec::new();
        for item in items {
            let mut matched = matched_columns(&input, std::slice::from_ref(&item.pattern))?;
            matched.retain(|i| !order.contains(i));
            let name = |i: &usize| input.schema.fields[*i].name.clone();
            if matches!(item.order, Some(ReorderOrder::Asc | ReorderOrder::Desc)) {
                // [U] Ordinal or case-insensitive order: refused where they differ.
                let mut folded = matched.clone();
                folded.sort_by_key(|i| name(i).to_lowercase());
                let mut ordinal = matched.clone();
                ordinal.sort_by_key(name);
                if folded != ordinal {
                    return Err(CheckError::unsupported(
                        "`project-reorder asc/desc` of names that differ only in case order",
                        item.span,
                    ));
                }
            }
            match item.order {
                Some(ReorderOrder::Asc) => matched.sort_by_key(name),
                Some(ReorderOrder::Desc) => matched.sort_by_key(|i| std::cmp::Reverse(name(i))),
                Some(ReorderOrder::GrannyAsc | ReorderOrder::GrannyDesc) => {
                    return Err(CheckError::unsupported(
                        "`granny-asc`/`granny-desc` ordering",
                        item.span,
                    ));
                }
                None => {}
            }
            order.extend(matched);
        }
        let rest: Vec<usize> = (0..input.schema.fields.len())
            .filter(|i| !order.contains(i))
            .collect();
        let mut projection = Projection::new(input.clone(), false);
        for i in order.into_iter().chain(rest) {
            projection.set(input.schema.fields[i].name.clone(), ProjectItem::Input(i));
        }
        Ok(projection.finish(span))
    }
}

/// The input columns matching any of `patterns` (names, or globs with `*`), in schema
/// order. A plain name that matches nothing is an error.
fn matched_columns(input: &Plan, patterns: &[Ident]) -> Result<Vec<usize>, CheckError> {
    let mut out = Vec::new();
    for pattern in patterns {
        let before = out.len();
        for (i, f) in input.schema.fields.iter().enumerate() {
            if glob_match(&pattern.name, &f.name) && !out.contains(&i) {
                out.push(i);
            }
        }
        if out.len() == before && !pattern.name.contains('*') {
            return Err(unknown_column(input, pattern));
        }
    }
    out.sort_unstable();
    Ok(out)
}

fn unknown_column(input: &Plan, ident: &Ident) -> CheckError {
    CheckError::UnknownColumn {
        name: ident.name.to_string(),
        context: crate::bind::RowScope::of(&input.schema).describe(),
        span: ident.span,
        help: did_you_mean(
            &ident.name,
            input.schema.fields.iter().map(|f| f.name.as_str()),
        ),
    }
}

/// `*` matches any run of characters; everything else matches itself.
pub(crate) fn glob_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let mut rest = name;
    for (k, part) in parts.iter().enumerate() {
        if k == 0 {
            let Some(r) = rest.strip_prefix(part) else {
                return false;
            };
            rest = r;
        } else if k == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            let Some(at) = rest.find(part) else {
                return false;
            };
            rest = &rest[at + part.len()..];
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::glob_match;

    #[test]
    fn globs_match_like_project_away() {
        assert!(glob_match("session*", "session_id"));
        assert!(glob_match("*Domain", "SenderFromDomain"));
        assert!(glob_match("a*b*c", "axxbyyc"));
        assert!(!glob_match("a*b", "ac"));
        assert!(glob_match("Subject", "Subject"));
    }
}
