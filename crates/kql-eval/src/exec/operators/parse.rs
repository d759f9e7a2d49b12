//! `parse` / `parse-where`: one regex match per row, captures converted a column at a
//! time by the registry's conversion functions.
//!
//! ```kql
//! datatable(s:string) ["a=1,b=x", "junk"] | parse s with "a=" a:long ",b=" b
//! // ("a=1,b=x", 1, "x"), ("junk", null, "")
//! ```
//! Strict kinds (`simple`, `regex`) blank a row whose typed capture does not convert;
//! `relaxed` nulls only that capture. A row on which one of the plan's variant regexes
//! captures differently from the primary one is refused ([`EvalError`]): Kusto's
//! answer there is not known.

use std::sync::Arc;

use kql_parser::ast::ScalarType;
use regex::Regex;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::functions::{Datum, ScalarCall};
use crate::plan::{ParsePlan, Plan};
use crate::table::{Column, StringColumn, Table};

pub(crate) fn parse(
    exec: &mut Executor<'_>,
    input: &Arc<Table>,
    plan: &ParsePlan,
    node: &Plan,
) -> Result<Arc<Table>, EvalError> {
    let rows = input.num_rows();
    let compile =
        |r: &str| Regex::new(r).map_err(|e| EvalError::Internal(format!("parse regex {r:?}: {e}")));
    let regex = compile(&plan.regex)?;
    let variants = plan
        .variants
        .iter()
        .map(|r| compile(r))
        .collect::<Result<Vec<_>, _>>()?;
    let source = eval_scalar(exec, &plan.source, input.columns(), rows)?
        .into_column(ScalarType::String, rows)?;
    let Column::String(text) = source.as_ref() else {
        return Err(EvalError::Internal("parse source is not a string".into()));
    };
    let n = plan.columns.len();
    let names: Vec<String> = (0..n).map(|k| format!("c{k}")).collect();
    let mut captures: Vec<StringColumn> = (0..n)
        .map(|_| StringColumn::with_capacity(rows, 0))
        .collect();
    let mut matched = vec![false; rows];
    for (r, ok) in matched.iter_mut().enumerate() {
        let s = text.get(r);
        let found = capture(&regex, &names, s);
        for variant in &variants {
            if capture(variant, &names, s) != found {
                return Err(EvalError::invalid(format!(
                    "parse: kql cannot tell how Kusto parses {s:?} with this pattern"
                )));
            }
        }
        *ok = found.is_some();
        for (k, column) in captures.iter_mut().enumerate() {
            let value = found.as_ref().and_then(|f| f[k].as_deref()).unwrap_or("");
            column.push(value);
        }
    }
    let mut columns: Vec<Arc<Column>> = Vec::with_capacity(n);
    for ((conversion, captured), field) in plan
        .columns
        .iter()
        .zip(captures)
        .zip(&node.schema.fields[input.num_columns()..])
    {
        let captured = Arc::new(Column::String(captured));
        let column = match conversion {
            None => captured,
            Some(function) => {
                let args = [Datum::Column(captured)];
                let call = ScalarCall {
                    function,
                    args: &args,
                    types: &[ScalarType::String],
                    rows,
                    out: field.ty,
                    ctx: &exec.ctx,
                };
                (function.eval)(&call)?.into_column(field.ty, rows)?
            }
        };
        if plan.strict && conversion.is_some() {
            // A typed capture that did not convert fails the whole row.
            for (r, ok) in matched.iter_mut().enumerate() {
                *ok = *ok && !column.is_null(r);
            }
        }
        columns.push(column);
    }
    let keep: Vec<Option<u32>> = matched
        .iter()
        .enumerate()
        .map(|(r, &ok)| (ok || !plan.strict).then_some(r as u32))
        .collect();
    let blank = keep.iter().any(Option::is_none);
    let mut out: Vec<Arc<Column>> = input.columns().to_vec();
    out.extend(columns.into_iter().map(|c| {
        if blank {
            Arc::new(c.gather_opt(&keep))
        } else {
            c
        }
    }));
    let table = Table::with_row_count(node.schema.clone(), out, rows)?;
    if !plan.drop_unmatched {
        return Ok(Arc::new(table));
    }
    if matched.iter().all(|&ok| ok) {
        return Ok(Arc::new(table));
    }
    Ok(Arc::new(table.filter(&matched)))
}

/// The captures of one match (`None` for a group that took no part), or `None` when
/// the text does not match.
fn capture(regex: &Regex, names: &[String], text: &str) -> Option<Vec<Option<String>>> {
    let caps = regex.captures(text)?;
    Some(
        names
            .iter()
            .map(|n| caps.name(n).map(|m| m.as_str().to_string()))
            .collect(),
    )
}
