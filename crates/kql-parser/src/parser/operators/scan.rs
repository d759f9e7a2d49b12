//! `scan`.
//!
//! ```kql
//! T | sort by Ts asc
//!   | scan with_match_id=Session declare (Start:timespan) with (
//!         step s1: Event == "Start" => Start = Ts;
//!         step s2 output=none: Ts - s1.Start <= 5m;
//!     )
//! ```

use crate::ast::{OperatorKind, Scan, ScanDeclaration, ScanStep};
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn scan(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&["with_match_id"])?;
        let mut declare = Vec::new();
        if self.eat_word("declare").is_some() {
            let open = self.expect(TokenKind::LParen, "`(`")?;
            loop {
                let column = self.column_decl()?;
                let default = match self.eat(TokenKind::Assign) {
                    Some(_) => Some(self.expr()?),
                    None => None,
                };
                let span = self.span_from(column.span.start);
                declare.push(ScanDeclaration {
                    column,
                    default,
                    span,
                });
                if self.eat(TokenKind::Comma).is_none() {
                    break;
                }
            }
            self.expect_closer(open)?;
        }
        self.expect_word("with", "`with`")?;
        let open = self.expect(TokenKind::LParen, "`(`")?;
        let mut steps = Vec::new();
        while self.at_word("step") {
            steps.push(self.scan_step()?);
            if self.eat(TokenKind::Semi).is_none() {
                break;
            }
        }
        self.expect_closer(open)?;
        Ok(OperatorKind::Scan(Scan {
            options,
            declare,
            steps,
        }))
    }

    /// `step Name [output = all|last|none]: Condition [=> Col = Expr, ...]`.
    fn scan_step(&mut self) -> PResult<ScanStep> {
        let start = self.bump().start;
        let name = self.ident()?;
        let output = if self.at_word("output") && self.nth(1).kind == TokenKind::Assign {
            self.pos += 2;
            Some(self.ident()?)
        } else {
            None
        };
        self.expect(TokenKind::Colon, "`:`")?;
        let condition = self.expr()?;
        let assignments = if self.eat(TokenKind::Arrow).is_some() {
            self.named_exprs()?
        } else {
            Vec::new()
        };
        Ok(ScanStep {
            name,
            output,
            condition,
            assignments,
            span: self.span_from(start),
        })
    }
}
