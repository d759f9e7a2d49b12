//! `render`.
//!
//! ```kql
//! T | render timechart
//! T | render columnchart with (kind=stacked, title="Mail per day", ycolumns=Inbound, Outbound)
//! T | render columnchart kind=stacked          // legacy form without `with`
//! ```

use crate::ast::{OperatorKind, Render, RenderProperty};
use crate::error::Expected;
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn render(&mut self) -> PResult<OperatorKind> {
        let chart = self.ident()?;
        let mut properties = Vec::new();
        if self.at_word("with") && self.nth(1).kind == TokenKind::LParen {
            self.bump();
            let open = self.bump();
            while !self.at(TokenKind::RParen) {
                properties.push(self.render_property()?);
                if self.eat(TokenKind::Comma).is_none() {
                    break;
                }
            }
            self.expect_closer(open)?;
        } else {
            while self.option_name_at().is_some() {
                properties.push(self.render_property()?);
                self.eat(TokenKind::Comma);
            }
        }
        Ok(OperatorKind::Render(Render { chart, properties }))
    }

    /// `name = value[, value...]`; a `,` followed by `name =` starts the next property.
    fn render_property(&mut self) -> PResult<RenderProperty> {
        let Some((name, len)) = self.option_name_at() else {
            return Err(self.unexpected(Expected::Token("a `name = value` property")));
        };
        let first = self.peek();
        self.pos += len;
        let name = crate::ast::Ident {
            name,
            span: self.span_from(first.start),
        };
        self.bump(); // `=`
        let mut values = vec![self.expr()?];
        while self.at(TokenKind::Comma) && !self.next_is_property() {
            self.bump();
            values.push(self.expr()?);
        }
        Ok(RenderProperty {
            span: self.span_from(name.span.start),
            name,
            values,
        })
    }

    /// After a `,`: is a `name =` property next?
    fn next_is_property(&self) -> bool {
        let mut n = 1;
        while self.nth(n).kind == TokenKind::Ident && self.nth(n + 1).kind == TokenKind::Dot {
            n += 2;
        }
        self.nth(n).kind == TokenKind::Ident && self.nth(n + 1).kind == TokenKind::Assign
            || self.nth(n).kind == TokenKind::RParen
    }
}
