//! Late binding: queries whose schema depends on their data.
//!
//! ```kql
//! EmailEvents
//! | project Timestamp, AR = parse_json(AuthenticationDetails)
//! | evaluate bag_unpack(AR)          // columns: one per key found in the data
//! | where DMARC == "fail"            // so `DMARC` can only be bound once AR is read
//! ```
//! `evaluate bag_unpack` (and `pivot`) produce columns named after values in the data,
//! with types taken from the data (q/bag-unpack-plugin.md, "Returns"). No schema can
//! be computed before the data is read, so such a query is bound in two steps:
//!
//! * At check time the binder reaches the plugin without data and stops with
//!   [`CheckError::NeedsData`]. The statement (a query, or a `let` that later
//!   statements use) becomes a [`LateQuery`]: its AST, the `let` scopes it sees, and a
//!   snapshot of the table schemas it may name. Its plan is a `PlanKind::Late` leaf with
//!   an empty schema; errors after the plugin are reported at run time.
//! * At run time the executor binds the statement again with a [`Resolver`]. When the
//!   binder reaches the plugin, it runs the plugin's (already bound) input through the
//!   resolver, computes the plugin's table, and continues binding against that table's
//!   real schema (`PlanKind::Constant`). Everything after the plugin is then bound,
//!   typed and checked exactly as if the columns had been declared.
//!
//! So every name after the plugin resolves against the columns the data really has,
//! `column_ifexists` sees them, and nothing is guessed.

use std::collections::HashMap;
use std::sync::Arc;

use kql_parser::ast::visit::{Node, Visitor};
use kql_parser::ast::{Expr, ExprKind, Script};

use super::scope::Scopes;
use super::{Binder, CheckError, TableProvider};
use crate::plan::{Plan, RenderRequest};
use crate::table::{Schema, Table};

/// Runs bound plans while binding, at run time (see the module docs).
pub trait Resolver {
    /// Executes a bound (unpruned) plan to its table.
    fn run(&mut self, plan: &Plan) -> Result<Arc<Table>, CheckError>;
    /// Records a run-time failure and returns the error the binder propagates.
    fn fail(&mut self, error: crate::exec::EvalError) -> CheckError;
}

/// A statement bound at run time.
#[derive(Debug)]
pub struct LateQuery {
    /// The statement's tabular expression.
    pub(crate) expr: Expr,
    /// The `let` scopes the statement sees.
    pub(crate) scopes: Scopes,
    /// The table schemas the statement may read.
    pub(crate) catalog: Arc<Catalog>,
    /// The first `materialize` id free for run-time binding.
    pub(crate) next_materialize_id: usize,
    /// The chart a final `render` asks for (read from the text at check time).
    pub render: Option<RenderRequest>,
}

impl LateQuery {
    /// Binds the statement, running the plugins' inputs through `resolver`.
    pub fn bind(&self, resolver: &mut dyn Resolver) -> Result<Plan, CheckError> {
        let mut binder = Binder::new(self.catalog.as_ref());
        binder.scopes = self.scopes.clone();
        binder.next_materialize_id = self.next_materialize_id;
        binder.resolver = Some(resolver);
        binder.tabular(&self.expr).map(Arc::unwrap_or_clone)
    }
}

/// A `let` whose value needs data: bound again wherever it is used at run time.
#[derive(Debug)]
pub(crate) struct LateLet {
    pub value: Expr,
    pub scopes: Scopes,
    pub tabular: bool,
}

/// A snapshot of table schemas (late queries outlive the check-time provider).
#[derive(Debug, Default)]
pub struct Catalog {
    tables: HashMap<String, Schema>,
    /// What the provider said `TimeGenerated` stands for.
    time_generated_alias: Option<&'static str>,
}

impl Catalog {
    /// Every table the provider lists, and every name in `script` it knows.
    pub(crate) fn snapshot(provider: &dyn TableProvider, script: &Script) -> Catalog {
        struct Names(Vec<String>);
        impl<'a> Visitor<'a> for Names {
            fn enter(&mut self, node: Node<'a>) {
                match node {
                    Node::Ident(ident) => self.0.push(ident.name.to_string()),
                    Node::Expr(Expr {
                        kind: ExprKind::Name(ident),
                        ..
                    }) => self.0.push(ident.name.to_string()),
                    _ => {}
                }
            }
        }
        let mut names = Names(provider.table_names());
        names.visit_script(script);
        let tables = names
            .0
            .into_iter()
            .filter_map(|n| provider.table_schema(&n).map(|s| (n, s)))
            .collect();
        Catalog {
            tables,
            time_generated_alias: provider.column_alias("TimeGenerated"),
        }
    }
}

impl TableProvider for Catalog {
    fn column_alias(&self, name: &str) -> Option<&'static str> {
        self.time_generated_alias
            .filter(|_| name == "TimeGenerated")
    }

    fn table_schema(&self, name: &str) -> Option<Schema> {
        self.tables.get(name).cloned()
    }

    fn table_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.tables.keys().cloned().collect();
        names.sort();
        names
    }
}

impl Binder<'_> {
    /// The table of a plan whose output decides the schema (a plugin's input): runs
    /// it at run time, or stops check-time binding with [`CheckError::NeedsData`].
    pub(crate) fn run_for_schema(
        &mut self,
        what: &str,
        plan: &Plan,
    ) -> Result<Arc<Table>, CheckError> {
        match self.resolver.as_mut() {
            Some(resolver) => resolver.run(plan),
            None => Err(CheckError::NeedsData {
                what: what.to_string(),
                span: plan.span,
            }),
        }
    }

    /// A run-time failure while binding late (a plugin rejecting its data).
    pub(crate) fn data_error(&mut self, error: crate::exec::EvalError) -> CheckError {
        match self.resolver.as_mut() {
            Some(resolver) => resolver.fail(error),
            None => CheckError::invalid(error.to_string(), kql_parser::ast::Span::default()),
        }
    }

    /// A `LateQuery` for a statement that needs data, seeing the current scopes.
    pub(crate) fn late_query(&self, expr: &Expr, catalog: &Arc<Catalog>) -> LateQuery {
        LateQuery {
            expr: expr.clone(),
            scopes: self.scopes.clone(),
            catalog: catalog.clone(),
            // Run-time binding must not reuse the ids of check-time plans in scope.
            next_materialize_id: self.next_materialize_id + 1_000_000,
            render: final_render(expr),
        }
    }

    /// Binds a late `let` where it is used (run time), in the scopes it was defined in.
    pub(crate) fn bind_late_let(&mut self, late: &LateLet) -> Result<LateValue, CheckError> {
        if self.resolver.is_none() {
            return Err(CheckError::NeedsData {
                what: "a `let` whose columns depend on the data".to_string(),
                span: late.value.span,
            });
        }
        let saved = std::mem::replace(&mut self.scopes, late.scopes.clone());
        let result = if late.tabular {
            self.tabular(&late.value).map(LateValue::Tabular)
        } else {
            self.scalar(&late.value, &super::RowScope::empty())
                .map(LateValue::Scalar)
        };
        self.scopes = saved;
        result
    }
}

/// The request of a statement's final `render`, if it ends with one that is valid.
fn final_render(expr: &Expr) -> Option<RenderRequest> {
    match &expr.kind {
        ExprKind::Paren(inner) => final_render(inner),
        ExprKind::Pipe { op, .. } => match &op.kind {
            kql_parser::ast::OperatorKind::Render(r) => {
                super::operators::render::render_request(r).ok()
            }
            _ => None,
        },
        _ => None,
    }
}

/// A late `let` bound at run time.
pub(crate) enum LateValue {
    Tabular(Arc<Plan>),
    Scalar(crate::plan::ScalarExpr),
}
