//! `ipv4_lookup`: each input address matched against the lookup table's ranges
//! (`a.b.c.d/n` or single addresses), by a hash per prefix length.
//!
//! ```kql
//! IPs | evaluate ipv4_lookup(IP_Data, ip, network)
//! ```
//! Addresses are read by the registry's `parse_ipv4`. Refused where Kusto's answer is
//! undocumented: an address in several ranges, and a masked input address (`a/n`).
//! Unmatched rows are dropped, or kept with nulls (`""`) with `return_unmatched`.

use std::collections::HashMap;
use std::sync::Arc;

use kql_parser::ast::ScalarType;

use crate::exec::{EvalError, Executor};
use crate::functions::{self, Datum, ScalarCall};
use crate::plan::Plan;
use crate::table::{Column, Table};

/// Each row's address (masked base) and prefix length, `None` when it is not one.
fn addresses(
    exec: &Executor<'_>,
    column: &Arc<Column>,
) -> Result<Vec<Option<(u32, u32)>>, EvalError> {
    let function = functions::scalar("parse_ipv4")
        .ok_or_else(|| EvalError::invalid("ipv4_lookup needs parse_ipv4"))?;
    let rows = column.len();
    let args = [Datum::Column(column.clone())];
    let call = ScalarCall {
        function,
        args: &args,
        types: &[ScalarType::String],
        rows,
        out: ScalarType::Long,
        ctx: &exec.ctx,
    };
    let parsed = (function.eval)(&call)?.into_column(ScalarType::Long, rows)?;
    let Column::String(text) = column.as_ref() else {
        return Err(EvalError::Internal(
            "ipv4_lookup key is not a string".into(),
        ));
    };
    Ok((0..rows)
        .map(|r| {
            let base = u32::try_from(parsed.get(r).as_i64()?).ok()?;
            let prefix = match text.get(r).split_once('/') {
                Some((_, p)) => p.parse::<u32>().ok().filter(|p| *p <= 32)?,
                None => 32,
            };
            Some((base, prefix))
        })
        .collect())
}

fn masked(address: u32, prefix: u32) -> u32 {
    address & u32::MAX.checked_shl(32 - prefix).unwrap_or(0)
}

pub(crate) fn ipv4_lookup(
    exec: &Executor<'_>,
    input: &Arc<Table>,
    lookup: &Arc<Table>,
    (ip, range): (usize, usize),
    return_unmatched: bool,
    node: &Plan,
) -> Result<Arc<Table>, EvalError> {
    let ranges = addresses(exec, &lookup.columns()[range])?;
    let mut index: HashMap<(u32, u32), Vec<u32>> = HashMap::new();
    for (r, found) in ranges.iter().enumerate() {
        if let Some((base, prefix)) = *found {
            index
                .entry((prefix, masked(base, prefix)))
                .or_default()
                .push(r as u32);
        }
    }
    let mut prefixes: Vec<u32> = index.keys().map(|(p, _)| *p).collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    let ips = addresses(exec, &input.columns()[ip])?;
    let Column::String(ip_text) = input.columns()[ip].as_ref() else {
        return Err(EvalError::Internal(
            "ipv4_lookup key is not a string".into(),
        ));
    };
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (l, found) in ips.iter().enumerate() {
        if ip_text.get(l).contains('/') {
            return Err(EvalError::invalid(
                "ipv4_lookup: kql cannot tell how Kusto matches a masked address",
            ));
        }
        let mut matches = Vec::new();
        if let Some((address, _)) = *found {
            for &p in &prefixes {
                if let Some(rows) = index.get(&(p, masked(address, p))) {
                    matches.extend_from_slice(rows);
                }
            }
        }
        match matches.as_slice() {
            [] if return_unmatched => {
                left.push(l as u32);
                right.push(None);
            }
            [] => {}
            [r] => {
                left.push(l as u32);
                right.push(Some(*r));
            }
            _ => {
                return Err(EvalError::invalid(
                    "ipv4_lookup: kql cannot tell Kusto's answer for an address in several ranges",
                ));
            }
        }
    }
    let all_lookup_columns: Vec<usize> = (0..lookup.columns().len()).collect();
    matched_rows(node, input, &left, lookup, &all_lookup_columns, &right)
}

/// The output of a lookup plugin: input row `left[i]` beside lookup row `right[i]` (or
/// nulls), the input's columns followed by `lookup_columns` of the lookup table.
pub(super) fn matched_rows(
    node: &Plan,
    input: &Table,
    left: &[u32],
    lookup: &Table,
    lookup_columns: &[usize],
    right: &[Option<u32>],
) -> Result<Arc<Table>, EvalError> {
    let mut columns: Vec<Arc<Column>> = input
        .columns()
        .iter()
        .map(|c| Arc::new(c.gather(left)))
        .collect();
    columns.extend(
        lookup_columns
            .iter()
            .map(|&c| Arc::new(lookup.columns()[c].gather_opt(right))),
    );
    Ok(Arc::new(Table::with_row_count(
        node.schema.clone(),
        columns,
        left.len(),
    )?))
}
