//! `parse`, `parse-where` and `parse-kv`.
//!
//! ```kql
//! T | parse Message with * "user=" User:string " id=" Id:long *
//! T | parse kind=regex flags=i Message with "id=" Id:long
//! T | parse-where Message with "[" Level "] " Text
//! T | parse-kv Text as (Key:string, Value:long) with (pair_delimiter=",", kv_delimiter="=")
//! ```

use crate::ast::{OperatorKind, Parse, ParseKv, ParsePart};
use crate::error::Expected;
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn parse_op(&mut self, is_where: bool) -> PResult<OperatorKind> {
        let options = self.options(&["kind", "flags"])?;
        let source = self.expr()?;
        self.expect_word("with", "`with`")?;
        let mut pattern = Vec::new();
        loop {
            let t = self.peek();
            let part = match t.kind {
                TokenKind::String => {
                    let value = self.string_literal()?.value;
                    ParsePart::Literal {
                        value,
                        span: self.span_from(t.start),
                    }
                }
                TokenKind::Star => {
                    self.bump();
                    ParsePart::Star { span: t.span() }
                }
                TokenKind::Ident | TokenKind::LBracket if self.at_ident() => {
                    let name = self.ident()?;
                    let ty = match self.eat(TokenKind::Colon) {
                        Some(_) => Some(self.scalar_type()?),
                        None => None,
                    };
                    ParsePart::Column {
                        name,
                        ty,
                        span: self.span_from(t.start),
                    }
                }
                _ => break,
            };
            pattern.push(part);
        }
        if pattern.is_empty() {
            return Err(self.unexpected_with(
                Expected::Token("a pattern"),
                Some("a pattern is a sequence of \"strings\", Column[:type] and *".into()),
            ));
        }
        Ok(OperatorKind::Parse(Box::new(Parse {
            is_where,
            options,
            source,
            pattern,
        })))
    }

    pub(crate) fn parse_kv(&mut self) -> PResult<OperatorKind> {
        let source = self.expr()?;
        self.expect_word("as", "`as`")?;
        let columns = self.column_decls()?;
        let options = if self.eat_word("with").is_some() {
            self.with_options()?
        } else {
            Vec::new()
        };
        Ok(OperatorKind::ParseKv(Box::new(ParseKv {
            source,
            columns,
            options,
        })))
    }
}
