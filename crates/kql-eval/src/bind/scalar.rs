//! Binding scalar expressions: names to columns or `let` values, operators and calls to
//! registry functions, each with its Kusto type.

use std::sync::Arc;

use kql_parser::ast::{
    BinaryOp, DynamicLiteral, Expr, ExprKind, Literal, ScalarType, Span, UnaryOp,
};

use super::scope::Binding;
use super::{Binder, CheckError, RowScope, did_you_mean};
use crate::functions::{self, ArgInfo, ScalarFunction};
use crate::plan::{ScalarExpr, ScalarKind};
use crate::value::{Dynamic, Value};

impl Binder<'_> {
    /// Binds a scalar expression against the columns of `row`.
    pub(crate) fn scalar(
        &mut self,
        expr: &Expr,
        row: &RowScope<'_>,
    ) -> Result<ScalarExpr, CheckError> {
        let span = expr.span;
        match &expr.kind {
            ExprKind::Literal(lit) => Ok(literal(lit, span)),
            ExprKind::Paren(inner) => self.scalar(inner, row),
            ExprKind::Name(ident) => self.name(&ident.name, row, span),
            ExprKind::Unary { op, operand } => {
                let operand = self.scalar(operand, row)?;
                match op {
                    UnaryOp::Plus => Ok(operand),
                    UnaryOp::Neg => self.apply("negate", vec![operand], &[None], span),
                }
            }
            ExprKind::Binary { op, left, right } => {
                let name = match op {
                    BinaryOp::NotEq => "!=".to_string(),
                    other => other.spelling(),
                };
                let args = vec![self.scalar(left, row)?, self.scalar(right, row)?];
                // Only a table's own dynamic columns (`AdditionalFields`), not computed
                // ones (`parse_json(x).a`, an `mv-expand`ed element), which usually hold
                // plain values.
                let warning = super::warning::call_warning(&name, &args, |index| {
                    let schema = row.schema?;
                    let (_, table) = self.source_table(schema)?;
                    table.fields.get(index).map(|f| f.name.clone())
                });
                let types = (args[0].ty, args[1].ty);
                let bound = self
                    .apply(&name, args, &[None, None], span)
                    .map_err(|e| datetime_text_help(e, types))?;
                self.warnings.extend(warning);
                Ok(bound)
            }
            ExprKind::List { op, left, items } => {
                let mut args = vec![self.scalar(left, row)?];
                for item in items {
                    if self.is_tabular(item) {
                        let plan = self.tabular(item)?;
                        args.push(ScalarExpr {
                            kind: ScalarKind::ColumnValues(plan),
                            ty: ScalarType::Dynamic,
                            span: item.span,
                        });
                    } else {
                        args.push(self.scalar(item, row)?);
                    }
                }
                let types = vec![None; args.len()];
                self.apply(op.spelling(), args, &types, span)
            }
            ExprKind::Between {
                negated,
                value,
                low,
                high,
            } => {
                let args = vec![
                    self.scalar(value, row)?,
                    self.scalar(low, row)?,
                    self.scalar(high, row)?,
                ];
                let name = if *negated { "!between" } else { "between" };
                self.apply(name, args, &[None, None, None], span)
            }
            ExprKind::Call { name, args } => self.call(&name.name, args, row, expr),
            ExprKind::Member { target, name } => {
                if let ExprKind::Name(side) = &target.kind
                    && (side.name == "$left" || side.name == "$right")
                {
                    return Err(CheckError::invalid(
                        format!("`{}` can only be used in a join's `on` clause", side.name),
                        target.span,
                    ));
                }
                if let ExprKind::Name(step) = &target.kind {
                    let hidden = super::operators::state_column(&step.name, &name.name);
                    if row.schema.is_some_and(|s| s.index_of(&hidden).is_some()) {
                        // `Step.Column` inside `scan` (bind/operators/scan.rs).
                        return self.name(&hidden, row, span);
                    }
                }
                let target = self.scalar(target, row)?;
                let key = ScalarExpr::literal(
                    Value::String(name.name.as_str().into()),
                    ScalarType::String,
                    name.span,
                );
                self.apply(".", vec![target, key], &[None, None], span)
            }
            ExprKind::Index { target, index } => {
                let args = vec![self.scalar(target, row)?, self.scalar(index, row)?];
                self.apply("[]", args, &[None, None], span)
            }
            ExprKind::TypeOf(ty) => Ok(ScalarExpr::literal(
                Value::String(ty.name().into()),
                ScalarType::String,
                span,
            )),
            ExprKind::Star => Err(CheckError::invalid("`*` is not allowed here", span)),
            ExprKind::NamedArg { name, .. } => Err(CheckError::invalid(
                format!("named argument `{}` is not allowed here", name.name),
                span,
            )),
            ExprKind::Pipe { .. } | ExprKind::Source(_) => Err(CheckError::invalid(
                "a tabular expression cannot be used as a scalar value",
                span,
            )
            .with_help("wrap it in toscalar(...) to use its first value")),
        }
    }

    fn name(
        &mut self,
        name: &str,
        row: &RowScope<'_>,
        span: Span,
    ) -> Result<ScalarExpr, CheckError> {
        // A column of the row, or (unified variant) the column the name stands for.
        if let Some(schema) = row.schema
            && let Some(index) = schema.index_of(name).or_else(|| {
                self.tables
                    .column_alias(name)
                    .and_then(|target| schema.index_of(target))
            })
        {
            return Ok(ScalarExpr {
                kind: ScalarKind::Column(index),
                ty: schema.fields[index].ty,
                span,
            });
        }
        match self.scopes.lookup(name) {
            Some(Binding::Scalar(value)) => return Ok(ScalarExpr { span, ..value }),
            Some(Binding::Late(late)) if !late.tabular => {
                if let super::late::LateValue::Scalar(value) = self.bind_late_let(&late)? {
                    return Ok(ScalarExpr { span, ..value });
                }
            }
            Some(Binding::Tabular(_) | Binding::Late(_)) => {
                return Err(CheckError::invalid(
                    format!("`{name}` is a table, but a scalar value is expected here"),
                    span,
                )
                .with_help(
                    "use toscalar(...) for its first value, or `in (...)` to test membership",
                ));
            }
            Some(Binding::Function(def)) if def.params.is_empty() => {
                let call = Expr::new(
                    ExprKind::Name(kql_parser::ast::Ident {
                        name: name.into(),
                        span,
                    }),
                    span,
                );
                return self
                    .with_function_scope(&def, &[], *row, &call, |b| b.scalar(&def.body, row));
            }
            _ => {}
        }
        let columns = row
            .schema
            .map(|s| s.fields.iter().map(|f| f.name.as_str()).collect::<Vec<_>>())
            .unwrap_or_default();
        let candidates = columns.iter().copied().chain(self.scopes.names());
        Err(CheckError::UnknownColumn {
            name: name.to_string(),
            context: self.describe_row(row),
            span,
            help: did_you_mean(name, candidates),
        })
    }

    fn call(
        &mut self,
        name: &str,
        args: &[Expr],
        row: &RowScope<'_>,
        expr: &Expr,
    ) -> Result<ScalarExpr, CheckError> {
        let span = expr.span;
        if name == "toscalar" {
            let [inner] = args else {
                return Err(CheckError::invalid("`toscalar` takes one argument", span));
            };
            if !self.is_tabular(inner) {
                // `toscalar(2)`: a scalar is its own value (conformance toscalar-function-07).
                return self.scalar(inner, row);
            }
            let plan = self.tabular(inner)?;
            let Some(first) = plan.schema.fields.first() else {
                return Err(CheckError::invalid(
                    "`toscalar` needs a table with at least one column",
                    span,
                ));
            };
            let ty = first.ty;
            return Ok(ScalarExpr {
                kind: ScalarKind::Subquery(plan),
                ty,
                span,
            });
        }
        if crate::functions::window::NAMES.contains(&name) && !self.serialized {
            return Err(CheckError::invalid(
                format!("`{name}()` needs a serialized (ordered) input"),
                span,
            )
            .with_help("sort the rows first (`sort by ...`), or add `| serialize`"));
        }
        if name == "column_ifexists" {
            return self.column_ifexists(args, row, span);
        }
        if name == "pack_all" {
            return self.pack_all(args, row, span);
        }
        if name == "column_names_of" {
            let [table] = args else {
                return Err(CheckError::invalid(
                    "`column_names_of` takes one tabular argument",
                    span,
                ));
            };
            // q/column-names-of-function.md: the names, as a dynamic array.
            let plan = self.tabular(table)?;
            let names = plan
                .schema
                .fields
                .iter()
                .map(|f| Dynamic::String(f.name.as_str().into()))
                .collect();
            let value = Value::Dynamic(Dynamic::Array(Arc::new(names)));
            return Ok(ScalarExpr::literal(value, ScalarType::Dynamic, span));
        }
        if let Some(Binding::Function(def)) = self.scopes.lookup(name) {
            return self.with_function_scope(&def, args, *row, expr, |b| b.scalar(&def.body, row));
        }
        if functions::aggregate(name).is_some() && functions::scalar(name).is_none() {
            return Err(CheckError::invalid(
                format!("the aggregate `{name}()` can only be used in summarize (or make-series)"),
                span,
            ));
        }
        let mut bound = Vec::with_capacity(args.len());
        let mut type_of = Vec::with_capacity(args.len());
        for arg in args {
            type_of.push(match &arg.kind {
                ExprKind::TypeOf(t) => Some(*t),
                _ => None,
            });
            bound.push(self.scalar(arg, row)?);
        }
        if functions::scalar(name).is_none() {
            if super::kusto_names::is_kusto_scalar(name) {
                return Err(CheckError::unsupported(
                    format!("the function `{name}`"),
                    call_name_span(expr),
                ));
            }
            return Err(CheckError::UnknownFunction {
                name: name.to_string(),
                span: call_name_span(expr),
                help: did_you_mean(
                    name,
                    functions::all_names()
                        .map(String::from)
                        .chain(self.scopes.names().map(String::from)),
                ),
            });
        }
        self.apply(name, bound, &type_of, span)
    }

    /// `column_ifexists("Name", Default)`: the column when the row has it, else the
    /// default (q/column-ifexists-function.md).
    fn column_ifexists(
        &mut self,
        args: &[Expr],
        row: &RowScope<'_>,
        span: Span,
    ) -> Result<ScalarExpr, CheckError> {
        let [name, default] = args else {
            return Err(CheckError::ArgumentCount {
                name: "column_ifexists".to_string(),
                expected: "2".to_string(),
                got: args.len(),
                span,
            });
        };
        let ExprKind::Literal(Literal::String(column)) = &name.kind else {
            return Err(CheckError::invalid(
                "`column_ifexists` takes the column name as a string literal",
                name.span,
            ));
        };
        if let Some(index) = row.schema.and_then(|s| s.index_of(&column.value))
            && let Some(schema) = row.schema
        {
            return Ok(ScalarExpr {
                kind: ScalarKind::Column(index),
                ty: schema.fields[index].ty,
                span,
            });
        }
        self.scalar(default, row)
    }

    /// `pack_all()`: a bag of every input column, as `bag_pack("c1", c1, ...)`
    /// (q/pack-all-function.md). `pack_all(true)` (dropping nulls and empties) is refused.
    fn pack_all(
        &mut self,
        args: &[Expr],
        row: &RowScope<'_>,
        span: Span,
    ) -> Result<ScalarExpr, CheckError> {
        if !args.is_empty() {
            return Err(CheckError::unsupported("`pack_all` with arguments", span));
        }
        let fields = row.schema.map(|s| s.fields.as_slice()).unwrap_or_default();
        if fields.is_empty() {
            let empty = Dynamic::Bag(Arc::new(Default::default()));
            return Ok(ScalarExpr::literal(
                Value::Dynamic(empty),
                ScalarType::Dynamic,
                span,
            ));
        }
        let mut bound = Vec::with_capacity(fields.len() * 2);
        for (i, f) in fields.iter().enumerate() {
            bound.push(ScalarExpr::literal(
                Value::string(&f.name),
                ScalarType::String,
                span,
            ));
            bound.push(ScalarExpr {
                kind: ScalarKind::Column(i),
                ty: f.ty,
                span,
            });
        }
        let types = vec![None; bound.len()];
        self.apply("bag_pack", bound, &types, span)
    }

    /// Types a call of registry function `name` and builds it.
    pub(crate) fn apply(
        &mut self,
        name: &str,
        args: Vec<ScalarExpr>,
        type_of: &[Option<kql_parser::ast::ScalarType>],
        span: Span,
    ) -> Result<ScalarExpr, CheckError> {
        let Some(function) = functions::scalar(name) else {
            return Err(CheckError::unsupported(format!("`{name}`"), span));
        };
        let ty = type_call(function, &args, type_of, span)?;
        Ok(ScalarExpr {
            kind: ScalarKind::Call { function, args },
            ty,
            span,
        })
    }
}

/// `Timestamp > "2026-01-01"`: Kusto does not convert the text, so say how to write a
/// datetime.
fn datetime_text_help(error: CheckError, types: (ScalarType, ScalarType)) -> CheckError {
    let mixed = matches!(
        types,
        (ScalarType::DateTime, ScalarType::String) | (ScalarType::String, ScalarType::DateTime)
    );
    if mixed && matches!(error, CheckError::Type { .. }) {
        error.with_help("write the time as a datetime: `datetime(2026-01-01)`, or convert the text with `todatetime(...)`")
    } else {
        error
    }
}

/// Checks the argument count and computes the result type of a call.
pub(crate) fn type_call(
    function: &'static ScalarFunction,
    args: &[ScalarExpr],
    type_of: &[Option<ScalarType>],
    span: Span,
) -> Result<ScalarType, CheckError> {
    if args.len() < function.min_args || args.len() > function.max_args {
        let expected = if function.min_args == function.max_args {
            function.min_args.to_string()
        } else if function.max_args == usize::MAX {
            format!("at least {}", function.min_args)
        } else {
            format!("{} to {}", function.min_args, function.max_args)
        };
        // Too many: point at the arguments past the last one the function takes.
        let span = match (args.get(function.max_args), args.last()) {
            (Some(first), Some(last)) => Span {
                start: first.span.start,
                end: last.span.end,
            },
            _ => span,
        };
        return Err(CheckError::ArgumentCount {
            name: function.name.to_string(),
            expected,
            got: args.len(),
            span,
        });
    }
    let infos: Vec<ArgInfo<'_>> = args
        .iter()
        .enumerate()
        .map(|(i, a)| ArgInfo {
            ty: a.ty,
            literal: a.as_literal(),
            type_of: type_of.get(i).copied().flatten(),
        })
        .collect();
    (function.return_type)(&infos).map_err(|e| {
        let at = e.arg.and_then(|i| args.get(i)).map_or(span, |a| a.span);
        CheckError::type_error(e.message, "wrong type", at)
    })
}

/// The span of a call's function name (`strcatt` in `strcatt(a)`).
fn call_name_span(expr: &Expr) -> Span {
    match &expr.kind {
        ExprKind::Call { name, .. } => name.span,
        _ => expr.span,
    }
}

/// A literal's value and type.
pub(crate) fn literal(lit: &Literal, span: Span) -> ScalarExpr {
    let value = match lit {
        Literal::Bool(v) => v.map_or(Value::Null, Value::Bool),
        Literal::Int(v) => v.map_or(Value::Null, Value::Int),
        Literal::Long(v) => v.map_or(Value::Null, Value::Long),
        Literal::Real(v) => v.map_or(Value::Null, Value::Real),
        Literal::Decimal(v) => v
            .as_deref()
            .and_then(|s| s.parse().ok())
            .map_or(Value::Null, Value::Decimal),
        Literal::String(s) => Value::String(s.value.as_str().into()),
        Literal::DateTime(v) => v.map_or(Value::Null, Value::DateTime),
        Literal::TimeSpan(v) => v.map_or(Value::Null, Value::TimeSpan),
        Literal::Guid(v) => v.map_or(Value::Null, Value::Guid),
        Literal::Dynamic(d) => Value::Dynamic(dynamic(d)),
    };
    ScalarExpr::literal(value, lit.scalar_type(), span)
}

/// Converts a `dynamic(...)` literal.
pub(crate) fn dynamic(d: &DynamicLiteral) -> Dynamic {
    match d {
        DynamicLiteral::Null => Dynamic::Null,
        DynamicLiteral::Bool(b) => Dynamic::Bool(*b),
        DynamicLiteral::Long(n) => Dynamic::Long(*n),
        DynamicLiteral::Real(r) => Dynamic::Real(*r),
        DynamicLiteral::String(s) => Dynamic::String(s.as_str().into()),
        DynamicLiteral::DateTime(t) => Dynamic::DateTime(*t),
        DynamicLiteral::TimeSpan(t) => Dynamic::TimeSpan(*t),
        DynamicLiteral::Guid(g) => Dynamic::Guid(*g),
        DynamicLiteral::Array(items) => {
            Dynamic::Array(Arc::new(items.iter().map(dynamic).collect()))
        }
        DynamicLiteral::Bag(entries) => Dynamic::Bag(Arc::new(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), dynamic(v)))
                .collect(),
        )),
    }
}

/// Checks the argument count and computes the result type of an aggregate call.
pub(crate) fn type_call_aggregate(
    function: &'static crate::functions::AggregateFunction,
    args: &[ScalarExpr],
    span: Span,
) -> Result<ScalarType, CheckError> {
    if args.len() < function.min_args || args.len() > function.max_args {
        let expected = if function.min_args == function.max_args {
            function.min_args.to_string()
        } else {
            format!("{} to {}", function.min_args, function.max_args)
        };
        // Too many: point at the arguments past the last one the function takes.
        let span = match (args.get(function.max_args), args.last()) {
            (Some(first), Some(last)) => Span {
                start: first.span.start,
                end: last.span.end,
            },
            _ => span,
        };
        return Err(CheckError::ArgumentCount {
            name: function.name.to_string(),
            expected,
            got: args.len(),
            span,
        });
    }
    let infos: Vec<ArgInfo<'_>> = args
        .iter()
        .map(|a| ArgInfo {
            ty: a.ty,
            literal: a.as_literal(),
            type_of: None,
        })
        .collect();
    (function.return_type)(&infos).map_err(|e| {
        let at = e.arg.and_then(|i| args.get(i)).map_or(span, |a| a.span);
        CheckError::type_error(e.message, "wrong type", at)
    })
}
