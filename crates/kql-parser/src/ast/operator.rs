//! Tabular operators: one struct per operator that has more than one part.

use super::{ColumnDecl, Expr, Ident, NamedOption, ScalarType, Span};

/// A tabular operator with its span (from its keyword to its last token).
#[derive(Debug, Clone, PartialEq)]
pub struct Operator {
    pub kind: OperatorKind,
    pub span: Span,
}

// Variants larger than an expression are boxed, so that an `Operator` is 112 bytes rather
// than 496: each one is moved several times while parsing, and at this size glibc's
// malloc serves and frees its box from the fast bins. `match` arms that bind a boxed
// variant work unchanged (the box derefs to the struct).
// `match` arms that bind it work unchanged, the box dereferencing to `&MakeSeries`.
#[derive(Debug, Clone, PartialEq)]
pub enum OperatorKind {
    /// `where Pred` (alias `filter`).
    Where(Expr),
    /// `extend A = x + 1, strlen(s)`.
    Extend(Vec<NamedExpr>),
    /// `project A, B = x + 1, strlen(s)`.
    Project(Vec<NamedExpr>),
    /// `project-away A, Tmp*` (names may hold `*` wildcards).
    ProjectAway(Vec<Ident>),
    /// `project-keep A, B*`.
    ProjectKeep(Vec<Ident>),
    /// `project-rename New = Old, ...`.
    ProjectRename(Vec<Rename>),
    /// `project-reorder B, A* asc`.
    ProjectReorder(Vec<ReorderItem>),
    /// `summarize count(), Latest = max(T) by Key, bin(Timestamp, 1h)`.
    Summarize(Summarize),
    /// `join kind=leftouter (Right) on Key, $left.A == $right.B`.
    Join(Box<Join>),
    /// `lookup kind=inner (Dim) on Key`.
    Lookup(Box<Lookup>),
    /// `distinct A, B` or `distinct *`.
    Distinct(Vec<Expr>),
    /// `sort by A desc nulls last, B asc` (alias `order by`).
    Sort(Sort),
    /// `take 10` (alias `limit`).
    Take(Expr),
    /// `top 10 by Count desc nulls last`.
    Top(Box<Top>),
    /// `top-nested 3 of Domain by count(), top-nested 2 of Sender by count()`.
    TopNested(Vec<TopNestedLevel>),
    /// `count`.
    Count,
    /// `union kind=outer withsource=Src T1, T2` as an operator or as a source.
    Union(Union),
    /// `mv-expand bagexpansion=array Item = Items to typeof(string) limit 10`.
    MvExpand(Box<MvExpand>),
    /// `mv-apply Item = Items to typeof(long) on (top 1 by Item)`.
    MvApply(Box<MvApply>),
    /// `make-series Count = count() default = 0 on Timestamp from a to b step 1d by Key`.
    MakeSeries(Box<MakeSeries>),
    /// `parse kind=regex Text with "x=" X:long "," *` and `parse-where ...`.
    Parse(Box<Parse>),
    /// `parse-kv Text as (Key:string, Value:long) with (pair_delimiter=",", kv_delimiter="=")`.
    ParseKv(Box<ParseKv>),
    /// `evaluate bag_unpack(Details)`, also a source (`evaluate plugin()`).
    Evaluate(Box<Evaluate>),
    /// `render timechart with (title = "Mail per day")`.
    Render(Render),
    /// `as Name` (`as hint.materialized=true Name`).
    As(As),
    /// `serialize` or `serialize Rank = row_number()`.
    Serialize(Vec<NamedExpr>),
    /// `getschema`.
    GetSchema,
    /// `sample 10`.
    Sample(Expr),
    /// `sample-distinct 10 of Domain`.
    SampleDistinct { count: Box<Expr>, column: Box<Expr> },
    /// `search "evil"`, `search in (T1, T2) Col has "x"`, also a source.
    Search(Box<Search>),
    /// `scan with (step s1: x > 1 => y = 1; step s2: ...)`.
    Scan(Scan),
    /// `fork (where a | take 1) (summarize count())`.
    Fork(Vec<ForkBranch>),
    /// `facet by A, B with (take 5)`.
    Facet(Facet),
    /// `partition by Key (top 3 by Count)`.
    Partition(Box<Partition>),
    /// `invoke MyFunction(1, "a")`.
    Invoke(Expr),
    /// `consume`.
    Consume,
    /// Source: `print x = 1, strcat("a", "b")`.
    Print(Vec<NamedExpr>),
    /// Source: `range x from 1 to 10 step 1`.
    Range(Box<Range>),
    /// Source: `datatable(Name:string, N:long) ["a", 1, "b", 2]`.
    DataTable(DataTable),
    /// Source: `externaldata(Url:string) ["https://host/feed.csv"] with (format="csv")`.
    ExternalData(ExternalData),
}

/// An optionally named expression: `A = x`, `(A, B) = f(x)` or just `x`.
///
/// `names` is empty for an unnamed expression (Kusto then derives `Column1`, `count_`, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct NamedExpr {
    pub names: Vec<Ident>,
    pub expr: Expr,
    pub span: Span,
}

/// `project-rename New = Old`.
#[derive(Debug, Clone, PartialEq)]
pub struct Rename {
    pub new: Ident,
    pub old: Ident,
    pub span: Span,
}

/// `project-reorder Pattern [asc | desc | granny-asc | granny-desc]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReorderItem {
    pub pattern: Ident,
    pub order: Option<ReorderOrder>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReorderOrder {
    Asc,
    Desc,
    GrannyAsc,
    GrannyDesc,
}

/// `summarize [hint.x=y] Aggregates [by Keys]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Summarize {
    pub options: Vec<NamedOption>,
    pub aggregates: Vec<NamedExpr>,
    pub by: Vec<NamedExpr>,
}

/// Join kinds. The default (no `kind=`) is `innerunique`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JoinKind {
    InnerUnique,
    Inner,
    LeftOuter,
    RightOuter,
    FullOuter,
    /// `leftanti` (aliases `anti`, `leftantisemi`)
    LeftAnti,
    /// `rightanti` (alias `rightantisemi`)
    RightAnti,
    LeftSemi,
    RightSemi,
}

impl JoinKind {
    /// Parses a `kind=` value, aliases included.
    pub fn from_name(name: &str) -> Option<JoinKind> {
        Some(match name {
            "innerunique" => JoinKind::InnerUnique,
            "inner" => JoinKind::Inner,
            "leftouter" => JoinKind::LeftOuter,
            "rightouter" => JoinKind::RightOuter,
            "fullouter" | "outer" => JoinKind::FullOuter,
            "leftanti" | "anti" | "leftantisemi" => JoinKind::LeftAnti,
            "rightanti" | "rightantisemi" => JoinKind::RightAnti,
            "leftsemi" => JoinKind::LeftSemi,
            "rightsemi" => JoinKind::RightSemi,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            JoinKind::InnerUnique => "innerunique",
            JoinKind::Inner => "inner",
            JoinKind::LeftOuter => "leftouter",
            JoinKind::RightOuter => "rightouter",
            JoinKind::FullOuter => "fullouter",
            JoinKind::LeftAnti => "leftanti",
            JoinKind::RightAnti => "rightanti",
            JoinKind::LeftSemi => "leftsemi",
            JoinKind::RightSemi => "rightsemi",
        }
    }
}

/// `join [kind=K] [hint.x=y] Right on Conditions`.
///
/// Each condition is a column name (`on Key`), `$left.A == $right.B`, or (with `and`)
/// several of those.
#[derive(Debug, Clone, PartialEq)]
pub struct Join {
    /// `None` when no `kind=` was written (innerunique).
    pub kind: Option<JoinKind>,
    /// Every other option (`hint.strategy=broadcast`, `hint.remote=auto`, ...).
    pub options: Vec<NamedOption>,
    pub right: Expr,
    pub on: Vec<Expr>,
}

/// `lookup [kind=leftouter|inner] Right on Conditions`.
#[derive(Debug, Clone, PartialEq)]
pub struct Lookup {
    pub kind: Option<JoinKind>,
    pub options: Vec<NamedOption>,
    pub right: Expr,
    pub on: Vec<Expr>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NullsOrder {
    First,
    Last,
}

/// `Expr [asc|desc] [nulls first|last]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SortKey {
    pub expr: Expr,
    pub order: Option<SortOrder>,
    pub nulls: Option<NullsOrder>,
    pub span: Span,
}

/// `sort [hint.x=y] by Keys`.
#[derive(Debug, Clone, PartialEq)]
pub struct Sort {
    pub options: Vec<NamedOption>,
    pub keys: Vec<SortKey>,
}

/// `top N by Key [asc|desc] [nulls first|last]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Top {
    pub count: Expr,
    pub by: SortKey,
}

/// One level of `top-nested [N] of Expr [with others = V] by Aggregate [asc|desc]`.
#[derive(Debug, Clone, PartialEq)]
pub struct TopNestedLevel {
    pub count: Option<Expr>,
    pub of: NamedExpr,
    pub others: Option<Expr>,
    pub by: NamedExpr,
    pub order: Option<SortOrder>,
    pub span: Span,
}

/// `union [kind=inner|outer] [withsource=Name] [isfuzzy=true] T1, (T2 | ...), Email*`.
#[derive(Debug, Clone, PartialEq)]
pub struct Union {
    pub options: Vec<NamedOption>,
    pub tables: Vec<Expr>,
}

/// `mv-expand [bagexpansion=bag|array] [with_itemindex=I] Items [limit N]`.
#[derive(Debug, Clone, PartialEq)]
pub struct MvExpand {
    pub options: Vec<NamedOption>,
    pub items: Vec<MvExpandItem>,
    pub limit: Option<Expr>,
}

/// `[Name =] ArrayExpr [to typeof(T)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct MvExpandItem {
    pub name: Option<Ident>,
    pub expr: Expr,
    pub to_type: Option<ScalarType>,
    pub span: Span,
}

/// `mv-apply [with_itemindex=I] Items [limit N] [id = Name] on (SubQuery)`.
#[derive(Debug, Clone, PartialEq)]
pub struct MvApply {
    pub options: Vec<NamedOption>,
    pub items: Vec<MvExpandItem>,
    pub limit: Option<Expr>,
    pub context_id: Option<Ident>,
    pub on: SubPipeline,
}

/// Operators applied to an implicit input, as inside `mv-apply ... on (...)`,
/// `fork (...)`, `facet ... with (...)` and `partition by K (...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct SubPipeline {
    pub operators: Vec<Operator>,
    pub span: Span,
}

/// `make-series [kind=nonempty] Aggs on Axis [from A] [to B] step S [by Keys]`, or
/// `... on Axis in range(A, B, S) ...`.
#[derive(Debug, Clone, PartialEq)]
pub struct MakeSeries {
    pub options: Vec<NamedOption>,
    pub aggregates: Vec<MakeSeriesAggregate>,
    pub on: Expr,
    pub from: Option<Expr>,
    pub to: Option<Expr>,
    pub step: Option<Expr>,
    /// The `in range(A, B, S)` form.
    pub in_range: Option<Expr>,
    pub by: Vec<NamedExpr>,
}

/// `[Name =] Aggregate [default = Value]`.
#[derive(Debug, Clone, PartialEq)]
pub struct MakeSeriesAggregate {
    pub aggregate: NamedExpr,
    pub default: Option<Expr>,
    pub span: Span,
}

/// `parse [kind=simple|regex|relaxed [flags=F]] Source with Pattern` (and `parse-where`).
#[derive(Debug, Clone, PartialEq)]
pub struct Parse {
    /// `parse-where`: rows that do not match are dropped.
    pub is_where: bool,
    pub options: Vec<NamedOption>,
    pub source: Expr,
    pub pattern: Vec<ParsePart>,
}

/// A piece of a `parse` pattern: `"literal"`, `Column[:type]` or `*`.
#[derive(Debug, Clone, PartialEq)]
pub enum ParsePart {
    Literal {
        value: String,
        span: Span,
    },
    Column {
        name: Ident,
        ty: Option<ScalarType>,
        span: Span,
    },
    Star {
        span: Span,
    },
}

/// `parse-kv Source as (Columns) [with (Options)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseKv {
    pub source: Expr,
    pub columns: Vec<ColumnDecl>,
    pub options: Vec<NamedOption>,
}

/// `evaluate [hint.x=y] plugin(args)`: `call` is an [`crate::ast::ExprKind::Call`].
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluate {
    pub options: Vec<NamedOption>,
    pub call: Expr,
}

/// `render Chart [with (Property = Value, ycolumns = A, B)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Render {
    pub chart: Ident,
    pub properties: Vec<RenderProperty>,
}

/// One `with (...)` property of `render`; `ycolumns` and friends take a list.
#[derive(Debug, Clone, PartialEq)]
pub struct RenderProperty {
    pub name: Ident,
    pub values: Vec<Expr>,
    pub span: Span,
}

/// `as [hint.materialized=true] Name`.
#[derive(Debug, Clone, PartialEq)]
pub struct As {
    pub options: Vec<NamedOption>,
    pub name: Ident,
}

/// `search [kind=case_sensitive] [in (T1, T2)] Predicate`.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub options: Vec<NamedOption>,
    pub tables: Vec<Expr>,
    pub predicate: Expr,
}

/// `scan [with_match_id=Id] [declare (Cols)] with (step Name [output=all|last|none]: Cond [=> Assignments]; ...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    pub options: Vec<NamedOption>,
    pub declare: Vec<ScanDeclaration>,
    pub steps: Vec<ScanStep>,
}

/// `Name:type [= Default]` in `scan declare (...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanDeclaration {
    pub column: ColumnDecl,
    pub default: Option<Expr>,
    pub span: Span,
}

/// `step Name [output = all|last|none]: Condition [=> Col = Expr, ...]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScanStep {
    pub name: Ident,
    pub output: Option<Ident>,
    pub condition: Expr,
    pub assignments: Vec<NamedExpr>,
    pub span: Span,
}

/// `[Name =] (SubPipeline)` in `fork`.
#[derive(Debug, Clone, PartialEq)]
pub struct ForkBranch {
    pub name: Option<Ident>,
    pub body: SubPipeline,
    pub span: Span,
}

/// `facet by A, B [with (SubPipeline)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Facet {
    pub columns: Vec<Ident>,
    pub with: Option<SubPipeline>,
}

/// `partition [hint.x=y] by Column (SubPipeline)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Partition {
    pub options: Vec<NamedOption>,
    pub by: Expr,
    pub body: SubPipeline,
}

/// `range Column from Start to Stop step Step`.
#[derive(Debug, Clone, PartialEq)]
pub struct Range {
    pub column: Ident,
    pub from: Expr,
    pub to: Expr,
    pub step: Expr,
}

/// `datatable(Cols) [Values]`: values fill rows left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct DataTable {
    pub options: Vec<NamedOption>,
    pub columns: Vec<ColumnDecl>,
    pub values: Vec<Expr>,
}

/// `externaldata(Cols) [Urls] [with (Options)]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ExternalData {
    pub columns: Vec<ColumnDecl>,
    pub urls: Vec<Expr>,
    pub options: Vec<NamedOption>,
}
