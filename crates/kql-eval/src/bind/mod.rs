//! The binder: resolves names and types over the AST and produces a typed [`Plan`] per
//! query, or every error a Kusto engine would raise, before any data is read.
//!
//! ```text
//! Script ──bind_script──▶ BoundScript { queries: Vec<Plan> }
//!            │ scopes: let names (scalar, tabular, functions), then catalog tables
//!            │ rows:   an input schema for scalar expressions
//!            ▼
//!        CheckError (kql::check::...)
//! ```

mod error;
mod kusto_names;
mod late;
mod naming;
pub(crate) mod operators;
mod predicate;
mod scalar;
mod scope;
mod source;
mod warning;

use std::sync::Arc;

use kql_parser::ast::{Expr, ExprKind, LetValue, Script, StatementKind};

pub use error::{CheckError, did_you_mean};
pub use late::{Catalog, LateQuery, Resolver};
pub use naming::unique_name;
pub use scope::RowScope;
pub use warning::CheckWarning;

use crate::plan::{Plan, PlanKind, TableRef};
use crate::table::Schema;
use scope::{Binding, Scopes};

/// Where tables come from when binding: names to schemas, no data.
pub trait TableProvider {
    /// The schema of a table the query may read, or `None` when unknown.
    fn table_schema(&self, name: &str) -> Option<Schema>;
    /// Every known table name (for suggestions).
    fn table_names(&self) -> Vec<String>;
    /// The column that `name`, absent from a row's schema, stands for
    /// ([`crate::schema::SchemaVariant::Unified`]: `TimeGenerated` is `Timestamp`).
    fn column_alias(&self, name: &str) -> Option<&'static str> {
        let _ = name;
        None
    }
}

/// A script after binding: one plan per query statement, in order.
#[derive(Debug, Clone)]
pub struct BoundScript {
    pub queries: Vec<Plan>,
}

/// Binds a whole script.
pub fn bind_script(
    script: &Script,
    tables: &dyn TableProvider,
) -> Result<BoundScript, Vec<CheckError>> {
    bind_script_with_warnings(script, tables).0
}

/// Binds a whole script, and also returns the warnings (`bind::warning`), in source
/// order, each once, whether or not binding failed.
///
/// A `let` that fails to bind is reported once: later uses of its name are not
/// reported again as unknown.
pub fn bind_script_with_warnings(
    script: &Script,
    tables: &dyn TableProvider,
) -> (Result<BoundScript, Vec<CheckError>>, Vec<CheckWarning>) {
    let mut binder = Binder::new(tables);
    let mut queries = Vec::new();
    let mut errors = Vec::new();
    // Statements whose columns depend on the data are bound again at run time, against
    // this snapshot of the schemas (`late`).
    let mut catalog: Option<Arc<Catalog>> = None;
    for statement in &script.statements {
        match &statement.kind {
            StatementKind::Let(let_) => match binder.bind_let(&let_.name.name, &let_.value) {
                Ok(()) => {}
                Err(e) => {
                    // A value that needs data is bound where it is used, at run time; one
                    // that failed is bound again by its later uses (failing the same way,
                    // deduplicated below) rather than reported as an unknown name.
                    if !matches!(e, CheckError::NeedsData { .. }) {
                        errors.push(e);
                    }
                    if let LetValue::Expr(value) = &let_.value {
                        let late = late::LateLet {
                            value: value.clone(),
                            scopes: binder.scopes.clone(),
                            tabular: binder.is_tabular(value),
                        };
                        binder
                            .scopes
                            .define(&let_.name.name, Binding::Late(Arc::new(late)));
                    }
                }
            },
            StatementKind::Query(expr) => match binder.tabular(expr) {
                Ok(plan) => queries.push(Arc::unwrap_or_clone(plan)),
                Err(CheckError::NeedsData { .. }) => {
                    let catalog =
                        catalog.get_or_insert_with(|| Arc::new(Catalog::snapshot(tables, script)));
                    let late = binder.late_query(expr, catalog);
                    queries.push(Plan {
                        kind: PlanKind::Late(Arc::new(late)),
                        schema: Schema::default(),
                        span: expr.span,
                    });
                }
                Err(e) => errors.push(e),
            },
            StatementKind::Set { .. } => {}
            StatementKind::DeclareQueryParameters(_) => errors.push(CheckError::unsupported(
                "`declare query_parameters`",
                statement.span,
            )),
        }
    }
    let mut warnings = std::mem::take(&mut binder.warnings);
    warnings.extend(warning::unused_lets(script));
    // Spans never compare unequal (`Span`), so positions are compared as numbers.
    warnings.sort_by_key(|w| (w.span().start, w.span().end));
    warnings.dedup_by(|a, b| {
        (a.span().start, a.span().end, a.to_string())
            == (b.span().start, b.span().end, b.to_string())
    });
    let result = if errors.is_empty() {
        Ok(BoundScript { queries })
    } else {
        let mut seen = std::collections::HashSet::new();
        errors.retain(|e| seen.insert((e.span().start, e.span().end, e.to_string())));
        Err(errors)
    };
    (result, warnings)
}

/// Binding state: the table provider and the stack of `let` scopes.
pub struct Binder<'a> {
    pub(crate) tables: &'a dyn TableProvider,
    pub(crate) scopes: Scopes,
    next_materialize_id: usize,
    /// At run time, runs the inputs of plugins whose columns depend on the data.
    resolver: Option<&'a mut dyn Resolver>,
    /// Whether the input of the operator being bound is serialized (ordered), which
    /// `row_number()`, `prev()` and the other window functions need.
    pub(crate) serialized: bool,
    /// Warnings found so far (`bind::warning`); they never fail binding.
    pub(crate) warnings: Vec<CheckWarning>,
    /// The `N` of the last `ColumnN` given to an unnamed expression; it runs across the
    /// whole query (Kusto.Language's `_defaultColumnNameSuffix`).
    pub(crate) column_counter: usize,
}

impl<'a> Binder<'a> {
    pub fn new(tables: &'a dyn TableProvider) -> Binder<'a> {
        Binder {
            tables,
            scopes: Scopes::default(),
            next_materialize_id: 0,
            resolver: None,
            serialized: false,
            warnings: Vec::new(),
            column_counter: 0,
        }
    }

    /// `let name = value;` in the current scope.
    pub(crate) fn bind_let(&mut self, name: &str, value: &LetValue) -> Result<(), CheckError> {
        let binding = match value {
            LetValue::Function(def) => Binding::Function(Arc::new(def.clone())),
            LetValue::Expr(expr) => {
                if self.is_tabular(expr) {
                    Binding::Tabular(self.tabular(expr)?)
                } else {
                    Binding::Scalar(self.scalar(expr, &RowScope::empty())?)
                }
            }
        };
        self.scopes.define(name, binding);
        Ok(())
    }

    /// Whether an expression denotes a table (decided syntactically and by the names
    /// it uses).
    pub(crate) fn is_tabular(&self, expr: &Expr) -> bool {
        match &expr.kind {
            ExprKind::Pipe { .. } | ExprKind::Source(_) => true,
            ExprKind::Paren(inner) => self.is_tabular(inner),
            ExprKind::Name(ident) => match self.scopes.lookup(&ident.name) {
                Some(Binding::Tabular(_)) => true,
                Some(Binding::Scalar(_)) => false,
                Some(Binding::Late(late)) => late.tabular,
                Some(Binding::Function(def)) => def.params.is_empty() && self.is_tabular(&def.body),
                None => self.tables.table_schema(&ident.name).is_some(),
            },
            ExprKind::Call { name, .. } => match name.name.as_str() {
                "materialize" | "view" | "table" => true,
                other => match self.scopes.lookup(other) {
                    Some(Binding::Function(def)) => self.is_tabular(&def.body),
                    _ => false,
                },
            },
            _ => false,
        }
    }

    /// Binds a tabular expression.
    pub(crate) fn tabular(&mut self, expr: &Expr) -> Result<Arc<Plan>, CheckError> {
        match &expr.kind {
            ExprKind::Paren(inner) => self.tabular(inner),
            ExprKind::Pipe { input, op } => {
                let input = self.tabular(input)?;
                self.operator(input, op)
            }
            ExprKind::Source(op) => self.source(op),
            ExprKind::Name(ident) => self.table_by_name(&ident.name, expr),
            ExprKind::Call { name, args } => self.tabular_call(&name.name, args, expr),
            _ => Err(CheckError::invalid(
                "expected a tabular expression (a table, a `let` table or a pipeline)",
                expr.span,
            )),
        }
    }

    fn table_by_name(&mut self, name: &str, expr: &Expr) -> Result<Arc<Plan>, CheckError> {
        match self.scopes.lookup(name) {
            Some(Binding::Tabular(plan)) => return Ok(plan),
            Some(Binding::Function(def)) if def.params.is_empty() => {
                return self.call_function(&def, &[], expr);
            }
            Some(Binding::Scalar(_)) => {
                return Err(CheckError::invalid(
                    format!("`{name}` is a scalar, but a table is expected here"),
                    expr.span,
                ));
            }
            Some(Binding::Late(late)) => match self.bind_late_let(&late)? {
                late::LateValue::Tabular(plan) => return Ok(plan),
                late::LateValue::Scalar(_) => {
                    return Err(CheckError::invalid(
                        format!("`{name}` is a scalar, but a table is expected here"),
                        expr.span,
                    ));
                }
            },
            _ => {}
        }
        let Some(schema) = self.tables.table_schema(name) else {
            let names = self.tables.table_names();
            let candidates = names.iter().map(String::as_str).chain(self.scopes.names());
            return Err(CheckError::UnknownTable {
                name: name.to_string(),
                span: expr.span,
                help: did_you_mean(name, candidates),
            });
        };
        Ok(Arc::new(Plan {
            kind: PlanKind::Scan(TableRef {
                name: name.to_string(),
                columns: (0..schema.fields.len()).collect(),
                full_schema: schema.clone(),
            }),
            schema,
            span: expr.span,
        }))
    }

    fn tabular_call(
        &mut self,
        name: &str,
        args: &[Expr],
        expr: &Expr,
    ) -> Result<Arc<Plan>, CheckError> {
        match name {
            "materialize" => {
                let [inner] = args else {
                    return Err(CheckError::invalid(
                        "`materialize` takes one tabular argument",
                        expr.span,
                    ));
                };
                let input = self.tabular(inner)?;
                let id = self.next_materialize_id;
                self.next_materialize_id += 1;
                Ok(Arc::new(Plan {
                    schema: input.schema.clone(),
                    kind: PlanKind::Materialize { id, input },
                    span: expr.span,
                }))
            }
            _ => match self.scopes.lookup(name) {
                Some(Binding::Function(def)) => self.call_function(&def, args, expr),
                Some(_) => Err(CheckError::invalid(
                    format!("`{name}(...)` is not a tabular function"),
                    expr.span,
                )),
                // `_Im_Dns(...)`: a workspace function (an ASIM parser) is unknown here.
                None => {
                    let span = match &expr.kind {
                        ExprKind::Call { name, .. } => name.span,
                        _ => expr.span,
                    };
                    Err(CheckError::UnknownFunction {
                        name: name.to_string(),
                        span,
                        help: did_you_mean(name, self.scopes.names().map(String::from)).or_else(
                            || {
                                Some(
                                    "a workspace function (an ASIM parser, a saved function) is not known without its definition: define it with `let`"
                                        .into(),
                                )
                            },
                        ),
                    })
                }
            },
        }
    }
}
