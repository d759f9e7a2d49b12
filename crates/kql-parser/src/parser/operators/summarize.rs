//! `summarize`.
//!
//! ```kql
//! T | summarize count() by Sender
//! T | summarize Total = count(), arg_max(Timestamp, *) by Day = bin(Timestamp, 1d), Sender
//! T | summarize hint.shufflekey = Sender dcount(Recipient) by Sender
//! T | summarize by Sender, Subject
//! ```

use crate::ast::{OperatorKind, Summarize};
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn summarize(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&[])?;
        let aggregates = if self.at_word("by") || self.at_statement_or_step_end() {
            Vec::new()
        } else {
            self.named_exprs()?
        };
        let by = if self.eat_word("by").is_some() {
            self.named_exprs()?
        } else {
            Vec::new()
        };
        Ok(OperatorKind::Summarize(Summarize {
            options,
            aggregates,
            by,
        }))
    }

    /// At `|`, `;`, `)` or the end: where an operator with optional parts stops.
    pub(crate) fn at_statement_or_step_end(&self) -> bool {
        use crate::lexer::TokenKind as K;
        matches!(
            self.kind(),
            K::Pipe | K::Semi | K::RParen | K::RBrace | K::Eof
        )
    }
}
