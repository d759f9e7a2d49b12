//! `geo_polygon_lookup` / `geo_line_lookup`: each input row with every lookup row
//! whose shape holds (or passes near) its point; rows without a match are dropped,
//! or kept with nulls (`""`) under `return_unmatched`.
//!
//! ```kql
//! locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude, return_unmatched = true)
//! ```
//! The matching is `functions::lookup_matches`; this gathers the output columns.

use std::sync::Arc;

use crate::exec::EvalError;
use crate::functions::lookup_matches;
use crate::plan::{GeoLookup, Plan};
use crate::table::Table;

pub(crate) fn geo_lookup(
    input: &Arc<Table>,
    lookup: &Arc<Table>,
    g: &GeoLookup,
    node: &Plan,
) -> Result<Arc<Table>, EvalError> {
    let matches = lookup_matches(
        &lookup.columns()[g.shape],
        &input.columns()[g.lon],
        &input.columns()[g.lat],
        g.max_distance,
    )?;
    let mut left = Vec::new();
    let mut right = Vec::new();
    for (row, found) in matches.iter().enumerate() {
        if found.is_empty() && g.return_unmatched {
            left.push(row as u32);
            right.push(None);
        }
        for &m in found {
            left.push(row as u32);
            right.push(Some(m));
        }
    }
    super::ipv4_lookup::matched_rows(node, input, &left, lookup, &g.lookup_columns, &right)
}
