//! Runs a query in-process for the unit tests of the math, datetime and IPv4 modules.

/// `Ok` holds the header (`name:type`) and then the rows as `tostring()` text;
/// `Err` the check or run error.
pub(in crate::functions) fn try_eval(src: &str) -> Result<Vec<Vec<String>>, String> {
    crate::functions::test_support::run_at(src, crate::functions::test_support::NOW_2026, false)
}

/// The single row of a `print`, as text.
pub(in crate::functions) fn row(src: &str) -> Vec<String> {
    let rows = try_eval(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    rows[1].clone()
}

/// The types of a query's columns.
pub(in crate::functions) fn types(src: &str) -> Vec<String> {
    let rows = try_eval(src).unwrap_or_else(|e| panic!("{src}: {e}"));
    rows[0]
        .iter()
        .map(|h| h.rsplit(':').next().unwrap_or("").to_string())
        .collect()
}
