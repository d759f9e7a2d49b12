//! `externaldata`: the declared columns read from the local file standing in for each
//! URL ([`TableData::external`](crate::exec::TableData::external)), files one after
//! another. kql reads no network: a URL without a file is an error naming it.

use std::sync::Arc;

use crate::exec::{EvalError, Executor, eval_scalar};
use crate::files::external_cache_name;
use crate::load::{ExternalFormat, LoadError, load_external};
use crate::plan::{ExternalDataPlan, Plan};
use crate::table::{Column, Table};
use crate::value::Value;

pub(crate) fn externaldata(
    exec: &mut Executor<'_>,
    ed: &ExternalDataPlan,
    plan: &Plan,
) -> Result<Arc<Table>, EvalError> {
    let mut parts: Vec<Table> = Vec::with_capacity(ed.urls.len());
    for expr in &ed.urls {
        let url = match eval_scalar(exec, expr, &[], 1)?.value(0) {
            Value::String(s) => s.to_string(),
            other => {
                return Err(EvalError::InvalidValue {
                    message: format!(
                        "an `externaldata` URL must be a string, not {}",
                        other.to_kusto_string()
                    ),
                    span: Some(expr.span),
                });
            }
        };
        let Some(path) = exec.data.external(&url) else {
            return Err(EvalError::NoExternalData {
                cache_name: external_cache_name(&url),
                url,
                span: Some(plan.span),
            });
        };
        let origin = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|source| LoadError::Io {
            path: origin.clone(),
            source,
        })?;
        let format = ed.format.unwrap_or_else(|| ExternalFormat::from_url(&url));
        parts.push(load_external(
            &bytes,
            format,
            &origin,
            &plan.schema,
            ed.ignore_first_record,
        )?);
    }
    if parts.len() == 1
        && let Some(t) = parts.pop()
    {
        return Ok(Arc::new(t));
    }
    let rows = parts.iter().map(Table::num_rows).sum();
    let mut columns = Vec::with_capacity(plan.schema.fields.len());
    for (k, field) in plan.schema.fields.iter().enumerate() {
        let pieces: Vec<&Column> = parts
            .iter()
            .filter_map(|t| t.column_at(k).map(AsRef::as_ref))
            .collect();
        if pieces.is_empty() {
            columns.push(Arc::new(Column::nulls(field.ty, 0)));
        } else {
            columns.push(Arc::new(Column::concat(&pieces)?));
        }
    }
    Ok(Arc::new(Table::with_row_count(
        plan.schema.clone(),
        columns,
        rows,
    )?))
}
