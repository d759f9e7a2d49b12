//! Name scopes: `let` bindings (innermost first) and the row schema that column names
//! resolve against.

use std::collections::HashMap;
use std::sync::Arc;

use kql_parser::ast::{Expr, FunctionDef, ParamType};

use super::{Binder, CheckError};
use crate::plan::{Plan, ScalarExpr};
use crate::table::Schema;

/// What a `let` name stands for.
#[derive(Debug, Clone)]
pub(crate) enum Binding {
    /// `let window = 4h;`
    Scalar(ScalarExpr),
    /// `let Delivered = EmailEvents | where ...;`
    Tabular(Arc<Plan>),
    /// `let f = (x:long) { x + 1 };`: bound anew at every call (inlined).
    Function(Arc<FunctionDef>),
    /// `let U = T | evaluate bag_unpack(d);`: columns known only with data, so bound
    /// where it is used, at run time (`bind::late`).
    Late(Arc<super::late::LateLet>),
}

/// The stack of `let` scopes; function calls push one for their parameters.
#[derive(Debug, Default, Clone)]
pub(crate) struct Scopes {
    frames: Vec<HashMap<String, Binding>>,
}

impl Scopes {
    pub(crate) fn define(&mut self, name: &str, binding: Binding) {
        if self.frames.is_empty() {
            self.frames.push(HashMap::new());
        }
        if let Some(frame) = self.frames.last_mut() {
            frame.insert(name.to_string(), binding);
        }
    }

    pub(crate) fn lookup(&self, name: &str) -> Option<Binding> {
        self.frames.iter().rev().find_map(|f| f.get(name).cloned())
    }

    pub(crate) fn push(&mut self) {
        self.frames.push(HashMap::new());
    }

    pub(crate) fn pop(&mut self) {
        self.frames.pop();
    }

    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        self.frames
            .iter()
            .flat_map(|f| f.keys().map(String::as_str))
    }
}

/// The row a scalar expression is evaluated against: column names resolve here.
#[derive(Debug, Clone, Copy)]
pub struct RowScope<'s> {
    pub schema: Option<&'s Schema>,
}

impl<'s> RowScope<'s> {
    /// No columns: `let x = 1;`, `print ...`.
    pub fn empty() -> RowScope<'static> {
        RowScope { schema: None }
    }

    pub fn of(schema: &'s Schema) -> RowScope<'s> {
        RowScope {
            schema: Some(schema),
        }
    }

    /// A description for "unknown column ... in <context>" messages.
    pub fn describe(&self) -> String {
        match self.schema {
            None => "this scalar context (no input columns)".to_string(),
            Some(s) if s.fields.is_empty() => "an input with no columns".to_string(),
            Some(s) => {
                // Hidden binding columns (`scan`'s `Step.Column`) start with a NUL.
                let names: Vec<&str> = s
                    .fields
                    .iter()
                    .map(|f| f.name.as_str())
                    .filter(|n| !n.starts_with('\u{0}'))
                    .take(8)
                    .collect();
                let more = if s.fields.len() > 8 { ", ..." } else { "" };
                format!("the input columns ({}{more})", names.join(", "))
            }
        }
    }
}

impl Binder<'_> {
    /// Where a column was looked up, naming the table when the row is one's columns:
    /// `table `EmailEvents` (Timestamp, ...)`, or `table `EmailEvents` and 2 columns
    /// added to it (...)` after an `extend`; else `the input columns (...)`.
    pub(crate) fn describe_row(&self, row: &RowScope<'_>) -> String {
        let generic = row.describe();
        let Some(schema) = row.schema else {
            return generic;
        };
        let best = self
            .source_table(schema)
            .map(|(table, t)| (t.fields.len(), table));
        let columns = generic
            .strip_prefix("the input columns ")
            .unwrap_or(&generic);
        match best {
            Some((n, table)) if n == schema.fields.len() => format!("table `{table}` {columns}"),
            Some((n, table)) => format!(
                "table `{table}` and {} column(s) added to it {columns}",
                schema.fields.len() - n
            ),
            None => generic,
        }
    }

    /// The table whose columns `schema` starts with (the longest such), if any: the
    /// row of `EmailEvents | extend x = 1` is `EmailEvents`'s columns and one more.
    pub(crate) fn source_table(&self, schema: &Schema) -> Option<(String, Schema)> {
        let mut best: Option<(String, Schema)> = None;
        for name in self.tables.table_names() {
            let Some(table) = self.tables.table_schema(&name) else {
                continue;
            };
            let n = table.fields.len();
            let prefix = n > 0
                && n <= schema.fields.len()
                && table
                    .fields
                    .iter()
                    .zip(&schema.fields)
                    .all(|(a, b)| a.name == b.name);
            if prefix && best.as_ref().is_none_or(|(_, t)| n > t.fields.len()) {
                best = Some((name, table));
            }
        }
        best
    }

    /// Calls a user-defined function by inlining its body with the parameters bound to
    /// the arguments, in a fresh scope.
    pub(crate) fn with_function_scope<T>(
        &mut self,
        def: &FunctionDef,
        args: &[Expr],
        row: RowScope<'_>,
        call: &Expr,
        body: impl FnOnce(&mut Self) -> Result<T, CheckError>,
    ) -> Result<T, CheckError> {
        self.with_function_scope_from(def, None, args, row, call, body)
    }

    /// As [`Binder::with_function_scope`], with the first parameter already bound
    /// (`T | invoke f(a)` passes `T` as `f`'s first, tabular, parameter).
    pub(crate) fn with_function_scope_from<T>(
        &mut self,
        def: &FunctionDef,
        first: Option<Binding>,
        args: &[Expr],
        row: RowScope<'_>,
        call: &Expr,
        body: impl FnOnce(&mut Self) -> Result<T, CheckError>,
    ) -> Result<T, CheckError> {
        let skip = usize::from(first.is_some());
        // Named arguments (`f(c=7, a=12)`) go to their parameters; the others fill the
        // remaining parameters in order (q/functions/user-defined-functions.md).
        let mut slots: Vec<Option<&Expr>> = vec![None; def.params.len()];
        let mut next = skip;
        let mut positional = skip;
        for arg in args {
            if let kql_parser::ast::ExprKind::NamedArg { name, value } = &arg.kind {
                let Some(i) = def.params.iter().position(|p| p.name.name == name.name) else {
                    return Err(CheckError::invalid(
                        format!("the function has no parameter named `{}`", name.name),
                        arg.span,
                    ));
                };
                slots[i] = Some(value);
                continue;
            }
            positional += 1;
            while next < slots.len() && slots[next].is_some() {
                next += 1;
            }
            if let Some(slot) = slots.get_mut(next) {
                *slot = Some(arg);
            }
            next += 1;
        }
        if positional > def.params.len() {
            return Err(CheckError::ArgumentCount {
                name: "function".to_string(),
                expected: format!("at most {}", def.params.len()),
                got: positional,
                span: call.span,
            });
        }
        let mut bindings = Vec::new();
        if let (Some(binding), Some(param)) = (first, def.params.first()) {
            bindings.push((param.name.name.clone(), binding));
        }
        for (i, param) in def.params.iter().enumerate().skip(skip) {
            let arg = slots[i].or(param.default.as_ref());
            let Some(arg) = arg else {
                return Err(CheckError::invalid(
                    format!("missing argument for parameter `{}`", param.name.name),
                    call.span,
                ));
            };
            let binding = match param.ty {
                ParamType::Tabular { .. } => Binding::Tabular(self.tabular(arg)?),
                ParamType::Scalar(_) => Binding::Scalar(self.scalar(arg, &row)?),
            };
            bindings.push((param.name.name.clone(), binding));
        }
        self.scopes.push();
        for (name, binding) in bindings {
            self.scopes.define(&name, binding);
        }
        let result = (|| {
            for statement in &def.lets {
                if let kql_parser::ast::StatementKind::Let(l) = &statement.kind {
                    self.bind_let(&l.name.name, &l.value)?;
                }
            }
            body(self)
        })();
        self.scopes.pop();
        result
    }

    /// A call of a user function whose body is tabular.
    pub(crate) fn call_function(
        &mut self,
        def: &FunctionDef,
        args: &[Expr],
        call: &Expr,
    ) -> Result<Arc<Plan>, CheckError> {
        self.with_function_scope(def, args, RowScope::empty(), call, |b| b.tabular(&def.body))
    }
}
