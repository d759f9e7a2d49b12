//! `make-series`.
//!
//! ```kql
//! T | make-series Count = count() default = 0 on Timestamp from ago(30d) to now() step 1d by Sender
//! T | make-series kind=nonempty avg(Size) on Timestamp in range(ago(7d), now(), 1h)
//! ```

use crate::ast::{MakeSeries, MakeSeriesAggregate, OperatorKind};
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn make_series(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&["kind"])?;
        let mut aggregates = vec![self.series_aggregate()?];
        while self.eat(TokenKind::Comma).is_some() {
            aggregates.push(self.series_aggregate()?);
        }
        self.expect_word("on", "`on`")?;
        // The axis is a column: parsing a full expression would swallow `in range(...)`.
        let on = self.postfix()?;
        let (mut from, mut to, mut step, mut in_range) = (None, None, None, None);
        if self.eat_word("in").is_some() {
            in_range = Some(self.postfix()?);
        } else {
            if self.eat_word("from").is_some() {
                from = Some(self.expr()?);
            }
            if self.eat_word("to").is_some() {
                to = Some(self.expr()?);
            }
            self.expect_word("step", "`step`")?;
            step = Some(self.expr()?);
        }
        let by = if self.eat_word("by").is_some() {
            self.named_exprs()?
        } else {
            Vec::new()
        };
        Ok(OperatorKind::MakeSeries(Box::new(MakeSeries {
            options,
            aggregates,
            on,
            from,
            to,
            step,
            in_range,
            by,
        })))
    }

    /// `[Name =] Aggregate [default = Value]`.
    fn series_aggregate(&mut self) -> PResult<MakeSeriesAggregate> {
        let aggregate = self.named_expr()?;
        let default = if self.at_word("default") && self.nth(1).kind == TokenKind::Assign {
            self.pos += 2;
            Some(self.expr()?)
        } else {
            None
        };
        let span = self.span_from(aggregate.span.start);
        Ok(MakeSeriesAggregate {
            aggregate,
            default,
            span,
        })
    }
}
