//! `union`, as an operator and as a source.
//!
//! ```kql
//! union EmailEvents, (EmailUrlInfo | take 5)
//! union kind=outer withsource=Table isfuzzy=true Email*, Device*
//! T | union U, V
//! ```

use crate::ast::{Expr, ExprKind, OperatorKind, Union};
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn union(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&["kind", "withsource", "isfuzzy"])?;
        let mut tables = vec![self.union_table()?];
        while self.eat(TokenKind::Comma).is_some() {
            tables.push(self.union_table()?);
        }
        Ok(OperatorKind::Union(Union { options, tables }))
    }

    /// A table: `(subquery)`, `Name`, a wildcard `Email*`, `*`, or a call `f()`.
    pub(crate) fn union_table(&mut self) -> PResult<Expr> {
        let t = self.peek();
        let next = self.nth(1);
        let wildcard = t.kind == TokenKind::Star
            || (t.kind == TokenKind::Ident
                && next.kind == TokenKind::Star
                && Self::touching(t, next));
        if !wildcard {
            return self.postfix();
        }
        let pattern = self.name_pattern()?;
        let span = pattern.span;
        if pattern.name == "*" {
            return Ok(Expr::new(ExprKind::Star, span));
        }
        Ok(Expr::new(ExprKind::Name(pattern), span))
    }
}
