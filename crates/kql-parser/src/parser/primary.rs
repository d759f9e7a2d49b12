//! Primary expressions: literals, names, calls, parenthesised expressions, `*`.
//!
//! ```kql
//! 42  "a" 'b'  4hrs  datetime(2024-01-01)  dynamic([1, 2])  long(null)  typeof(string)
//! Subject  ['Bad Traffic %']  $left  strcat(a, "|", b)  count(*)  (a + b)  (T | take 1)
//! ```

use super::{PResult, Parser};
use crate::ast::{Expr, ExprKind, Ident, Literal, StringLiteral};
use crate::error::{Expected, ParseError};
use crate::lexer::TokenKind;
use crate::literal::string::decode;

/// Type names that, followed by `(`, make a typed literal: `int(7)`, `real(nan)`.
const TYPED_LITERALS: [&str; 9] = [
    "bool", "boolean", "int", "long", "real", "double", "decimal", "int64", "int32",
];

impl Parser<'_> {
    pub(crate) fn primary(&mut self) -> PResult<Expr> {
        match self.kind() {
            TokenKind::Long
            | TokenKind::Real
            | TokenKind::TimeSpan
            | TokenKind::RawLiteral
            | TokenKind::String => self.literal_expr(),
            TokenKind::Ident => self.word_primary(),
            TokenKind::LBracket if self.nth(1).kind == TokenKind::String => self.quoted_primary(),
            TokenKind::LParen => self.paren(),
            TokenKind::Star => {
                let t = self.bump();
                Ok(Expr::new(ExprKind::Star, t.span()))
            }
            _ => Err(self.unexpected(Expected::Expression)),
        }
    }

    fn literal_expr(&mut self) -> PResult<Expr> {
        let start = self.peek().start;
        let lit = self.scalar_literal()?;
        Ok(Expr::new(ExprKind::Literal(lit), self.span_from(start)))
    }

    fn quoted_primary(&mut self) -> PResult<Expr> {
        let name = self.ident()?;
        self.name_or_call(name)
    }

    /// `( expr )`, where the expression may be a pipeline.
    fn paren(&mut self) -> PResult<Expr> {
        let open = self.bump();
        let inner = self.nested(|p| p.pipe_expr())?;
        self.expect_closer(open)?;
        let span = self.span_from(open.start);
        Ok(Expr::new(ExprKind::Paren(Box::new(inner)), span))
    }

    /// A primary starting with a word: `true`, `int(5)`, `dynamic(...)`, `typeof(long)`,
    /// a call, or a name.
    fn word_primary(&mut self) -> PResult<Expr> {
        let t = self.peek();
        let word = self.text(t);
        let call = self.nth(1).kind == TokenKind::LParen;
        let lit = match word {
            "true" => Some(Literal::Bool(Some(true))),
            "false" => Some(Literal::Bool(Some(false))),
            _ => None,
        };
        if let Some(lit) = lit {
            self.bump();
            return Ok(Expr::new(ExprKind::Literal(lit), t.span()));
        }
        if call {
            if word == "dynamic" {
                self.bump();
                let value = self.dynamic_body()?;
                let span = self.span_from(t.start);
                return Ok(Expr::new(ExprKind::Literal(Literal::Dynamic(value)), span));
            }
            if word == "typeof" {
                self.bump();
                let open = self.bump();
                let ty = self.scalar_type()?;
                self.expect_closer(open)?;
                return Ok(Expr::new(ExprKind::TypeOf(ty), self.span_from(t.start)));
            }
            if TYPED_LITERALS.contains(&word)
                && let Some(lit) = self.typed_literal()?
            {
                let span = self.span_from(t.start);
                return Ok(Expr::new(ExprKind::Literal(lit), span));
            }
        }
        self.bump();
        let name = self.ident_of(t);
        self.name_or_call(name)
    }

    /// `name(args)` when a `(` follows, else the name itself.
    fn name_or_call(&mut self, name: Ident) -> PResult<Expr> {
        let start = name.span.start;
        let Some(open) = self.eat(TokenKind::LParen) else {
            let span = name.span;
            return Ok(Expr::new(ExprKind::Name(name), span));
        };
        let args = self.nested(|p| p.call_args(open))?;
        let span = self.span_from(start);
        Ok(Expr::new(ExprKind::Call { name, args }, span))
    }

    /// Arguments after `(` up to and including `)`: expressions (tabular ones too, for
    /// `toscalar(T | count)`), `*`, and named arguments `name = value`.
    fn call_args(&mut self, open: crate::lexer::Token) -> PResult<Vec<Expr>> {
        if self.eat(TokenKind::RParen).is_some() {
            return Ok(Vec::new());
        }
        let args = self.comma_list(Parser::call_arg)?;
        self.expect_closer(open)?;
        Ok(args)
    }

    fn call_arg(&mut self) -> PResult<Expr> {
        if self.kind() == TokenKind::Ident && self.nth(1).kind == TokenKind::Assign {
            let t = self.bump();
            let name = self.ident_of(t);
            self.bump();
            let value = self.pipe_expr()?;
            let span = name.span.to(value.span);
            let kind = ExprKind::NamedArg {
                name,
                value: Box::new(value),
            };
            return Ok(Expr::new(kind, span));
        }
        self.pipe_expr()
    }

    /// A name: a word (any word, keywords included) or `['quoted name']` / `["..."]`.
    pub(crate) fn ident(&mut self) -> PResult<Ident> {
        match self.kind() {
            TokenKind::Ident => {
                let t = self.bump();
                Ok(self.ident_of(t))
            }
            TokenKind::LBracket if self.nth(1).kind == TokenKind::String => {
                let open = self.bump();
                let lit = self.string_literal()?;
                self.expect_closer(open)?;
                Ok(Ident {
                    name: lit.value.into(),
                    span: self.span_from(open.start),
                })
            }
            _ => Err(self.unexpected(Expected::Name)),
        }
    }

    /// Whether a name (a word or `['quoted']`) starts at the cursor.
    pub(crate) fn at_ident(&self) -> bool {
        self.at_ident_at(0)
    }

    pub(crate) fn at_ident_at(&self, n: usize) -> bool {
        match self.nth(n).kind {
            TokenKind::Ident => true,
            TokenKind::LBracket => {
                self.nth(n + 1).kind == TokenKind::String
                    && self.nth(n + 2).kind == TokenKind::RBracket
            }
            _ => false,
        }
    }

    /// How many tokens the name at `n` takes (1 for a word, 3 for `['x']`).
    pub(crate) fn ident_len_at(&self, n: usize) -> usize {
        if self.nth(n).kind == TokenKind::LBracket {
            3
        } else {
            1
        }
    }

    /// One or more adjacent string tokens, concatenated: `"a" 'b'` is `"ab"`.
    pub(crate) fn string_literal(&mut self) -> PResult<StringLiteral> {
        let first = self.peek();
        if first.kind != TokenKind::String {
            return Err(self.unexpected(Expected::Token("a string literal")));
        }
        let mut value = String::new();
        let mut obfuscated = false;
        while self.at(TokenKind::String) {
            let t = self.bump();
            let (part, hidden) = decode(self.text(t)).map_err(|e| {
                let at = t.start as usize;
                ParseError::InvalidEscape {
                    sequence: self.src[at + e.start..at + e.end].to_string(),
                    span: crate::ast::Span::new(at + e.start, at + e.end),
                }
            })?;
            if value.is_empty() {
                value = part;
            } else {
                value.push_str(&part);
            }
            obfuscated |= hidden;
        }
        Ok(StringLiteral { value, obfuscated })
    }
}
