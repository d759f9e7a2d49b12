//! Runs a KQL query in-process for the unit tests of the string, conversion and
//! encoding modules.

use crate::{MemoryTables, RunOptions, check, run};

/// The last result of `query`: a header row of `name:type`, then rows of `tostring()`
/// text (dynamic values as JSON).
pub(crate) fn eval(query: &str) -> Result<Vec<Vec<String>>, String> {
    let script = kql_parser::parse(query).map_err(|e| format!("parse: {e:?}"))?;
    let tables = MemoryTables::default();
    let bound = check(&script, &tables).map_err(|e| format!("check: {e:?}"))?;
    let options = RunOptions {
        now: Some(0),
        ..Default::default()
    };
    let out = run(&bound, &tables, &options).map_err(|e| format!("run: {e}"))?;
    let t = out.last().ok_or("no result")?;
    let mut rows = vec![
        t.schema()
            .fields
            .iter()
            .map(|f| format!("{}:{}", f.name, f.ty))
            .collect(),
    ];
    for r in 0..t.num_rows() {
        rows.push(
            t.row(r)
                .iter()
                .map(|v| match v {
                    crate::value::Value::Dynamic(d) => d.to_json(),
                    other => other.to_kusto_string(),
                })
                .collect(),
        );
    }
    Ok(rows)
}

/// The first row of `query`'s result; panics (test only) when the query fails.
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) fn eval_row(query: &str) -> Vec<String> {
    let rows = eval(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    rows.get(1).cloned().expect("no rows")
}

/// The column types of `query`'s result.
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) fn eval_types(query: &str) -> Vec<String> {
    let rows = eval(query).unwrap_or_else(|e| panic!("{query}: {e}"));
    rows[0]
        .iter()
        .map(|h| h.rsplit(':').next().unwrap_or_default().to_string())
        .collect()
}

/// Whether `query` is refused (at check or at run time).
pub(crate) fn refused(query: &str) -> bool {
    eval(query).is_err()
}
