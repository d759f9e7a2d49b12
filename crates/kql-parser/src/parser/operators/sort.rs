//! `sort`/`order`, `top` and `top-nested`.
//!
//! ```kql
//! T | sort by Count desc nulls last, Sender asc
//! T | top 10 by Count desc
//! T | top-nested 3 of Domain by Total = count(), top-nested 2 of Sender with others = "rest" by count() desc
//! ```

use crate::ast::{OperatorKind, Sort, SortOrder, Top, TopNestedLevel};
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    /// `sort [hint...] by Key [asc|desc] [nulls first|last], ...`.
    pub(crate) fn sort(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&[])?;
        self.expect_word("by", "`by`")?;
        let mut keys = vec![self.sort_key()?];
        while self.eat(TokenKind::Comma).is_some() {
            keys.push(self.sort_key()?);
        }
        Ok(OperatorKind::Sort(Sort { options, keys }))
    }

    /// `top N by Key [asc|desc] [nulls first|last]`.
    pub(crate) fn top(&mut self) -> PResult<OperatorKind> {
        let count = self.expr()?;
        self.expect_word("by", "`by`")?;
        let by = self.sort_key()?;
        Ok(OperatorKind::Top(Box::new(Top { count, by })))
    }

    /// `top-nested [N] of Expr [with others = V] by Aggregate [asc|desc], ...`.
    pub(crate) fn top_nested(&mut self) -> PResult<OperatorKind> {
        let mut levels = vec![self.top_nested_level()?];
        while self.eat(TokenKind::Comma).is_some() {
            let (name, len, _) = self
                .hyphenated_name()
                .unwrap_or(("", 0, self.peek().span()));
            if name == "top-nested" {
                self.pos += len;
            }
            levels.push(self.top_nested_level()?);
        }
        Ok(OperatorKind::TopNested(levels))
    }

    fn top_nested_level(&mut self) -> PResult<TopNestedLevel> {
        let start = self.peek().start;
        let count = if self.at_word("of") {
            None
        } else {
            Some(self.expr()?)
        };
        self.expect_word("of", "`of`")?;
        let of = self.named_expr()?;
        let others = if self.at_word("with") && self.nth_is_word(1, "others") {
            self.pos += 2;
            self.expect(TokenKind::Assign, "`=`")?;
            Some(self.expr()?)
        } else {
            None
        };
        self.expect_word("by", "`by`")?;
        let by = self.named_expr()?;
        let order = if self.eat_word("asc").is_some() {
            Some(SortOrder::Asc)
        } else if self.eat_word("desc").is_some() {
            Some(SortOrder::Desc)
        } else {
            None
        };
        Ok(TopNestedLevel {
            count,
            of,
            others,
            by,
            order,
            span: self.span_from(start),
        })
    }
}
