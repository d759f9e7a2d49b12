//! Pipelines: `input | operator | operator`, the source operators that can start one,
//! the dispatch from an operator's name to its parser, and sub-pipelines
//! (`mv-apply ... on (top 1 by x | project y)`).

use super::{PResult, Parser};
use crate::ast::{Expr, ExprKind, Operator, OperatorKind, Span, SubPipeline};
use crate::error::{Expected, ParseError, did_you_mean};
use crate::lexer::{Token, TokenKind};

/// Every tabular operator name the parser knows, for dispatch and "did you mean" hints.
pub(crate) const OPERATOR_NAMES: &[&str] = &[
    "as",
    "consume",
    "count",
    "distinct",
    "evaluate",
    "extend",
    "facet",
    "filter",
    "fork",
    "getschema",
    "invoke",
    "join",
    "limit",
    "lookup",
    "make-series",
    "mv-apply",
    "mv-expand",
    "order",
    "parse",
    "parse-kv",
    "parse-where",
    "partition",
    "project",
    "project-away",
    "project-keep",
    "project-rename",
    "project-reorder",
    "render",
    "sample",
    "sample-distinct",
    "scan",
    "search",
    "serialize",
    "sort",
    "summarize",
    "take",
    "top",
    "top-nested",
    "union",
    "where",
];

impl<'s> Parser<'s> {
    /// An expression that may be a pipeline: a source operator or an expression,
    /// followed by any number of `| operator` steps. A step that fails to parse is
    /// recorded as an error and skipped, so later steps are still checked.
    pub(crate) fn pipe_expr(&mut self) -> PResult<Expr> {
        // Kept to two calls: this frame is live across every level of nesting.
        let outer = self.start_measuring();
        let head = self.pipe_head();
        let height = self.stop_measuring(outer);
        let head = head?;
        if !self.at(TokenKind::Pipe) {
            return Ok(head);
        }
        self.pipe_steps(head, height)
    }

    fn pipe_head(&mut self) -> PResult<Expr> {
        match self.source()? {
            Some(source) => Ok(source),
            None => self.expr(),
        }
    }

    /// `| operator` steps after `expr`, which is `height` levels tall.
    fn pipe_steps(&mut self, mut expr: Expr, mut height: usize) -> PResult<Expr> {
        while self.at(TokenKind::Pipe) {
            self.check_depth(height + 1)?;
            self.bump();
            let step_start = self.pos;
            match self.measured(Parser::operator) {
                Ok((op, op_height)) => {
                    height = height.max(op_height) + 1;
                    self.check_depth(height)?;
                    let span = expr.span.to(op.span);
                    let kind = ExprKind::Pipe {
                        input: Box::new(expr),
                        op: Box::new(op),
                    };
                    expr = Expr::new(kind, span);
                }
                Err(e @ ParseError::TooDeep { .. }) => return Err(e),
                Err(e) => {
                    self.errors.push(e);
                    if !self.recover_to_pipe(step_start) {
                        break;
                    }
                }
            }
        }
        Ok(expr)
    }

    /// The name at the cursor, with touching `-word` parts joined (`project-away`,
    /// `mv-expand`), and how many tokens it takes.
    pub(crate) fn hyphenated_name(&self) -> Option<(&'s str, usize, Span)> {
        let first = self.peek();
        if first.kind != TokenKind::Ident {
            return None;
        }
        let mut end = first;
        let mut len = 1;
        loop {
            let (dash, word) = (self.nth(len), self.nth(len + 1));
            if dash.kind == TokenKind::Minus
                && word.kind == TokenKind::Ident
                && Self::touching(end, dash)
                && Self::touching(dash, word)
            {
                end = word;
                len += 2;
            } else {
                break;
            }
        }
        let span = Span {
            start: first.start,
            end: end.end,
        };
        Some((&self.src[span.range()], len, span))
    }

    /// A tabular operator after `|` (or inside a sub-pipeline).
    pub(crate) fn operator(&mut self) -> PResult<Operator> {
        let Some((name, len, span)) = self.hyphenated_name() else {
            return Err(self.unexpected(Expected::Operator));
        };
        let kw = self.peek();
        self.pos += len;
        let kind = self.operator_kind(name, kw, span)?;
        Ok(Operator {
            kind,
            span: self.span_from(span.start),
        })
    }

    /// Dispatches on the operator's name. Each arm is a single call in tail position, which
    /// keeps this frame small: nesting depth costs stack, in debug builds above all.
    fn operator_kind(&mut self, name: &str, kw: Token, span: Span) -> PResult<OperatorKind> {
        match name {
            "where" | "filter" => self.where_op(),
            "extend" => self.named_exprs().map(OperatorKind::Extend),
            "project" => self.named_exprs().map(OperatorKind::Project),
            "project-away" | "project-keep" | "project-rename" | "project-reorder" => {
                self.project_family(name)
            }
            "summarize" => self.summarize(),
            "join" => self.join(false),
            "lookup" => self.join(true),
            "sort" | "order" => self.sort(),
            "top" => self.top(),
            "top-nested" => self.top_nested(),
            "union" => self.union(),
            "mv-expand" => self.mv_expand(),
            "mv-apply" => self.mv_apply(),
            "make-series" => self.make_series(),
            "parse" => self.parse_op(false),
            "parse-where" => self.parse_op(true),
            "parse-kv" => self.parse_kv(),
            "evaluate" => self.evaluate(),
            "render" => self.render(),
            "search" => self.search(),
            "scan" => self.scan(),
            "fork" => self.fork(),
            "facet" => self.facet(),
            "partition" => self.partition(),
            "take" | "limit" | "count" | "distinct" | "getschema" | "sample"
            | "sample-distinct" | "serialize" | "as" | "consume" | "invoke" => {
                self.simple_op(name, kw)
            }
            _ => Err(self.unknown_operator(name, span)),
        }
    }

    fn unknown_operator(&self, name: &str, span: Span) -> ParseError {
        let help = did_you_mean(name, OPERATOR_NAMES)
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| {
                matches!(name, "select" | "groupby" | "group" | "orderby" | "having").then(|| {
                    "KQL spells these `project`, `summarize ... by`, `sort by` and `where`"
                        .to_string()
                })
            });
        ParseError::UnknownOperator {
            name: name.to_string(),
            span,
            help,
        }
    }

    /// A source operator starting a pipeline (`datatable`, `print`, `range`, `union`,
    /// `externaldata`, `evaluate`, `search`), or `None` when the cursor is at an ordinary
    /// expression.
    fn source(&mut self) -> PResult<Option<Expr>> {
        let t = self.peek();
        if t.kind != TokenKind::Ident {
            return Ok(None);
        }
        let next = self.nth(1);
        let word = self.text(t);
        let is_source = match word {
            "datatable" | "externaldata" => {
                matches!(next.kind, TokenKind::LParen | TokenKind::Ident)
            }
            "print" | "union" | "search" => !self.is_name_use(next),
            "range" => matches!(next.kind, TokenKind::Ident | TokenKind::LBracket),
            "evaluate" => next.kind == TokenKind::Ident,
            _ => false,
        };
        if !is_source {
            return Ok(None);
        }
        self.bump();
        let kind = self.source_kind(word)?;
        let span = self.span_from(t.start);
        let op = Operator { kind, span };
        Ok(Some(Expr::new(ExprKind::Source(Box::new(op)), span)))
    }

    fn source_kind(&mut self, word: &str) -> PResult<OperatorKind> {
        match word {
            "datatable" => self.datatable(),
            "externaldata" => self.externaldata(),
            "print" => self.print(),
            "range" => self.range(),
            "union" => self.union(),
            "evaluate" => self.evaluate(),
            _ => self.search(),
        }
    }

    /// Whether a keyword followed by `next` is used as a plain name (`print == 1`,
    /// `(search)`, `f(union, x)`) rather than starting its operator.
    fn is_name_use(&self, next: Token) -> bool {
        matches!(
            next.kind,
            TokenKind::Eof
                | TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::Comma
                | TokenKind::Semi
                | TokenKind::Pipe
                | TokenKind::Dot
                | TokenKind::EqEq
                | TokenKind::NotEq
                | TokenKind::EqTilde
                | TokenKind::NotTilde
                | TokenKind::Lt
                | TokenKind::Gt
                | TokenKind::Le
                | TokenKind::Ge
                | TokenKind::Slash
                | TokenKind::Percent
        )
    }

    /// `( operator | operator ... )`: a pipeline over an implicit input.
    pub(crate) fn sub_pipeline(&mut self) -> PResult<SubPipeline> {
        let open = self.expect(TokenKind::LParen, "`(`")?;
        let operators = self.nested(|p| {
            let mut ops = Vec::new();
            p.eat(TokenKind::Pipe);
            loop {
                ops.push(p.operator()?);
                if p.eat(TokenKind::Pipe).is_none() {
                    break;
                }
                p.check_depth(ops.len())?;
            }
            Ok(ops)
        })?;
        self.expect_closer(open)?;
        Ok(SubPipeline {
            operators,
            span: self.span_from(open.start),
        })
    }
}
