//! Scalar expressions: precedence climbing over the table in `prec`, prefix operators,
//! and postfix member access and indexing.
//!
//! ```kql
//! a + b * 2 > 10 and not(s has "x") or d.key[0] in ("a", "b")
//! Timestamp between (ago(1d) .. now())
//! ```

use super::prec::{Infix, UNARY, tilde_variant, word_operator};
use super::{PResult, Parser};
use crate::ast::{BinaryOp, Expr, ExprKind, StrOp, StrOpKind, UnaryOp};
use crate::error::Expected;
use crate::lexer::TokenKind;

impl Parser<'_> {
    /// A scalar expression (no `|` pipeline steps; see [`Parser::pipe_expr`]).
    pub(crate) fn expr(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    /// Precedence climbing: operands tighter than `min`, joined by operators of at
    /// least `min`.
    fn binary(&mut self, min: u8) -> PResult<Expr> {
        let outer = self.start_measuring();
        let left = self.unary();
        let height = self.stop_measuring(outer);
        let left = left?;
        // Most operands end at a token no operator starts with: skip the call (and the
        // moves of `left` into it and back).
        if matches!(
            self.kind(),
            TokenKind::Comma
                | TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::Pipe
                | TokenKind::Semi
                | TokenKind::Eof
        ) {
            return Ok(left);
        }
        self.binary_rest(left, min, height)
    }

    /// Operators after `left`, which is `height` levels tall. The chain builds a
    /// left-deep tree, so its height is tracked (and checked) step by step.
    fn binary_rest(&mut self, mut left: Expr, min: u8, mut height: usize) -> PResult<Expr> {
        while let Some((op, len)) = self.peek_infix() {
            let prec = op.precedence();
            if prec < min {
                break;
            }
            self.check_depth(height + 1)?;
            self.pos += len;
            let (node, right_height) = self.measured(|p| p.infix_node(left, op, prec))?;
            left = node;
            height = height.max(right_height) + 1;
            self.check_depth(height)?;
        }
        Ok(left)
    }

    /// `left <op> right` once `op` is consumed: the right side is parsed one level deeper.
    fn infix_node(&mut self, left: Expr, op: Infix, prec: u8) -> PResult<Expr> {
        Ok(match op {
            Infix::Binary(op) => {
                let right = self.nested(|p| p.binary(prec + 1))?;
                let span = left.span.to(right.span);
                let kind = ExprKind::Binary {
                    op,
                    left: Box::new(left),
                    right: Box::new(right),
                };
                Expr::new(kind, span)
            }
            Infix::List(op) => {
                let items = self.nested(|p| p.list_operand())?;
                let span = left.span.to(self.span_from(left.span.start));
                let kind = ExprKind::List {
                    op,
                    left: Box::new(left),
                    items,
                };
                Expr::new(kind, span)
            }
            Infix::Between { negated } => self.nested(|p| p.between(left, negated))?,
        })
    }

    /// The infix operator at the cursor and how many tokens spell it.
    pub(crate) fn peek_infix(&self) -> Option<(Infix, usize)> {
        let t = self.peek();
        let op = match t.kind {
            TokenKind::EqEq => BinaryOp::Eq,
            TokenKind::NotEq | TokenKind::LtGt => BinaryOp::NotEq,
            TokenKind::EqTilde => BinaryOp::EqTilde,
            TokenKind::NotTilde => BinaryOp::NotEqTilde,
            TokenKind::Lt => BinaryOp::Lt,
            TokenKind::Le => BinaryOp::Le,
            TokenKind::Gt => BinaryOp::Gt,
            TokenKind::Ge => BinaryOp::Ge,
            TokenKind::Plus => BinaryOp::Add,
            TokenKind::Minus => BinaryOp::Sub,
            TokenKind::Star => BinaryOp::Mul,
            TokenKind::Slash => BinaryOp::Div,
            TokenKind::Percent => BinaryOp::Mod,
            TokenKind::Ident => return self.word_infix(0, false),
            TokenKind::Bang => {
                let next = self.nth(1);
                if next.kind == TokenKind::Ident && Self::touching(t, next) {
                    return self.word_infix(1, true).map(|(op, len)| (op, len + 1));
                }
                return None;
            }
            _ => return None,
        };
        Some((Infix::Binary(op), 1))
    }

    /// A word operator starting `at` tokens ahead: `has`, `in~`, `matches regex`, ...
    fn word_infix(&self, at: usize, negated: bool) -> Option<(Infix, usize)> {
        let t = self.nth(at);
        let word = self.text(t);
        if word == "matches" && !negated && self.nth_is_word(at + 1, "regex") {
            let op = StrOp {
                kind: StrOpKind::MatchesRegex,
                negated: false,
                case_sensitive: true,
            };
            return Some((Infix::Binary(BinaryOp::Str(op)), 2));
        }
        let op = word_operator(word, negated)?;
        if let Infix::List(list) = op {
            let tilde = self.nth(at + 1);
            if tilde.kind == TokenKind::Tilde && Self::touching(t, tilde) {
                return tilde_variant(list).map(|op| (Infix::List(op), 2));
            }
        }
        Some((op, 1))
    }

    /// The right side of `in`/`has_any`/`has_all`: `(a, b, c)`, `(T | project x)`, or a
    /// single operand such as a `dynamic([...])` literal or a `let` name.
    fn list_operand(&mut self) -> PResult<Vec<Expr>> {
        let Some(open) = self.eat(TokenKind::LParen) else {
            return Ok(vec![self.postfix()?]);
        };
        if self.eat(TokenKind::RParen).is_some() {
            return Ok(Vec::new());
        }
        let items = self.comma_list(Parser::pipe_expr)?;
        self.expect_closer(open)?;
        Ok(items)
    }

    /// `between (low .. high)` after the value.
    fn between(&mut self, value: Expr, negated: bool) -> PResult<Expr> {
        let open = self.expect(TokenKind::LParen, "`(`")?;
        let low = self.expr()?;
        self.expect(TokenKind::DotDot, "`..`")?;
        let high = self.expr()?;
        self.expect_closer(open)?;
        let span = value.span.to(self.span_from(value.span.start));
        let kind = ExprKind::Between {
            negated,
            value: Box::new(value),
            low: Box::new(low),
            high: Box::new(high),
        };
        Ok(Expr::new(kind, span))
    }

    /// Prefix `-` / `+`, then a postfix expression.
    pub(crate) fn unary(&mut self) -> PResult<Expr> {
        match self.kind() {
            TokenKind::Minus => self.prefix(UnaryOp::Neg),
            TokenKind::Plus => self.prefix(UnaryOp::Plus),
            _ => self.postfix(),
        }
    }

    fn prefix(&mut self, op: UnaryOp) -> PResult<Expr> {
        let start = self.bump().start;
        let operand = self.nested(|p| p.binary(UNARY))?;
        let span = self.span_from(start);
        let kind = ExprKind::Unary {
            op,
            operand: Box::new(operand),
        };
        Ok(Expr::new(kind, span))
    }

    /// A primary expression followed by `.member`, `["key"]` and `[index]` steps.
    pub(crate) fn postfix(&mut self) -> PResult<Expr> {
        let outer = self.start_measuring();
        let target = self.primary();
        let height = self.stop_measuring(outer);
        let target = target?;
        if !matches!(self.kind(), TokenKind::Dot | TokenKind::LBracket) {
            return Ok(target);
        }
        self.postfix_steps(target, height)
    }

    /// Member and index steps after `expr`, which is `height` levels tall.
    fn postfix_steps(&mut self, mut expr: Expr, mut height: usize) -> PResult<Expr> {
        loop {
            let kind = match self.kind() {
                TokenKind::Dot => {
                    self.bump();
                    let name = self.member_name()?;
                    ExprKind::Member {
                        target: Box::new(expr),
                        name,
                    }
                }
                TokenKind::LBracket => {
                    let open = self.bump();
                    let (index, index_height) = self.measured(|p| p.nested(Parser::expr))?;
                    height = height.max(index_height);
                    self.expect_closer(open)?;
                    ExprKind::Index {
                        target: Box::new(expr),
                        index: Box::new(index),
                    }
                }
                _ => return Ok(expr),
            };
            height += 1;
            self.check_depth(height)?;
            let start = match &kind {
                ExprKind::Member { target, .. } | ExprKind::Index { target, .. } => {
                    target.span.start
                }
                _ => self.prev_end(),
            };
            expr = Expr::new(kind, self.span_from(start));
        }
    }

    /// The name after `.`: a word (keywords included) or `['quoted']`.
    fn member_name(&mut self) -> PResult<crate::ast::Ident> {
        match self.kind() {
            TokenKind::Ident => {
                let t = self.bump();
                Ok(self.ident_of(t))
            }
            TokenKind::LBracket => self.ident(),
            // `d.1` style keys are written as `d["1"]`; a number here is a mistake.
            _ => Err(self.unexpected(Expected::Name)),
        }
    }
}
