//! Executes a typed [`Plan`] over in-memory, columnar tables.
//!
//! Each plan node produces a whole [`Table`]; scalar expressions are evaluated a column
//! at a time ([`scalar`]), and joins, `summarize` and `distinct` hash row keys
//! ([`keys`]).

mod error;
mod keys;
mod lazy;
mod limits;
pub(crate) mod operators;
mod scalar;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

pub use error::EvalError;
pub(crate) use limits::row_bytes;
pub use limits::{DEFAULT_MAX_MEMORY, Limits, default_max_memory, parse_size, show_size};
pub use scalar::eval_scalar;

use crate::plan::{Plan, PlanKind};
use crate::table::{Schema, Table};

/// Per-run state shared by every function call: the pinned clock and the outside
/// resources a run was given.
#[derive(Debug, Clone, Default)]
pub struct EvalContext {
    /// `now()` for the whole run, in ticks since 0001-01-01 (Kusto fixes it once per query).
    pub now: i64,
    /// The MaxMind database `geo_info_from_ip_address` reads (`kql run --geoip`); `None`:
    /// the function fails, naming the flag.
    pub geoip: Option<Arc<crate::geoip::GeoIpDatabase>>,
}

/// Where table data comes from at run time.
pub trait TableData {
    /// Loads table `name` with only `columns` (indexes into `full_schema`, in that order).
    fn load(
        &self,
        name: &str,
        full_schema: &Schema,
        columns: &[usize],
    ) -> Result<Arc<Table>, EvalError>;

    /// Told, before a run, every table scan its plans hold (`(table, its full schema,
    /// the columns that scan reads)`), so a table several scans read can be loaded once
    /// with all their columns. The default does nothing.
    fn prepare(&self, scans: &[(&str, &Schema, &[usize])]) {
        let _ = scans;
    }

    /// The local file standing in for `externaldata` URL `url` (`kql run --external
    /// URL=FILE`, `--external-dir DIR`); `None`: none was given, and the query fails
    /// naming the URL. kql never reads the network.
    fn external(&self, url: &str) -> Option<PathBuf> {
        let _ = url;
        None
    }
}

/// Runs plans; shares materialized sub-results within one run.
pub struct Executor<'a> {
    pub ctx: EvalContext,
    pub limits: Limits,
    pub(crate) data: &'a dyn TableData,
    materialized: HashMap<usize, Arc<Table>>,
    /// The tables sub-queries are applied to (`mv-apply`), innermost last.
    pub(crate) sub_inputs: Vec<Arc<Table>>,
}

impl<'a> Executor<'a> {
    pub fn new(ctx: EvalContext, data: &'a dyn TableData) -> Executor<'a> {
        Executor {
            ctx,
            limits: Limits::default(),
            data,
            materialized: HashMap::new(),
            sub_inputs: Vec::new(),
        }
    }

    /// Executes a plan to a table.
    pub fn execute(&mut self, plan: &Plan) -> Result<Arc<Table>, EvalError> {
        let table =
            match &plan.kind {
                PlanKind::Scan(table) => {
                    self.data
                        .load(&table.name, &table.full_schema, &table.columns)?
                }
                PlanKind::Rows { values } => operators::rows(self, plan, values)?,
                PlanKind::Range { from, to, step } => operators::range(self, plan, from, to, step)?,
                PlanKind::Filter { input, predicate } => {
                    let input = self.execute(input)?;
                    operators::filter(self, &input, predicate)?
                }
                PlanKind::Project {
                    input,
                    computed,
                    output,
                } => {
                    let input = self.execute(input)?;
                    operators::project(self, &input, computed, output, &plan.schema)?
                }
                PlanKind::Summarize(s) => {
                    let input = self.execute(&s.input)?;
                    operators::summarize(self, &input, s, &plan.schema)?
                }
                PlanKind::Join(j) => {
                    let left = self.execute(&j.left)?;
                    let right = self.execute(&j.right)?;
                    operators::join(self, &left, &right, j, &plan.schema)
                        .map_err(|e| e.at(plan.span))?
                }
                PlanKind::Distinct { input, columns } => {
                    let input = self.execute(input)?;
                    operators::distinct(&input, columns, &plan.schema)?
                }
                PlanKind::Sort { input, keys } => {
                    let input = self.execute(input)?;
                    operators::sort(self, &input, keys)?
                }
                PlanKind::Take { input, count } => {
                    let input = self.execute(input)?;
                    operators::take(self, &input, count)?
                }
                PlanKind::Count { input } => {
                    let input = self.execute(input)?;
                    operators::count(&input, &plan.schema)?
                }
                PlanKind::Union(u) => {
                    let inputs = u
                        .inputs
                        .iter()
                        .map(|p| self.execute(p))
                        .collect::<Result<Vec<_>, _>>()?;
                    operators::union(&inputs, u, &plan.schema)?
                }
                PlanKind::MvExpand(mv) => {
                    let input = self.execute(&mv.input)?;
                    operators::mv_expand(self, &input, mv, plan)?
                }
                PlanKind::MvApply(m) => {
                    let input = self.execute(&m.expand.input)?;
                    operators::mv_apply(self, &input, m, plan)?
                }
                PlanKind::Partition {
                    input,
                    column,
                    sub,
                    legacy,
                } => {
                    let input = self.execute(input)?;
                    operators::partition(self, &input, *column, sub, *legacy, plan)?
                }
                PlanKind::Ipv4Lookup {
                    input,
                    lookup,
                    ip,
                    range,
                    return_unmatched,
                } => {
                    let input = self.execute(input)?;
                    let lookup = self.execute(lookup)?;
                    let keys = (*ip, *range);
                    operators::ipv4_lookup(self, &input, &lookup, keys, *return_unmatched, plan)?
                }
                PlanKind::GeoLookup(g) => {
                    let input = self.execute(&g.input)?;
                    let lookup = self.execute(&g.lookup)?;
                    operators::geo_lookup(&input, &lookup, g, plan)?
                }
                PlanKind::ScanSequence(s) => {
                    let input = self.execute(&s.input)?;
                    operators::scan(self, &input, s, plan)?
                }
                PlanKind::SubInput => self.sub_inputs.last().cloned().ok_or_else(|| {
                    EvalError::Internal("a sub-query outside its operator".into())
                })?,
                PlanKind::TopNested(t) => {
                    let input = self.execute(&t.input)?;
                    operators::top_nested(self, &input, t, plan)?
                }
                PlanKind::MakeSeries(ms) => {
                    let input = self.execute(&ms.input)?;
                    operators::make_series(self, &input, ms, plan)?
                }
                PlanKind::Parse(p) => {
                    let input = self.execute(&p.input)?;
                    operators::parse(self, &input, p, plan)?
                }
                PlanKind::Render { input, .. } | PlanKind::Serialize { input } => {
                    self.execute(input)?
                }
                PlanKind::Constant(table) => table.clone(),
                PlanKind::ExternalData(ed) => operators::externaldata(self, ed, plan)?,
                PlanKind::Late(query) => operators::late(self, query)?,
                PlanKind::Materialize { id, input } => {
                    if let Some(t) = self.materialized.get(id) {
                        return Ok(t.clone());
                    }
                    let t = self.execute(input)?;
                    self.materialized.insert(*id, t.clone());
                    t
                }
            };
        self.check_limits(&table, plan)?;
        Ok(table)
    }
}
