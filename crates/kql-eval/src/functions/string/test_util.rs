//! Runs a KQL query in-process for the unit tests of the string, conversion and
//! encoding modules.

/// The last result of `query`: a header row of `name:type`, then rows of `tostring()`
/// text (dynamic values as JSON).
pub(crate) fn eval(query: &str) -> Result<Vec<Vec<String>>, String> {
    crate::functions::test_support::run_at(query, 0, true)
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
