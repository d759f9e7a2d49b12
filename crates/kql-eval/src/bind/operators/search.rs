//! `search` as a source: rows of several tables that satisfy a predicate.
//!
//! ```kql
//! search in (EmailEvents, DeviceNetworkEvents) Timestamp > ago(1d) and RemoteIP == ip
//! let Range10 = view () { range MyColumn from 1 to 10 step 1 }; search MyColumn == 5
//! ```
//!
//! The search operator page gives its meaning as a union and a filter: `search in
//! (T1,T2,A*) "err"` is `union T1,T2,A* | where * has "err"`, and its result names each
//! row's table in a first column `$table` (q/search-operator.md; conformance case
//! let-statement-05). Without `in (...)` the tables that hold data and the views in
//! scope take part.
//!
//! Over tables of different schemas the result is shaped like `find`'s `project-smart`
//! ($table, the predicate's columns, the common columns, the rest packed), in an order
//! the docs do not give, so only tables that share one schema are searched; the others
//! are refused. Refused too, because the docs leave their meaning over typed columns
//! open: bare terms (`search "err"`, `*billg*`, which search every column's text),
//! `kind=case_sensitive` (which changes every string operator of the predicate), and
//! `T | search`.

use std::sync::Arc;

use kql_parser::ast::{BinaryOp, Expr, ExprKind, Ident, Literal, NamedOption, Search, Span, Union};

use crate::bind::scope::Binding;
use crate::bind::{Binder, CheckError};
use crate::plan::{Plan, PlanKind};

impl Binder<'_> {
    /// Binds `search [kind=...] [in (Tables)] Predicate` at the start of a pipeline.
    pub(crate) fn search_source(
        &mut self,
        search: &Search,
        span: Span,
    ) -> Result<Plan, CheckError> {
        for option in &search.options {
            let case_insensitive = matches!(&option.value.kind,
                ExprKind::Name(v) if v.name == "default" || v.name == "case_insensitive");
            if option.name.name != "kind" || !case_insensitive {
                return Err(CheckError::unsupported(
                    "`search kind=case_sensitive` (it changes every string operator of the predicate)",
                    option.span,
                ));
            }
        }
        if let Some(term) = bare_term(&search.predicate) {
            return Err(CheckError::unsupported(
                "a bare `search` term, which searches the text of every column (name the column instead: `Subject has \"x\"`),",
                term,
            ));
        }
        let tables = if search.tables.is_empty() {
            self.every_data_table_and_view(span)
        } else {
            search.tables.clone()
        };
        let union = Union {
            options: vec![NamedOption {
                name: ident("withsource", span),
                value: Expr::new(ExprKind::Name(ident("$table", span)), span),
                span,
            }],
            tables,
        };
        let input = self.union(None, &union, span)?;
        if let PlanKind::Union(legs) = &input.kind {
            let first = legs.inputs.first().map(|p| &p.schema.fields);
            if legs.inputs.iter().any(|p| Some(&p.schema.fields) != first) {
                return Err(CheckError::unsupported(
                    "`search` over tables of different schemas (its result is shaped like `find ... project-smart`, in a column order the docs do not give)",
                    span,
                ));
            }
        }
        self.filter(Arc::new(input), &search.predicate, span)
    }
}

impl Binder<'_> {
    /// Without `in (...)`: the tables that hold data and the `let` views in scope, by
    /// name.
    fn every_data_table_and_view(&self, span: Span) -> Vec<Expr> {
        let mut names = self.tables.data_table_names();
        names.extend(
            self.scopes
                .names()
                .filter(|n| {
                    matches!(self.scopes.lookup(n),
                        Some(Binding::Function(def)) if def.is_view && def.params.is_empty())
                })
                .map(String::from),
        );
        names.sort();
        names.dedup();
        names
            .iter()
            .map(|n| Expr::new(ExprKind::Name(ident(n, span)), span))
            .collect()
    }
}

fn ident(name: &str, span: Span) -> Ident {
    Ident {
        name: name.into(),
        span,
    }
}

/// The span of a string literal standing alone as a term of the predicate (`"err"`,
/// `"a" and x == 1`), if there is one.
fn bare_term(predicate: &Expr) -> Option<Span> {
    match &predicate.kind {
        ExprKind::Literal(Literal::String(_)) => Some(predicate.span),
        ExprKind::Binary {
            op: BinaryOp::And | BinaryOp::Or,
            left,
            right,
        } => bare_term(left).or_else(|| bare_term(right)),
        ExprKind::Paren(inner) => bare_term(inner),
        ExprKind::Call { name, args } if name.name == "not" => args.first().and_then(bare_term),
        _ => None,
    }
}
