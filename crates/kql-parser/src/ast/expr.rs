//! Expressions, scalar and tabular alike.

use super::{Ident, Literal, Operator, ScalarType, Span};

/// An expression with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

impl Expr {
    pub fn new(kind: ExprKind, span: Span) -> Expr {
        Expr { kind, span }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `42`, `"a"`, `4hrs`, `datetime(2026-01-01)`, `dynamic([1])`, `long(null)`.
    Literal(Literal),
    /// A column, table, `let` name or parameter: `Subject`, `['Sender Domain']`, `$left`.
    Name(Ident),
    /// `*` where an argument may be a star: `arg_max(Timestamp, *)`, `count(*)`... and
    /// `union *`.
    Star,
    /// `-x`, `+x`. (`not(x)` is a function call.)
    Unary { op: UnaryOp, operand: Box<Expr> },
    /// `a + b`, `a == b`, `a and b`, `s has "x"`, `s matches regex "a.*"`.
    Binary {
        op: BinaryOp,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// `x in ("a", "b")`, `x !in~ (T | project c)`, `s has_any (list)`, `s has_all ("a", "b")`.
    List {
        op: ListOp,
        left: Box<Expr>,
        items: Vec<Expr>,
    },
    /// `x between (1 .. 10)`, `Timestamp !between (ago(1d) .. now())`.
    Between {
        negated: bool,
        value: Box<Expr>,
        low: Box<Expr>,
        high: Box<Expr>,
    },
    /// `strcat(a, "|", b)`, `count()`, `materialize(T)`, `bag_unpack(x, "p_")`.
    Call { name: Ident, args: Vec<Expr> },
    /// A named argument inside a call: `bin_at(t, 1d, start = now())`, or a named
    /// expression in a `with(...)`-like position.
    NamedArg { name: Ident, value: Box<Expr> },
    /// `typeof(string)`: a type as a value (`mv-expand x to typeof(string)`, `extract(.., typeof(long))`).
    TypeOf(ScalarType),
    /// `d.key`, `parse_json(x).Phish`, `$left.Col`, `T.Col`.
    Member { target: Box<Expr>, name: Ident },
    /// `a[0]`, `a[-1]`, `d["key"]`.
    Index { target: Box<Expr>, index: Box<Expr> },
    /// `( expr )`, kept so that printing reproduces the grouping.
    Paren(Box<Expr>),
    /// `input | operator`: a tabular pipeline step. `T | where a | take 1` is
    /// `Pipe(Pipe(T, where a), take 1)`.
    Pipe { input: Box<Expr>, op: Box<Operator> },
    /// A source operator that starts a pipeline: `datatable(...)[...]`, `print ...`,
    /// `range ...`, `union ...`, `externaldata ...`, `evaluate plugin(...)`, `search ...`,
    /// `find ...`. Its operator kind tells which; it has no input.
    Source(Box<Operator>),
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
}

/// Binary operators, from loosest to tightest: `or`; `and`; comparisons and string
/// predicates; `+ -`; `* / %`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Or,
    And,
    /// `==`
    Eq,
    /// `!=` and `<>`
    NotEq,
    /// `=~` (case-insensitive equality)
    EqTilde,
    /// `!~`
    NotEqTilde,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    /// A string predicate: `has`, `!contains_cs`, `startswith`, `matches regex`, ...
    Str(StrOp),
}

/// The string predicates. Each has a negated (`!has`) and a case-sensitive (`has_cs`) form
/// where Kusto defines one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StrOp {
    pub kind: StrOpKind,
    pub negated: bool,
    pub case_sensitive: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StrOpKind {
    Has,
    HasPrefix,
    HasSuffix,
    Contains,
    StartsWith,
    EndsWith,
    /// `matches regex` (always case-sensitive, no negated form)
    MatchesRegex,
}

impl StrOp {
    /// The operator's KQL spelling: `!has_cs`, `matches regex`, ...
    pub fn spelling(self) -> String {
        let base = match self.kind {
            StrOpKind::Has => "has",
            StrOpKind::HasPrefix => "hasprefix",
            StrOpKind::HasSuffix => "hassuffix",
            StrOpKind::Contains => "contains",
            StrOpKind::StartsWith => "startswith",
            StrOpKind::EndsWith => "endswith",
            StrOpKind::MatchesRegex => return "matches regex".to_string(),
        };
        format!(
            "{}{}{}",
            if self.negated { "!" } else { "" },
            base,
            if self.case_sensitive { "_cs" } else { "" }
        )
    }
}

impl BinaryOp {
    /// The operator's KQL spelling.
    pub fn spelling(self) -> String {
        let s = match self {
            BinaryOp::Or => "or",
            BinaryOp::And => "and",
            BinaryOp::Eq => "==",
            BinaryOp::NotEq => "!=",
            BinaryOp::EqTilde => "=~",
            BinaryOp::NotEqTilde => "!~",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
            BinaryOp::Mod => "%",
            BinaryOp::Str(op) => return op.spelling(),
        };
        s.to_string()
    }
}

/// Operators whose right side is a parenthesised list (or a tabular expression, or a
/// dynamic array).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListOp {
    /// `in` (case-sensitive)
    In,
    /// `!in`
    NotIn,
    /// `in~`
    InCi,
    /// `!in~`
    NotInCi,
    /// `has_any`
    HasAny,
    /// `has_all`
    HasAll,
}

impl ListOp {
    pub fn spelling(self) -> &'static str {
        match self {
            ListOp::In => "in",
            ListOp::NotIn => "!in",
            ListOp::InCi => "in~",
            ListOp::NotInCi => "!in~",
            ListOp::HasAny => "has_any",
            ListOp::HasAll => "has_all",
        }
    }
}
