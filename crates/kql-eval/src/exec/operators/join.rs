//! Hash joins: every kind, with the right side hashed on its keys.
//!
//! `innerunique` (the default) keeps the first left row of each key before an inner
//! join (q/join-innerunique.md). Output rows: left order, then (outer kinds) the
//! unmatched right rows in right order.

use std::sync::Arc;

use kql_parser::ast::JoinKind;

use crate::exec::keys::{KeyIndex, row_key};
use crate::exec::{EvalError, Executor};
use crate::plan::JoinPlan;
use crate::table::{Column, Schema, Table};

pub(crate) fn join(
    exec: &mut Executor<'_>,
    left: &Arc<Table>,
    right: &Arc<Table>,
    plan: &JoinPlan,
    schema: &Schema,
) -> Result<Arc<Table>, EvalError> {
    let lkeys: Vec<&Column> = plan
        .left_keys
        .iter()
        .map(|&i| left.columns()[i].as_ref())
        .collect();
    let rkeys: Vec<&Column> = plan
        .right_keys
        .iter()
        .map(|&i| right.columns()[i].as_ref())
        .collect();
    let (index, right_rows) = index_right(&rkeys, right.num_rows());
    let mut buf = Vec::new();

    let mut pairs_left: Vec<Option<u32>> = Vec::new();
    let mut pairs_right: Vec<Option<u32>> = Vec::new();
    let mut right_matched = vec![false; right.num_rows()];
    let mut seen_left_keys = KeyIndex::new();
    for l in 0..left.num_rows() {
        row_key(&lkeys, l, &mut buf);
        if plan.kind == JoinKind::InnerUnique && !seen_left_keys.insert(&buf).1 {
            continue;
        }
        let matches = index.find(&buf).map(|id| right_rows.rows(id));
        match plan.kind {
            JoinKind::LeftSemi => {
                if matches.is_some() {
                    pairs_left.push(Some(l as u32));
                }
            }
            JoinKind::LeftAnti => {
                if matches.is_none() {
                    pairs_left.push(Some(l as u32));
                }
            }
            JoinKind::RightSemi | JoinKind::RightAnti => {
                for &r in matches.into_iter().flatten() {
                    right_matched[r as usize] = true;
                }
            }
            _ => {
                // Checked before the pairs are made: an exploding join stops here.
                let adding = matches.map_or(0, <[u32]>::len);
                let rows = (pairs_left.len() + adding) as u64;
                if rows > exec.limits.max_rows {
                    return Err(EvalError::RowLimit {
                        operator: "join",
                        rows,
                        limit: exec.limits.max_rows,
                        span: None,
                    });
                }
                for &r in matches.into_iter().flatten() {
                    pairs_left.push(Some(l as u32));
                    pairs_right.push(Some(r));
                    right_matched[r as usize] = true;
                }
                if matches.is_none()
                    && matches!(plan.kind, JoinKind::LeftOuter | JoinKind::FullOuter)
                {
                    pairs_left.push(Some(l as u32));
                    pairs_right.push(None);
                }
            }
        }
        if pairs_left.len() as u64 > exec.limits.max_rows {
            return Err(EvalError::RowLimit {
                operator: "join",
                rows: pairs_left.len() as u64,
                limit: exec.limits.max_rows,
                span: None,
            });
        }
        let row = crate::exec::row_bytes(left) + crate::exec::row_bytes(right);
        exec.check_bytes("join", (pairs_left.len() as u64).saturating_mul(row), None)?;
    }
    match plan.kind {
        JoinKind::RightSemi | JoinKind::RightAnti => {
            let want = plan.kind == JoinKind::RightSemi;
            pairs_right = (0..right.num_rows() as u32)
                .filter(|&r| right_matched[r as usize] == want)
                .map(Some)
                .collect();
        }
        JoinKind::RightOuter | JoinKind::FullOuter => {
            for (r, matched) in right_matched.iter().enumerate() {
                if !matched {
                    pairs_left.push(None);
                    pairs_right.push(Some(r as u32));
                }
            }
        }
        _ => {}
    }
    let columns = plan
        .output
        .iter()
        .map(|&(is_right, i)| {
            let (table, rows) = if is_right {
                (right, &pairs_right)
            } else {
                (left, &pairs_left)
            };
            Arc::new(table.columns()[i].gather_opt(rows))
        })
        .collect();
    let rows = pairs_left.len().max(pairs_right.len());
    Ok(Arc::new(Table::with_row_count(
        schema.clone(),
        columns,
        rows,
    )?))
}

/// The right rows of each key id, in right order (one array, not a list per key).
struct RightRows {
    /// `rows[starts[id]..starts[id + 1]]` are the rows of key `id`.
    starts: Vec<u32>,
    rows: Vec<u32>,
}

impl RightRows {
    fn rows(&self, id: u32) -> &[u32] {
        let id = id as usize;
        match (self.starts.get(id), self.starts.get(id + 1)) {
            (Some(&a), Some(&b)) => &self.rows[a as usize..b as usize],
            _ => &[],
        }
    }
}

/// The right side hashed on its keys: the distinct keys, and the rows of each.
fn index_right(keys: &[&Column], rows: usize) -> (KeyIndex, RightRows) {
    let mut index = KeyIndex::new();
    let mut ids = Vec::with_capacity(rows);
    let mut buf = Vec::new();
    for r in 0..rows {
        row_key(keys, r, &mut buf);
        ids.push(index.insert(&buf).0);
    }
    // Counting sort of the rows by key id keeps right order within a key.
    let mut starts = vec![0u32; index.len() + 1];
    for &id in &ids {
        starts[id as usize + 1] += 1;
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    let mut next = starts.clone();
    let mut sorted = vec![0u32; rows];
    for (r, &id) in ids.iter().enumerate() {
        let at = &mut next[id as usize];
        sorted[*at as usize] = r as u32;
        *at += 1;
    }
    (
        index,
        RightRows {
            starts,
            rows: sorted,
        },
    )
}
