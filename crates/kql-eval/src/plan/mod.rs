//! The typed plan: what the binder produces from the AST and the executor runs.
//!
//! Every name is resolved (columns to indexes into the input's schema), every
//! expression has its Kusto type, and every function is a registry entry. A plan
//! node knows its output [`Schema`], so `kql check --print-schema` and the
//! column-pruning pass need no data.

mod expr;
mod node;
mod prune;
mod walk;

pub use expr::{AggregateCall, ScalarExpr, ScalarKind};
pub use node::{
    ExternalDataPlan, GeoLookup, JoinPlan, MakeSeriesPlan, MvApplyPlan, MvExpandColumn,
    MvExpandPlan, ParsePlan, Plan, PlanKind, ProjectItem, RenderRequest, ScanPlan, ScanStepPlan,
    SeriesAggregate, SeriesValue, SortKeyPlan, SummarizePlan, TableRef, TopNestedLevelPlan,
    TopNestedPlan, UnionPlan,
};
pub use prune::prune;
