//! Tabular plan nodes: one per operator the executor knows.

use std::sync::Arc;

use kql_parser::ast::{JoinKind, NullsOrder, ScalarType, Span};

use super::{AggregateCall, ScalarExpr};
use crate::functions::ScalarFunction;
use crate::load::ExternalFormat;
use crate::table::{Schema, Table};

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
    /// `mv-expand`: each input row once per element of its longest expanded value.
    MvExpand(Box<MvExpandPlan>),
    /// `make-series`: one row per series (distinct `by` keys), arrays over the axis.
    MakeSeries(Box<MakeSeriesPlan>),
    /// `parse` / `parse-where`: the input's columns, then one column per capture.
    Parse(Box<ParsePlan>),
    /// A table computed while binding at run time (the output of `evaluate
    /// bag_unpack`, whose columns come from the data).
    Constant(Arc<Table>),
    /// A query bound at run time, when its columns depend on the data
    /// (`bind::late`). Its schema here is empty.
    Late(Arc<crate::bind::LateQuery>),
    /// `top-nested`: hierarchical top values, two columns per level.
    TopNested(Box<TopNestedPlan>),
    /// `mv-apply`: a sub-query run on each input row's expansion.
    MvApply(Box<MvApplyPlan>),
    /// `partition by Column (SubQuery)`: the sub-query run on each group of rows with
    /// one value of `column`; the results are concatenated.
    Partition {
        input: Arc<Plan>,
        column: usize,
        sub: Arc<Plan>,
        /// The legacy strategy (the default) allows at most 64 partitions.
        legacy: bool,
    },
    /// `evaluate ipv4_lookup(Lookup, IpColumn, RangeColumn [, return_unmatched])`: the
    /// input's columns, then the lookup table's for the range holding each address.
    Ipv4Lookup {
        input: Arc<Plan>,
        lookup: Arc<Plan>,
        ip: usize,
        range: usize,
        return_unmatched: bool,
    },
    /// `evaluate geo_polygon_lookup(...)` / `geo_line_lookup(...)`: the input's
    /// columns, then the lookup table's (`lookup_columns` of them) for each shape
    /// holding (or near) the row's point (`bind/operators/geo_lookup.rs`).
    GeoLookup(Box<GeoLookup>),
    /// `scan ... with (step ...)`: the input's matching records with the declared
    /// columns and the match id (`exec/operators/scan.rs`).
    ScanSequence(Box<ScanPlan>),
    /// The implicit input of a sub-query (`mv-apply ... on (...)`): the table the
    /// executor is currently applying it to.
    SubInput,
    /// `serialize`: the input unchanged, marked as ordered for window functions.
    Serialize { input: Arc<Plan> },
    /// `render`: the input unchanged; the chart request is kept for the caller
    /// ([`Plan::render_request`]).
    Render {
        input: Arc<Plan>,
        request: RenderRequest,
    },
    /// `externaldata(Cols) [Urls] with (...)`: the declared columns (this node's
    /// schema) read from the local file standing in for each URL, one after another.
    ExternalData(Box<ExternalDataPlan>),
}

/// What `externaldata` reads: the URLs (constant string expressions) and how.
#[derive(Debug, Clone)]
pub struct ExternalDataPlan {
    pub urls: Vec<ScalarExpr>,
    /// `format=...`; `None`: detected from each URL's extension, CSV by default.
    pub format: Option<ExternalFormat>,
    /// `ignoreFirstRecord=true`: drop the first record of each file.
    pub ignore_first_record: bool,
}

impl Plan {
    /// The chart the query asked for, when its last operator is `render`.
    pub fn render_request(&self) -> Option<&RenderRequest> {
        match &self.kind {
            PlanKind::Render { request, .. } => Some(request),
            PlanKind::Late(query) => query.render.as_ref(),
            _ => None,
        }
    }
}

/// `render Chart [with (Property = Value, ...)]`: what to draw (`kql run --chart`
/// draws it; without that option the CLI only mentions it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderRequest {
    /// `timechart`, `piechart`, `columnchart`, ...
    pub chart: String,
    /// The properties in order: `("title", ["Mail per day"])`,
    /// `("ycolumns", ["Inbound", "Outbound"])`. Names and strings as written, other
    /// values as KQL text (`-1`, `datetime(2026-01-01)`).
    pub properties: Vec<(String, Vec<String>)>,
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

/// `mv-expand [kind=array] [with_itemindex=I] A, B = expr to typeof(T) [limit N]`.
#[derive(Debug, Clone)]
pub struct MvExpandPlan {
    pub input: Arc<Plan>,
    /// The expanded values (dynamic expressions over the input) and the type each
    /// output column gets (`dynamic` unless `to typeof(T)`).
    pub items: Vec<(ScalarExpr, ScalarType)>,
    /// `kind=array`: a bag's entries become `[key, value]` arrays, not one-key bags.
    pub bag_as_array: bool,
    /// `limit N`: at most N rows from each input row.
    pub limit: Option<ScalarExpr>,
    /// The output columns, in order.
    pub output: Vec<MvExpandColumn>,
}

/// One output column of an [`MvExpandPlan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MvExpandColumn {
    /// Input column `i`, repeated on every row its input row expands to.
    Input(usize),
    /// The elements of the `k`-th expanded item.
    Item(usize),
    /// `with_itemindex`: the element's 0-based position.
    Index,
}

/// `parse [kind=...] Source with Pattern` and `parse-where`.
#[derive(Debug, Clone)]
pub struct ParsePlan {
    pub input: Arc<Plan>,
    /// The text parsed (a `string` expression).
    pub source: ScalarExpr,
    /// The pattern as a regex; column `k` is named group `c{k}`.
    pub regex: String,
    /// Other plausible translations of the pattern: a row on which any of them
    /// captures differently is refused, not answered.
    pub variants: Vec<String>,
    /// The captured columns, appended after the input's: the conversion from text
    /// (`tolong`, `todatetime`, ...) for typed ones, `None` for strings.
    pub columns: Vec<Option<&'static ScalarFunction>>,
    /// `simple` and `regex`: a row where any conversion fails gets no values at all;
    /// `relaxed`: only the failing column is null.
    pub strict: bool,
    /// `parse-where`: rows that do not parse are dropped.
    pub drop_unmatched: bool,
}

/// `make-series Aggs [default=D] on Axis [from A] [to B] step S [by Keys]`: the keys,
/// one dynamic array per aggregate, then the axis array.
#[derive(Debug, Clone)]
pub struct MakeSeriesPlan {
    pub input: Arc<Plan>,
    pub keys: Vec<ScalarExpr>,
    pub values: Vec<SeriesValue>,
    pub axis: ScalarExpr,
    pub from: Option<ScalarExpr>,
    pub to: Option<ScalarExpr>,
    pub step: ScalarExpr,
    /// `kind=nonempty`: an empty input still gives one row of defaults (no `by`).
    pub nonempty: bool,
}

/// One `make-series` array: an aggregate per bin, or a constant in every bin with rows.
#[derive(Debug, Clone)]
pub struct SeriesValue {
    pub value: SeriesAggregate,
    /// The element type (numeric).
    pub ty: ScalarType,
    /// `default = V` (a constant expression), for bins without rows; 0 when absent.
    pub default: Option<ScalarExpr>,
}

#[derive(Debug, Clone)]
pub enum SeriesAggregate {
    /// `count()`, `avg(x)`, ...
    Call(AggregateCall),
    /// `other = -1`: the constant (no column references), in every bin with rows.
    Constant(ScalarExpr),
}

/// `top-nested [N] of Key [with others = V] by Aggregate [asc|desc], ...`.
#[derive(Debug, Clone)]
pub struct TopNestedPlan {
    pub input: Arc<Plan>,
    pub levels: Vec<TopNestedLevelPlan>,
}

/// One level: its output columns are the key, then the aggregate.
#[derive(Debug, Clone)]
pub struct TopNestedLevelPlan {
    /// `N` (a constant); `None` keeps every value.
    pub count: Option<ScalarExpr>,
    pub key: ScalarExpr,
    /// `with others = V`: one more row for the values not in the top.
    pub others: Option<ScalarExpr>,
    pub aggregate: AggregateCall,
    pub descending: bool,
}

/// `mv-apply Items on (SubQuery)`: for each input row, its `mv-expand` rows (the
/// sub-table) run through `sub`; the outputs are unioned, each after the input row's
/// `extras` columns.
#[derive(Debug, Clone)]
pub struct MvApplyPlan {
    /// The expansion, as `mv-expand` does it (its output is the sub-table).
    pub expand: MvExpandPlan,
    /// The sub-table's schema (the expansion's output).
    pub expanded: Schema,
    /// The sub-query, bound over a [`PlanKind::SubInput`] with the sub-table's schema.
    pub sub: Arc<Plan>,
    /// Input columns put before each sub-query output row (the non-expanded columns,
    /// when the sub-query drops them).
    pub extras: Vec<usize>,
}

/// A geospatial lookup: `evaluate geo_polygon_lookup(Lookup, Shape, Lon, Lat)` or
/// `geo_line_lookup(Lookup, Shape, Lon, Lat, MaxDistance)`.
#[derive(Debug, Clone)]
pub struct GeoLookup {
    pub input: Arc<Plan>,
    pub lookup: Arc<Plan>,
    /// The lookup table's shape column.
    pub shape: usize,
    /// The input's longitude and latitude columns.
    pub lon: usize,
    pub lat: usize,
    /// `None` for polygons (containment); the distance in metres for lines.
    pub max_distance: Option<f64>,
    pub return_unmatched: bool,
    /// The lookup columns in the output, in order (all but the shape column unless
    /// `return_lookup_key`).
    pub lookup_columns: Vec<usize>,
}

/// `scan`: the steps' conditions and assignments are bound over the input's columns,
/// then, per step, the state's copy of the input's and the declared columns
/// (`bind/operators/scan.rs`).
#[derive(Debug, Clone)]
pub struct ScanPlan {
    pub input: Arc<Plan>,
    /// The number of input columns.
    pub inputs: usize,
    /// The declared columns' types and defaults.
    pub declared: Vec<ScalarType>,
    pub defaults: Vec<crate::value::Value>,
    pub steps: Vec<ScanStepPlan>,
    /// Whether a match id column is appended.
    pub match_id: bool,
}

/// One `step Name [output=all|none]: Condition [=> Col = Expr, ...]`.
#[derive(Debug, Clone)]
pub struct ScanStepPlan {
    pub condition: ScalarExpr,
    /// Per declared column, its assignment in this step.
    pub assignments: Vec<Option<ScalarExpr>>,
    pub output: bool,
}
