//! Tabular plan nodes: one per operator the executor knows.

use std::sync::Arc;

use kql_parser::ast::{JoinKind, NullsOrder, Span};

use super::{AggregateCall, ScalarExpr};
use crate::table::Schema;

/// A tabular plan node and the schema it produces.
#[derive(Debug, Clone)]
pub struct Plan {
    pub kind: PlanKind,
    pub schema: Schema,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum PlanKind {
    /// A table from the catalog (`EmailEvents`); the loader reads only `columns`
    /// (indexes into the table's full schema), which become this node's schema.
    Scan(TableRef),
    /// Rows of constant expressions: `datatable(...)[...]` (values row by row, each
    /// converted to its column's type) and `print ...` (one row).
    Rows { values: Vec<ScalarExpr> },
    /// `range x from a to b step s`.
    Range {
        from: ScalarExpr,
        to: ScalarExpr,
        step: ScalarExpr,
    },
    /// `where Pred`: keeps rows where the predicate is `true` (null drops the row).
    Filter {
        input: Arc<Plan>,
        predicate: ScalarExpr,
    },
    /// `project`/`extend`/`project-rename`/...: rows unchanged; `computed` columns are
    /// evaluated in order, each seeing the input's columns (indexes `0..n`) and the
    /// computed ones before it (indexes `n..`); `output` picks the result columns.
    Project {
        input: Arc<Plan>,
        computed: Vec<ScalarExpr>,
        output: Vec<ProjectItem>,
    },
    /// `summarize Aggs by Keys`.
    Summarize(Box<SummarizePlan>),
    /// `join` / `lookup`.
    Join(Box<JoinPlan>),
    /// `distinct A, B`: the first row of each distinct key (columns are the keys).
    Distinct {
        input: Arc<Plan>,
        columns: Vec<usize>,
    },
    /// `sort by ...` (and the sorting half of `top`).
    Sort {
        input: Arc<Plan>,
        keys: Vec<SortKeyPlan>,
    },
    /// `take N`: the first N rows.
    Take { input: Arc<Plan>, count: ScalarExpr },
    /// `count`: one row, one column `Count`.
    Count { input: Arc<Plan> },
    /// `union`: inputs' columns mapped into the output schema by name.
    Union(Box<UnionPlan>),
    /// A shared sub-plan evaluated once per run (`materialize(T)`, a tabular `let`
    /// used several times).
    Materialize { id: usize, input: Arc<Plan> },
}

/// A table read from the catalog.
#[derive(Debug, Clone)]
pub struct TableRef {
    pub name: String,
    /// Indexes into the table's full schema, in output order.
    pub columns: Vec<usize>,
    /// The table's full schema.
    pub full_schema: Schema,
}

/// One output column of a [`PlanKind::Project`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProjectItem {
    /// Passes input column `index` through.
    Input(usize),
    /// The `index`-th computed column.
    Computed(usize),
}

#[derive(Debug, Clone)]
pub struct SortKeyPlan {
    pub expr: ScalarExpr,
    pub descending: bool,
    pub nulls: NullsOrder,
}

#[derive(Debug, Clone)]
pub struct SummarizePlan {
    pub input: Arc<Plan>,
    /// Group keys; output columns come first in this order.
    pub keys: Vec<ScalarExpr>,
    /// Aggregates; their outputs follow the keys.
    pub aggregates: Vec<AggregateCall>,
}

#[derive(Debug, Clone)]
pub struct JoinPlan {
    pub kind: JoinKind,
    pub left: Arc<Plan>,
    pub right: Arc<Plan>,
    /// Equality keys: `left_keys[i] == right_keys[i]` (column indexes).
    pub left_keys: Vec<usize>,
    pub right_keys: Vec<usize>,
    /// Which columns of each side the output holds, in output order: `(is_right, index)`.
    pub output: Vec<(bool, usize)>,
}

#[derive(Debug, Clone)]
pub struct UnionPlan {
    pub inputs: Vec<Arc<Plan>>,
    /// For each input, for each output column: the input column index, or `None`
    /// (filled with nulls).
    pub mappings: Vec<Vec<Option<usize>>>,
    /// `withsource=Name`: a first column holding each row's source name.
    pub source_names: Option<Vec<String>>,
}
