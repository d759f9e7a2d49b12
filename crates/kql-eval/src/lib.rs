//! Kusto types, columnar tables, schemas, loaders, checking and execution.
//!
//! The pipeline has one public function per stage:
//!
//! ```text
//!  KQL text ──kql_parser::parse──▶ Script (AST)
//!  Script ────check──────────────▶ BoundScript (typed plans)   ◀── TableProvider (schemas)
//!  BoundScript ─run──────────────▶ Vec<Table> (one per query)  ◀── TableData (loaders)
//! ```
//!
//! ```
//! use kql_eval::{check, run, MemoryTables, RunOptions};
//!
//! let script = kql_parser::parse(
//!     "datatable(Domain:string, N:long) ['a.com', 1, 'b.com', 2, 'a.com', 3]
//!      | summarize Total = sum(N) by Domain | sort by Total",
//! ).unwrap();
//! let tables = MemoryTables::default();
//! let bound = check(&script, &tables).unwrap();
//! let results = run(&bound, &tables, &RunOptions::default()).unwrap();
//! let rows: Vec<String> = (0..results[0].num_rows())
//!     .map(|r| format!("{:?}", results[0].row(r)))
//!     .collect();
//! assert_eq!(rows.len(), 2);
//! assert_eq!(results[0].schema().fields[1].name, "Total");
//! ```
#![forbid(unsafe_code)]

pub mod bind;
pub mod exec;
pub mod files;
pub mod functions;
pub mod geoip;
mod memory;
pub mod plan;

pub mod format;
pub mod load;
pub mod schema;
pub mod table;
pub mod value;

use std::sync::Arc;

pub use bind::{BoundScript, CheckError, CheckWarning, TableProvider};
pub use exec::{EvalContext, EvalError, Limits, TableData};
pub use files::FileTables;
pub use memory::MemoryTables;
use table::Table;

/// Options of one run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// `now()` in ticks since 0001-01-01; `None` reads the clock once.
    pub now: Option<i64>,
    pub limits: Limits,
    /// The MaxMind GeoLite2-City (or compatible) database behind
    /// `geo_info_from_ip_address`.
    pub geoip: Option<Arc<geoip::GeoIpDatabase>>,
}

/// Binds and type-checks a script against table schemas, without data, and narrows
/// every table scan to the columns the query reads.
pub fn check(
    script: &kql_parser::ast::Script,
    tables: &dyn TableProvider,
) -> Result<BoundScript, Vec<CheckError>> {
    let mut bound = bind::bind_script(script, tables)?;
    bound.queries = bound.queries.iter().map(plan::prune).collect();
    Ok(bound)
}

/// What [`check_with_warnings`] found: the bound script or its errors, and the warnings
/// (probable mistakes Kusto accepts), which never make a check fail.
#[derive(Debug)]
pub struct Checked {
    pub result: Result<BoundScript, Vec<CheckError>>,
    pub warnings: Vec<CheckWarning>,
}

/// [`check`], also returning the warnings (`kql check` reports them; `kql run` prints
/// only those that say the result lacks something, [`CheckWarning::changes_result`]).
pub fn check_with_warnings(
    script: &kql_parser::ast::Script,
    tables: &dyn TableProvider,
) -> Checked {
    let (result, warnings) = bind::bind_script_with_warnings(script, tables);
    let result = result.map(|mut bound| {
        bound.queries = bound.queries.iter().map(plan::prune).collect();
        bound
    });
    Checked { result, warnings }
}

/// Runs every query of a checked script; one result table per query, in order.
pub fn run(
    bound: &BoundScript,
    data: &dyn TableData,
    options: &RunOptions,
) -> Result<Vec<Arc<Table>>, EvalError> {
    let now = options.now.unwrap_or_else(now_ticks);
    let scans: Vec<(&str, &table::Schema, &[usize])> = bound
        .queries
        .iter()
        .flat_map(plan::Plan::scans)
        .map(|t| (t.name.as_str(), &t.full_schema, t.columns.as_slice()))
        .collect();
    data.prepare(&scans);
    let mut executor = exec::Executor::new(
        EvalContext {
            now,
            geoip: options.geoip.clone(),
        },
        data,
    );
    executor.limits = options.limits;
    bound.queries.iter().map(|q| executor.execute(q)).collect()
}

/// The current time in ticks since 0001-01-01.
fn now_ticks() -> i64 {
    value::datetime::from_chrono(&chrono::Utc::now()).unwrap_or(0)
}
