//! The AST: plain data, a struct per operator and per expression form, a span on every node.
//!
//! A KQL script is a list of statements separated by `;`. Tabular pipelines are expressions
//! (as in Microsoft's `Kusto.Language`): `T | where x > 1` is [`ExprKind::Pipe`] applied to
//! the name `T`, so a pipeline can appear wherever an expression can (`let`, `join (...)`,
//! `in (T | project a)`, `toscalar(...)`). The semantic checker decides what is tabular.
//!
//! Spans never take part in equality (see [`Span`]), so `parse(print(ast)) == ast` compares
//! structure only, the way sqlparser's `AttachedToken` does.
//!
//! [`visit`] walks every node (for example to collect the columns a query refers to);
//! [`dump`] renders a tree with spans for snapshots and `kql parse --ast`; `Display`
//! (in the crate's `print` module) writes canonical KQL.

mod dump;
mod expr;
mod literal;
mod operator;
mod types;
pub mod visit;

pub use dump::{dump, dump_expr};
pub use expr::{BinaryOp, Expr, ExprKind, ListOp, StrOp, StrOpKind, UnaryOp};
pub use literal::{DynamicLiteral, Literal, StringLiteral};
pub use operator::*;
pub use types::ScalarType;

use std::fmt;

/// A byte range `start..end` into the source text.
///
/// Two spans always compare equal: equality of AST nodes is structural.
#[derive(Clone, Copy, Default, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
}

impl PartialEq for Span {
    fn eq(&self, _: &Span) -> bool {
        true
    }
}

/// Consistent with `==`: every span hashes the same.
impl std::hash::Hash for Span {
    fn hash<H: std::hash::Hasher>(&self, _state: &mut H) {}
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> miette::SourceSpan {
        (span.start as usize, span.len()).into()
    }
}

/// The text of a name. Names up to 24 bytes (nearly all of them) are stored inline, so
/// that parsing does not allocate for each; it derefs to `&str` and compares with
/// `&str` and `String`.
pub type NameText = compact_str::CompactString;

/// A name: a table, column, `let` binding, function or parameter.
///
/// ```kql
/// SenderFromDomain        // plain
/// ['Bad Traffic %']       // quoted: any text, also keywords
/// $left                   // join side
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub name: NameText,
    pub span: Span,
}

/// A whole KQL text: statements separated by `;`.
#[derive(Debug, Clone, PartialEq)]
pub struct Script {
    pub statements: Vec<Statement>,
    pub span: Span,
}

/// One statement of a script.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub kind: StatementKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum StatementKind {
    /// `let Name = Expr;` (scalar or tabular) or `let f = (a:long, T:(*)) { ... };`
    Let(LetStatement),
    /// `declare query_parameters(From:datetime, To:datetime = datetime(2020-01-01));`
    DeclareQueryParameters(Vec<Parameter>),
    /// `set querytrace;` / `set truncationmaxrecords = 100;` (request options)
    Set { name: Ident, value: Option<Expr> },
    /// A query: `EmailEvents | where ...`. A script may hold several; each gives a result.
    Query(Expr),
}

/// `let Name = <value>`.
#[derive(Debug, Clone, PartialEq)]
pub struct LetStatement {
    pub name: Ident,
    pub value: LetValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum LetValue {
    /// `let x = 4h;`, `let T = EmailEvents | where ...;`, `let m = materialize(T);`
    Expr(Expr),
    /// `let f = (x:long, y:string = "a") { x + 1 };`
    /// and `let v = view () { T };` (`is_view`).
    Function(FunctionDef),
}

/// A user-defined function: parameters and a body of `let` statements ending in an expression.
///
/// ```kql
/// let Recent = (T:(Timestamp:datetime), window:timespan = 1d) {
///     let cutoff = ago(window);
///     T | where Timestamp > cutoff
/// };
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FunctionDef {
    pub is_view: bool,
    pub params: Vec<Parameter>,
    /// `let` statements inside the body, before the result expression.
    pub lets: Vec<Statement>,
    pub body: Box<Expr>,
    pub span: Span,
}

/// A function or query parameter: `x:long`, `y:string = "a"`, `T:(*)`, `T:(A:string, B:long)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Parameter {
    pub name: Ident,
    pub ty: ParamType,
    pub default: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ParamType {
    /// `x:long`
    Scalar(ScalarType),
    /// `T:(*)` is `Tabular { columns: [], open: true }`; `T:(A:string, *)` keeps the columns.
    Tabular {
        columns: Vec<ColumnDecl>,
        open: bool,
    },
}

/// A typed column declaration: `Name:string` in `datatable`, `externaldata`, `parse-kv as`,
/// tabular parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnDecl {
    pub name: Ident,
    pub ty: ScalarType,
    pub span: Span,
}

/// A name-value option: `kind=inner`, `hint.strategy=shuffle`, `withsource=TableName`,
/// `title="Daily mail"` in `render ... with (...)`.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedOption {
    /// The option name, dotted parts joined: `hint.strategy`.
    pub name: Ident,
    pub value: Expr,
    pub span: Span,
}
