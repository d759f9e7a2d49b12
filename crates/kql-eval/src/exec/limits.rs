//! Limits that stop a runaway query with an error instead of exhausting the machine
//! (`kql run --max-rows N --max-memory SIZE`).
//!
//! Every operator's result is checked when it is produced ([`Executor::execute`]):
//! its rows against `max_rows`, and the bytes of its columns (a column shared with its
//! input counts once per table; `dynamic` values are estimated) against `max_memory`.
//! Operators that can multiply their input (`range`, `join`, `mv-expand`, ...) also
//! check their expected size before building it, so the limit stops them before the
//! memory is taken.
//!
//! [`Executor::execute`]: super::Executor::execute

use kql_parser::ast::Span;

use super::{EvalError, Executor};
use crate::plan::{Plan, PlanKind};
use crate::table::Table;

/// 8 GiB: the library's memory limit when none is given (`kql run` uses half the
/// machine's memory, see [`default_max_memory`]).
pub const DEFAULT_MAX_MEMORY: u64 = 8 << 30;

/// Limits on what one operator may produce.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The most rows any operator may produce.
    pub max_rows: u64,
    /// The most bytes any operator's result (or a loaded table) may hold.
    pub max_memory: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_rows: 100_000_000,
            max_memory: DEFAULT_MAX_MEMORY,
        }
    }
}

/// Half the physical memory (Linux `/proc/meminfo`), else [`DEFAULT_MAX_MEMORY`].
pub fn default_max_memory() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
            let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(kib.saturating_mul(1024) / 2)
        })
        .filter(|&b| b > 0)
        .unwrap_or(DEFAULT_MAX_MEMORY)
}

/// Parses a size: `4GiB`, `512MB`, `100k`, `1048576` (bytes). Units are case-blind;
/// `K`/`M`/`G`/`T` with or without `iB` are powers of 1024, `KB`/`MB`/`GB`/`TB` powers
/// of 1000.
///
/// ```
/// use kql_eval::exec::parse_size;
/// assert_eq!(parse_size("4GiB"), Some(4 << 30));
/// assert_eq!(parse_size("512MB"), Some(512_000_000));
/// assert_eq!(parse_size("1.5g"), Some(3 << 29));
/// assert_eq!(parse_size("lots"), None);
/// ```
pub fn parse_size(text: &str) -> Option<u64> {
    let t = text.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (number, unit) = t.split_at(split);
    let number: f64 = number.parse().ok()?;
    let unit = unit.trim().to_ascii_lowercase();
    let scale: f64 = match unit.as_str() {
        "" | "b" => 1.0,
        "k" | "kib" => 1024.0,
        "m" | "mib" => 1024.0 * 1024.0,
        "g" | "gib" => 1024.0 * 1024.0 * 1024.0,
        "t" | "tib" => 1024.0 * 1024.0 * 1024.0 * 1024.0,
        "kb" => 1e3,
        "mb" => 1e6,
        "gb" => 1e9,
        "tb" => 1e12,
        _ => return None,
    };
    let bytes = number * scale;
    (bytes.is_finite() && bytes >= 1.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
}

/// `4.0 GiB`, `512.0 MiB`, `100 bytes`: a size for messages.
pub fn show_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// The operator a plan node is, as the query spells it.
pub(crate) fn operator_name(plan: &Plan) -> &'static str {
    match &plan.kind {
        PlanKind::Scan(_) => "the table scan",
        PlanKind::Rows { .. } => "datatable",
        PlanKind::Range { .. } => "range",
        PlanKind::Filter { .. } => "where",
        PlanKind::Project { .. } => "extend/project",
        PlanKind::Summarize(_) => "summarize",
        PlanKind::Join(_) => "join",
        PlanKind::Distinct { .. } => "distinct",
        PlanKind::Sort { .. } => "sort",
        PlanKind::Take { .. } => "take",
        PlanKind::Count { .. } => "count",
        PlanKind::Union(_) => "union",
        PlanKind::Materialize { .. } => "materialize",
        PlanKind::MvExpand(_) => "mv-expand",
        PlanKind::MakeSeries(_) => "make-series",
        PlanKind::Parse(_) => "parse",
        PlanKind::Constant(_) => "a constant table",
        PlanKind::Late(_) => "evaluate",
        PlanKind::TopNested(_) => "top-nested",
        PlanKind::MvApply(_) => "mv-apply",
        PlanKind::Partition { .. } => "partition",
        PlanKind::Ipv4Lookup { .. } => "evaluate ipv4_lookup",
        PlanKind::GeoLookup(_) => "evaluate geo_polygon_lookup / geo_line_lookup",
        PlanKind::ScanSequence(_) => "scan",
        PlanKind::SubInput => "a sub-query input",
        PlanKind::Serialize { .. } => "serialize",
        PlanKind::Render { .. } => "render",
        PlanKind::ExternalData(_) => "externaldata",
    }
}

impl Executor<'_> {
    /// Checks a result against both limits.
    pub(crate) fn check_limits(&self, table: &Table, plan: &Plan) -> Result<(), EvalError> {
        let rows = table.num_rows() as u64;
        if rows > self.limits.max_rows {
            return Err(EvalError::RowLimit {
                operator: operator_name(plan),
                rows,
                limit: self.limits.max_rows,
                span: Some(plan.span),
            });
        }
        self.check_bytes(
            operator_name(plan),
            table.heap_bytes() as u64,
            Some(plan.span),
        )
    }

    /// Fails when `operator` would hold `bytes`, more than the memory limit.
    pub(crate) fn check_bytes(
        &self,
        operator: &'static str,
        bytes: u64,
        span: Option<Span>,
    ) -> Result<(), EvalError> {
        if bytes > self.limits.max_memory {
            return Err(EvalError::MemoryLimit {
                operator,
                bytes: show_size(bytes),
                limit: show_size(self.limits.max_memory),
                span,
            });
        }
        Ok(())
    }
}

/// The bytes per row of a table (for estimating what an operator multiplying its
/// rows will hold).
pub(crate) fn row_bytes(table: &Table) -> u64 {
    let rows = table.num_rows().max(1) as u64;
    (table.heap_bytes() as u64).div_ceil(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("512MB"), Some(512_000_000));
        assert_eq!(parse_size("512 MiB"), Some(512 << 20));
        assert_eq!(parse_size("8GiB"), Some(8 << 30));
        assert_eq!(parse_size("100"), Some(100));
        assert_eq!(parse_size("0"), None);
        assert_eq!(parse_size("-1G"), None);
        assert_eq!(parse_size("1e999"), None);
        assert_eq!(show_size(4 << 30), "4.0 GiB");
        assert_eq!(show_size(1536), "1.5 KiB");
        assert_eq!(show_size(10), "10 bytes");
        assert!(default_max_memory() > 0);
    }
}
