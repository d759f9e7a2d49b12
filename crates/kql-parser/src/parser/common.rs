//! Pieces several operators share: named expression lists, `name=value` options,
//! column lists and wildcard name patterns, sort keys.

use super::{PResult, Parser};
use crate::ast::{
    ColumnDecl, Expr, ExprKind, Ident, NameText, NamedExpr, NamedOption, NullsOrder, SortKey,
    SortOrder, Span,
};
use crate::error::Expected;
use crate::lexer::TokenKind;

impl Parser<'_> {
    /// `A = x, (B, C) = f(y), z`: one or more, comma-separated.
    pub(crate) fn named_exprs(&mut self) -> PResult<Vec<NamedExpr>> {
        self.comma_list(Parser::named_expr)
    }

    /// `Name = expr`, `(A, B) = expr` or `expr`.
    pub(crate) fn named_expr(&mut self) -> PResult<NamedExpr> {
        let start = self.peek().start;
        let mut names = Vec::new();
        if self.at_ident() && self.nth(self.ident_len_at(0)).kind == TokenKind::Assign {
            names = vec![self.ident()?];
            self.bump();
        } else if let Some(count) = self.name_tuple_len() {
            let open = self.bump();
            names.reserve_exact(count);
            for _ in 0..count {
                names.push(self.ident()?);
                self.eat(TokenKind::Comma);
            }
            self.expect_closer(open)?;
            self.expect(TokenKind::Assign, "`=`")?;
        }
        let expr = self.expr()?;
        Ok(NamedExpr {
            names,
            expr,
            span: self.span_from(start),
        })
    }

    /// At `(A, B, C) =`: the number of names in the tuple.
    fn name_tuple_len(&self) -> Option<usize> {
        if !self.at(TokenKind::LParen) {
            return None;
        }
        let mut n = 1;
        let mut count = 0;
        loop {
            if !self.at_ident_at(n) {
                return None;
            }
            n += self.ident_len_at(n);
            count += 1;
            match self.nth(n).kind {
                TokenKind::Comma => n += 1,
                TokenKind::RParen => {
                    return (self.nth(n + 1).kind == TokenKind::Assign).then_some(count);
                }
                _ => return None,
            }
        }
    }

    /// Options of the form `name=value` (`kind=inner`, `hint.strategy=shuffle`,
    /// `withsource=Src`) whose name is in `allowed` or starts with `hint.`.
    pub(crate) fn options(&mut self, allowed: &[&str]) -> PResult<Vec<NamedOption>> {
        let mut options = Vec::new();
        while let Some((name, len)) = self.option_name_at() {
            if !(allowed.contains(&name.as_str()) || name.starts_with("hint.")) {
                break;
            }
            let first = self.peek();
            self.pos += len;
            let name = Ident {
                name,
                span: self.span_from(first.start),
            };
            self.bump(); // `=`
            let value = self.option_value()?;
            let span = name.span.to(value.span);
            options.push(NamedOption { name, value, span });
        }
        Ok(options)
    }

    /// A dotted name followed by `=` at the cursor: the name and its token count.
    pub(crate) fn option_name_at(&self) -> Option<(NameText, usize)> {
        // Fast path: most operators have no options.
        if self.kind() != TokenKind::Ident
            || !matches!(self.nth(1).kind, TokenKind::Assign | TokenKind::Dot)
        {
            return None;
        }
        let mut n = 0;
        let mut name = NameText::default();
        loop {
            let t = self.nth(n);
            if t.kind != TokenKind::Ident {
                return None;
            }
            name.push_str(self.text(t));
            n += 1;
            if self.nth(n).kind == TokenKind::Dot {
                name.push('.');
                n += 1;
                continue;
            }
            return (self.nth(n).kind == TokenKind::Assign).then_some((name, n));
        }
    }

    /// An option's value: a literal or a name (`kind=inner (T)` must not read as a call,
    /// and an operator would run into what follows the option).
    pub(crate) fn option_value(&mut self) -> PResult<Expr> {
        let t = self.peek();
        if t.kind == TokenKind::Ident && !matches!(self.text(t), "true" | "false") {
            self.bump();
            return Ok(Expr::new(ExprKind::Name(self.ident_of(t)), t.span()));
        }
        self.unary()
    }

    /// `with (name = value, ...)` property lists (`externaldata`, `parse-kv`).
    pub(crate) fn with_options(&mut self) -> PResult<Vec<NamedOption>> {
        let open = self.expect(TokenKind::LParen, "`(`")?;
        let mut options = Vec::new();
        while !self.at(TokenKind::RParen) {
            let Some((name, len)) = self.option_name_at() else {
                return Err(self.unexpected(Expected::Token("a `name = value` option")));
            };
            let first = self.peek();
            self.pos += len + 1;
            let name = Ident {
                name,
                span: Span {
                    start: first.start,
                    end: self.tokens[self.pos - 2].end,
                },
            };
            let value = self.expr()?;
            let span = name.span.to(value.span);
            options.push(NamedOption { name, value, span });
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        self.expect_closer(open)?;
        Ok(options)
    }

    /// `(Name:type, ...)`.
    pub(crate) fn column_decls(&mut self) -> PResult<Vec<ColumnDecl>> {
        let open = self.expect(TokenKind::LParen, "`(`")?;
        let mut columns = Vec::new();
        while !self.at(TokenKind::RParen) {
            columns.push(self.column_decl()?);
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        self.expect_closer(open)?;
        Ok(columns)
    }

    /// A column name that may hold `*` wildcards: `Tmp*`, `*Id`, `Email*Info`,
    /// `['quoted']`. The wildcard pieces must touch.
    pub(crate) fn name_pattern(&mut self) -> PResult<Ident> {
        if self.at(TokenKind::LBracket) {
            return self.ident();
        }
        let first = self.peek();
        if !matches!(first.kind, TokenKind::Ident | TokenKind::Star) {
            return Err(self.unexpected(Expected::Name));
        }
        let mut last = self.bump();
        while matches!(
            self.kind(),
            TokenKind::Ident | TokenKind::Star | TokenKind::Long
        ) && Self::touching(last, self.peek())
        {
            last = self.bump();
        }
        let span = Span {
            start: first.start,
            end: last.end,
        };
        Ok(Ident {
            name: NameText::new(&self.src[span.range()]),
            span,
        })
    }

    /// Comma-separated name patterns.
    pub(crate) fn name_patterns(&mut self) -> PResult<Vec<Ident>> {
        let mut names = vec![self.name_pattern()?];
        while self.eat(TokenKind::Comma).is_some() {
            names.push(self.name_pattern()?);
        }
        Ok(names)
    }

    /// `expr [asc | desc] [nulls first | nulls last]`.
    pub(crate) fn sort_key(&mut self) -> PResult<SortKey> {
        let expr = self.expr()?;
        let order = if self.eat_word("asc").is_some() {
            Some(SortOrder::Asc)
        } else if self.eat_word("desc").is_some() {
            Some(SortOrder::Desc)
        } else {
            None
        };
        let nulls = if self.at_word("nulls")
            && (self.nth_is_word(1, "first") || self.nth_is_word(1, "last"))
        {
            self.bump();
            let first = self.bump();
            Some(if self.text(first) == "first" {
                NullsOrder::First
            } else {
                NullsOrder::Last
            })
        } else {
            None
        };
        let span = self.span_from(expr.span.start);
        Ok(SortKey {
            expr,
            order,
            nulls,
            span,
        })
    }
}
