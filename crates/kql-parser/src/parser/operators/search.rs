//! `search`, as an operator and as a source.
//!
//! ```kql
//! search "evil.example"
//! search kind=case_sensitive in (EmailEvents, Email*) Subject has "Invoice"
//! T | search * has "x"
//! ```

use crate::ast::{OperatorKind, Search};
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn search(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&["kind"])?;
        let mut tables = Vec::new();
        if self.at_word("in") && self.nth(1).kind == TokenKind::LParen {
            self.bump();
            let open = self.bump();
            tables.push(self.union_table()?);
            while self.eat(TokenKind::Comma).is_some() {
                tables.push(self.union_table()?);
            }
            self.expect_closer(open)?;
        }
        let predicate = self.expr()?;
        Ok(OperatorKind::Search(Box::new(Search {
            options,
            tables,
            predicate,
        })))
    }
}
