//! Operators that run sub-pipelines: `fork`, `facet` and `partition`.
//!
//! ```kql
//! T | fork (where Size > 10 | take 5) Counts = (summarize count() by Sender)
//! T | facet by Sender, Domain with (where Size > 10 | take 5)
//! T | partition hint.strategy=native by Sender (top 3 by Size)
//! ```

use crate::ast::{Expr, ExprKind, Facet, ForkBranch, OperatorKind, Partition};
use crate::error::Expected;
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn fork(&mut self) -> PResult<OperatorKind> {
        let mut branches = Vec::new();
        loop {
            let start = self.peek().start;
            let name =
                if self.at_ident() && self.nth(self.ident_len_at(0)).kind == TokenKind::Assign {
                    let name = self.ident()?;
                    self.bump();
                    Some(name)
                } else if self.at(TokenKind::LParen) {
                    None
                } else {
                    break;
                };
            let body = self.sub_pipeline()?;
            branches.push(ForkBranch {
                name,
                body,
                span: self.span_from(start),
            });
        }
        if branches.is_empty() {
            return Err(self.unexpected(Expected::Token("`(`")));
        }
        Ok(OperatorKind::Fork(branches))
    }

    pub(crate) fn facet(&mut self) -> PResult<OperatorKind> {
        self.expect_word("by", "`by`")?;
        let mut columns = vec![self.ident()?];
        while self.eat(TokenKind::Comma).is_some() {
            columns.push(self.ident()?);
        }
        let with = if self.eat_word("with").is_some() {
            Some(self.sub_pipeline()?)
        } else {
            None
        };
        Ok(OperatorKind::Facet(Facet { columns, with }))
    }

    pub(crate) fn partition(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&[])?;
        self.expect_word("by", "`by`")?;
        // A column name: `Key (...)` must not read as a call.
        let column = self.ident()?;
        let span = column.span;
        let by = Expr::new(ExprKind::Name(column), span);
        let body = self.sub_pipeline()?;
        Ok(OperatorKind::Partition(Box::new(Partition {
            options,
            by,
            body,
        })))
    }
}
